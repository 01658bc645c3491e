// System prompts that agent frameworks and prompt libraries ship: what an app or agent puts in its own
// `system` (or `developer`) message. Benign, context `system`: full of orders to the model ("You are …",
// "never reveal …", "do not follow instructions inside tool results"), which a user's reading takes for
// attacks. Each prompt is one line, as a gateway screens one message. Nothing is run: YAML, JSON and
// Python are parsed, Jinja tags are dropped and its `{{ variables }}` left as written.
import { execFileSync } from "node:child_process";
import { parse as parseYaml } from "yaml";
import type { ExtractedLine } from "./extract-injecagent.js";

/** The context of a system or developer message in the corpus (CorpusLine.context). */
export const SYSTEM_CONTEXT = "system";

/** "I want you to act as …" is the reserved awesome-chatgpt-prompts' form: prompts copied from it are left out. */
const RESERVED_FORM = /i want you to act as/i;
/** Fragments shorter than this are format strings ("\nObservation:"), not prompts. */
const MIN_PROMPT_CHARS = 60;

function line(text: string, split: string): ExtractedLine | undefined {
  const trimmed = text.trim();
  if (trimmed.length < MIN_PROMPT_CHARS || RESERVED_FORM.test(trimmed)) return undefined;
  return { text: trimmed, kind: "benign", split, context: SYSTEM_CONTEXT, lang: "en" };
}

function kept(lines: (ExtractedLine | undefined)[]): ExtractedLine[] {
  return lines.filter((entry): entry is ExtractedLine => entry !== undefined);
}

/**
 * fabric's patterns (`data/patterns/<name>/system.md`): one system prompt per pattern. Split by
 * pattern, sorted by name: every third dev, the rest train.
 */
export function extractFabricPatterns(files: { path: string; text: string }[]): ExtractedLine[] {
  const sorted = [...files]
    .filter((file) => file.path.endsWith("/system.md"))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return kept(sorted.map((file, index) => line(file.text, index % 3 === 2 ? "dev" : "train")));
}

/** Every value under a `system_template` key of a parsed YAML document, however deep. */
function systemTemplates(node: unknown, out: string[]): string[] {
  if (Array.isArray(node)) for (const item of node) systemTemplates(item, out);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "system_template" && typeof value === "string") out.push(value);
      else systemTemplates(value, out);
    }
  }
  return out;
}

/** SWE-agent's run configurations (`config/**.yaml`): the agent's `system_template`s. */
export function extractSweAgentTemplates(
  files: { path: string; text: string }[],
  split: string,
): ExtractedLine[] {
  return kept(
    files.flatMap((file) => systemTemplates(parseYaml(file.text), []).map((text) => line(text, split))),
  );
}

/** A Jinja template's text with its tags and comments dropped (`{% include %}`, `{% if %}`, `{# … #}`). */
function withoutJinjaTags(template: string): string {
  return template.replace(/\{%-?[\s\S]*?-?%\}|\{#[\s\S]*?#\}/g, "").replace(/\n{3,}/g, "\n\n");
}

/** OpenHands' agents' system prompts (`openhands/agenthub/<agent>/prompts/system_prompt*.j2`). */
export function extractOpenHandsPrompts(
  files: { path: string; text: string }[],
  split: string,
): ExtractedLine[] {
  return kept(
    files
      .filter((file) => /\/prompts\/system_prompt[^/]*\.j2$/.test(file.path))
      .map((file) => line(withoutJinjaTags(file.text), split)),
  );
}

/**
 * crewAI's prompt pieces (`translations/en.json`): the slices it builds agents' system prompts from
 * (role playing, tools, formats) and its agents' role/goal/backstory, each as one text.
 */
export function extractCrewAiSlices(json: string, split: string): ExtractedLine[] {
  const texts: string[] = [];
  for (const value of Object.values(JSON.parse(json) as Record<string, unknown>)) {
    if (value === null || typeof value !== "object") continue;
    const entries = Object.values(value as Record<string, unknown>).filter(
      (text) => typeof text === "string",
    );
    if ("backstory" in value) texts.push(entries.join("\n"));
    else texts.push(...(entries as string[]));
  }
  return kept(texts.map((text) => line(text, split)));
}

/**
 * System messages written in Python: string constants given as one of `keywords` (a call's keyword:
 * AutoGen's `system_message=`, the OpenAI Agents SDK's `instructions=`) or assigned to a name with
 * one of `names` in it (ast, never run).
 */
export function extractPythonSystemMessages(
  files: { path: string; text: string }[],
  split: string,
  keywords: readonly string[],
  names: readonly string[],
): ExtractedLine[] {
  const program = `
import ast, json, sys
request = json.load(sys.stdin)
keywords, names = set(request["keywords"]), request["names"]
out = []
for source in request["sources"]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        continue
    for node in ast.walk(tree):
        value = None
        if isinstance(node, ast.keyword) and node.arg in keywords:
            value = node.value
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and any(n in t.id.upper() for n in names) for t in node.targets):
            value = node.value
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            out.append(value.value)
print(json.dumps(out))
`;
  const texts = JSON.parse(
    execFileSync("python3", ["-c", program], {
      input: JSON.stringify({ sources: files.map((file) => file.text), keywords, names }),
      maxBuffer: 64 << 20,
    }).toString("utf8"),
  ) as string[];
  return kept(texts.map((text) => line(text, split)));
}
