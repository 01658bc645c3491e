import { execFileSync } from "node:child_process";

/**
 * The string literals of a Python file's dicts that have `textKey`: only plain constants are read
 * (ast, never executed), in ast.walk order. With `keywords`, a call's keyword arguments count as a
 * dict too (`Task(instruction="…")`). With `where`, only dicts whose values at those keys read, as
 * source, as given (`{ sender: "RoleType.USER" }`).
 */
export function pythonDicts(
  source: Buffer | string,
  textKey: string,
  flagKey?: string,
  options: { keywords?: boolean; where?: Record<string, string> } = {},
): { text: string; flag?: boolean }[] {
  const program = `
import ast, json, sys
tree = ast.parse(sys.stdin.read())
out = []
for node in ast.walk(tree):
    pairs = None
    if isinstance(node, ast.Dict):
        pairs = [(key.value, value) for key, value in zip(node.keys, node.values) if isinstance(key, ast.Constant)]
    elif ${options.keywords ? "True" : "False"} and isinstance(node, ast.Call):
        pairs = [(keyword.arg, keyword.value) for keyword in node.keywords if keyword.arg is not None]
    if pairs is not None:
        entry = {}
        for key, value in pairs:
            if isinstance(value, ast.Constant):
                entry[key] = value.value
        source = {key: ast.unparse(value) for key, value in pairs}
        if any(source.get(key) != wanted for key, wanted in ${JSON.stringify(options.where ?? {})}.items()):
            continue
        if isinstance(entry.get(${JSON.stringify(textKey)}), str):
            out.append({"text": entry[${JSON.stringify(textKey)}], "flag": entry.get(${JSON.stringify(flagKey ?? "")})})
print(json.dumps(out))
`;
  return JSON.parse(
    execFileSync("python3", ["-c", program], { input: source, maxBuffer: 64 << 20 }).toString(),
  );
}

/** The non-empty string constants a Python file assigns to `name` (`template = ("…" "…")`), read by ast, never run. */
export function pythonAssignments(source: Buffer | string, name: string): string[] {
  const program = `
import ast, json, sys
out = []
for node in ast.walk(ast.parse(sys.stdin.read())):
    if isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id == ${JSON.stringify(name)} for target in node.targets):
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str) and node.value.value.strip():
            out.append(node.value.value)
print(json.dumps(out))
`;
  return JSON.parse(
    execFileSync("python3", ["-c", program], { input: source, maxBuffer: 64 << 20 }).toString(),
  );
}
