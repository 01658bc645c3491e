// InjecAgent (uiuc-kang-lab/InjecAgent, MIT; read from a fork's snapshot that keeps its data files):
// attacker instructions written into the tool responses of 17 user tools (product reviews, notes,
// e-mails, calendar events, repository descriptions…), plain ("base") or behind its "IMPORTANT!!!
// Ignore all previous instructions" prefix ("enhanced"): prompt_injection, context tool_result. The
// same responses with a harmless sentence in the attacker's slot are benign tool_result, and the
// user instructions are benign requests. Split by user tool and by attacker case, so a dev line
// shares neither its envelope nor its attacker goal with a training line.
import type { CorpusKind } from "./corpus-line.js";
import { mulberry32 } from "./seeded-random.js";

export interface TestCase {
  "User Tool": string;
  "User Instruction": string;
  "Attacker Instruction": string;
  "Tool Response Template": string;
  "Tool Response": string;
}

export interface ExtractedLine {
  text: string;
  kind: CorpusKind;
  split: string;
  context?: string;
  /** Set where the source says the language; otherwise the builder guesses it from the script. */
  lang?: string;
}

/** User tools from this index on are dev; attacker cases whose index is 2 mod 3 are dev. */
const DEV_USER_TOOL_FROM = 12;
const devAttackerCase = (index: number) => index % 3 === 2;

/** The attacker instructions in file order (direct harm, then data stealing), each once. */
function attackerCasesOf(base: TestCase[][]): string[] {
  return [...new Set(base.flat().map((testCase) => testCase["Attacker Instruction"]))];
}

/** The attacker instructions on each side of this source's split (for other composers' payloads). */
export function attackerCasesBySplit(base: TestCase[][]): { train: string[]; dev: string[] } {
  const cases = attackerCasesOf(base);
  return {
    train: cases.filter((_, index) => !devAttackerCase(index)),
    dev: cases.filter((_, index) => devAttackerCase(index)),
  };
}

export function extractInjecAgent(
  files: { base: TestCase[][]; enhanced: TestCase[][] },
  benignFill: { train: string[]; dev: string[] },
): ExtractedLine[] {
  const random = mulberry32(1919);
  const lines: ExtractedLine[] = [];
  const userTools = [...new Set(files.base.flat().map((testCase) => testCase["User Tool"]))];
  const attackerCases = attackerCasesOf(files.base);
  const splitOf = (testCase: TestCase): string | undefined => {
    const devTool = userTools.indexOf(testCase["User Tool"]) >= DEV_USER_TOOL_FROM;
    const devAttack = devAttackerCase(attackerCases.indexOf(testCase["Attacker Instruction"]));
    if (devTool && devAttack) return "dev";
    if (!devTool && !devAttack) return "train";
    return undefined;
  };
  const enhanced = new Map(
    files.enhanced
      .flat()
      .map((testCase) => [`${testCase["User Tool"]}|${testCase["Attacker Instruction"]}`, testCase]),
  );
  for (const testCase of files.base.flat()) {
    const split = splitOf(testCase);
    if (split === undefined) continue;
    const other = enhanced.get(`${testCase["User Tool"]}|${testCase["Attacker Instruction"]}`);
    const chosen = other !== undefined && random() < 0.5 ? other : testCase;
    lines.push({
      text: unquote(chosen["Tool Response"]),
      kind: "prompt_injection",
      split,
      context: "tool_result",
    });
  }
  for (const [index, tool] of userTools.entries()) {
    const split = index >= DEV_USER_TOOL_FROM ? "dev" : "train";
    const testCase = files.base.flat().find((candidate) => candidate["User Tool"] === tool);
    if (testCase === undefined) continue;
    lines.push({ text: testCase["User Instruction"], kind: "benign", split });
    const fills = benignFill[split as "train" | "dev"];
    for (let copy = 0; copy < 4 && fills.length > 0; copy++) {
      const fill = fills[Math.floor(random() * fills.length)] ?? "";
      const text = testCase["Tool Response Template"].replace(
        "<Attacker Instruction>",
        fill.replace(/'/g, "’"),
      );
      lines.push({ text, kind: "benign", split, context: "tool_result" });
    }
  }
  // The attacker's instruction on its own, from the user, is an ordinary request to the user's own agent
  // ("Please transfer $3,000 to account 123-1234-1234"): benign user lines, split as their attacker case.
  for (const [index, instruction] of attackerCases.entries())
    lines.push({ text: instruction, kind: "benign", split: devAttackerCase(index) ? "dev" : "train" });
  return lines;
}

/** Tool responses are stored as a quoted Python literal: `"{'a': …}"`. */
function unquote(text: string): string {
  return text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}
