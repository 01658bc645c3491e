# Reads AgentDojo (ethz-spylab/agentdojo, MIT) from a git snapshot and prints corpus lines as JSON:
#  - the attacker goals of each suite's injection tasks, written into the suite's tool outputs
#    (emails, files, web pages, reviews, messages) at its injection points with AgentDojo's own
#    attack templates: prompt_injection lines, context tool_result;
#  - the same tool outputs with the suite's default (harmless) values at those points: benign tool_result;
#  - the user tasks' prompts: benign requests to an agent ("pay the bill in bill-december-2023.txt").
# Python source is parsed with ast, never executed. Seeded: the same snapshot gives the same lines.
# Usage: extract-agentdojo.py GIT_DIR COMMIT SUITE...   (SUITE as name=split, e.g. banking=train)
import ast
import json
import random
import re
import subprocess
import sys

import yaml

git_dir, commit, *suites = sys.argv[1:]
SUITES_CODE = "src/agentdojo/default_suites/v1"
SUITES_DATA = "src/agentdojo/data/suites"
ATTACK_FILES = ["src/agentdojo/attacks/baseline_attacks.py", "src/agentdojo/attacks/important_instructions_attacks.py"]
USERS = ["Emma Johnson", "the user", "Mark Smith"]
MODELS = ["GPT-4", "Claude", "the AI language model", "AI assistant", "AI model developed by Google", "Llama"]
random_ = random.Random(19)


def show(path):
    return subprocess.run(["git", "-C", git_dir, "show", f"{commit}:{path}"], capture_output=True, check=True).stdout.decode()


def string_of(node, names):
    """A str constant or an f-string whose parts are names bound to str constants; None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue) and isinstance(value.value, ast.Name) and value.value.id in names:
                parts.append(names[value.value.id])
            else:
                return None
        return "".join(parts)
    return None


def class_strings(source, attribute):
    """The value of `attribute` in each class, with module- and class-level str names resolved."""
    tree = ast.parse(source)
    module_names = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = string_of(node.value, module_names)
            if value is not None:
                module_names[node.targets[0].id] = value
    out = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        names = dict(module_names)
        for item in node.body:
            if isinstance(item, ast.Assign) and len(item.targets) == 1 and isinstance(item.targets[0], ast.Name):
                value = string_of(item.value, names)
                if value is not None:
                    names[item.targets[0].id] = value
        if attribute in names and names[attribute] != module_names.get(attribute):
            out.append(names[attribute])
    return out


def templates():
    """Attack strings: class-level `_JB_STRING`s and string arguments of calls (not docstrings)."""
    found = []
    for path in ATTACK_FILES:
        for node in ast.walk(ast.parse(show(path))):
            candidates = node.args if isinstance(node, ast.Call) else [node.value] if isinstance(node, ast.Assign) else []
            for candidate in candidates:
                value = string_of(candidate, {})
                if value and "{goal}" in value and value not in found:
                    found.append(value)
    return found


class Loader(yaml.SafeLoader):
    pass


def include(loader, node):
    return {"__include__": loader.construct_scalar(node)}


Loader.add_constructor("!include", include)


def load_yaml(path):
    data = yaml.load(show(path), Loader=Loader)

    def resolve(value, folder):
        if isinstance(value, dict):
            if set(value) == {"__include__"}:
                return resolve(yaml.load(show(f"{folder}/{value['__include__']}"), Loader=Loader), folder)
            return {key: resolve(item, folder) for key, item in value.items()}
        if isinstance(value, list):
            return [resolve(item, folder) for item in value]
        return value

    return resolve(data, path.rsplit("/", 1)[0])


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def records(value):
    """Dicts holding at least one string: each is one tool output (an email, a file, a review)."""
    if isinstance(value, dict):
        nested = [item for item in value.values() if isinstance(item, dict) or (isinstance(item, list) and any(isinstance(entry, dict) for entry in item))]
        long_strings = [key for key, item in value.items() if isinstance(item, str) and len(item) >= 30]
        if nested:
            for item in nested:
                yield from records(item)
        elif len(long_strings) > 4:
            # A mapping of many pages or files: each entry is one output.
            for key in long_strings:
                yield {key: value[key]}
        elif long_strings:
            yield value
    elif isinstance(value, list):
        for item in value:
            yield from records(item)
    elif isinstance(value, str) and len(value) >= 30:
        yield {"content": value}


def render(record, fill):
    def fill_value(value):
        if isinstance(value, str):
            return PLACEHOLDER.sub(lambda match: fill(match.group(1)), value)
        if isinstance(value, dict):
            return {key: fill_value(item) for key, item in value.items()}
        if isinstance(value, list):
            return [fill_value(item) for item in value]
        return value

    return yaml.safe_dump(fill_value(record), allow_unicode=True, sort_keys=False, width=10000).strip()


lines = []
attack_templates = templates()
for suite_split in suites:
    suite, split = suite_split.split("=")
    vectors = yaml.safe_load(show(f"{SUITES_DATA}/{suite}/injection_vectors.yaml"))
    defaults = {name: str(spec.get("default", "")) for name, spec in vectors.items()}
    environment = load_yaml(f"{SUITES_DATA}/{suite}/environment.yaml")
    injectable = []
    for record in records(environment):
        text = json.dumps(record, default=str)
        points = [name for name in PLACEHOLDER.findall(text) if name in defaults]
        if points:
            injectable.append((record, points))
        if len(text) < 4000:
            lines.append({"text": render(record, lambda name: defaults.get(name, "{" + name + "}")), "kind": "benign", "context": "tool_result", "split": split})
    for prompt in class_strings(show(f"{SUITES_CODE}/{suite}/user_tasks.py"), "PROMPT"):
        lines.append({"text": prompt, "kind": "benign", "context": "user", "split": split})
    for goal in class_strings(show(f"{SUITES_CODE}/{suite}/injection_tasks.py"), "GOAL"):
        for _ in range(5):
            template = random_.choice(attack_templates)
            attack = template.replace("{tools}\n", "").format(goal=goal.rstrip("."), user=random_.choice(USERS), model=random_.choice(MODELS))
            record, points = random_.choice(injectable)
            point = random_.choice(points)
            text = render(record, lambda name: attack if name == point else defaults.get(name, ""))
            lines.append({"text": text, "kind": "prompt_injection", "context": "tool_result", "split": split})
print(json.dumps(lines))
