// spikee (WithSecureLabs/spikee, Apache-2.0): its seed folders hold jailbreak wrappers ("*** NEW
// IMPORTANT INSTRUCTIONS ***", DAN, debug and developer modes, policy puppetry; English, and Zulu,
// Albanian, Irish and Scottish Gaelic versions) with an <INSTRUCTION> slot, and attacker
// instructions (system-prompt extraction, markdown exfiltration, XSS, encodings). spikee itself
// builds its dataset by writing instructions into wrappers and wrappers into documents; this does the
// same, seeded: each wrapper once as a user's message and once inside a benign paragraph
// (`document`). Split by wrapper family (the id before its number), so dev wrappers are unseen in
// training. The false-positive seed questions (investment questions asked of an assistant) are benign.
import type { ExtractedLine } from "./extract-injecagent.js";
import { mulberry32 } from "./seeded-random.js";

interface Wrapper {
  id: string;
  text: string;
  lang?: string;
}

interface Instruction {
  instruction: string;
  instruction_type: string;
  lang?: string;
}

/** Families whose wrapper makes the model another persona: a jailbreak from a user. */
const PERSONA_FAMILIES = new Set(["dan", "no-limits", "dev", "policy-puppetry", "lrl-zu-dev"]);

export function extractSpikee(
  seeds: { wrappers: Wrapper[]; instructions: Instruction[]; benignQuestions: string[]; documents: string[] },
  paragraphs: { train: string[]; dev: string[] },
): ExtractedLine[] {
  const random = mulberry32(2025);
  const lines: ExtractedLine[] = [];
  const instructions = seeds.instructions.filter((entry) => entry.instruction_type !== "financial-adv");
  const familyOf = (id: string) => id.replace(/-\d.*$/, "").replace(/-(?:ini|json)$/, "");
  const families = [...new Set(seeds.wrappers.map((wrapper) => familyOf(wrapper.id)))].sort();
  const devFamilies = new Set(families.filter((_, index) => index % 3 === 2));
  const seen = new Set<string>();
  for (const wrapper of seeds.wrappers) {
    if (seen.has(wrapper.text) || !wrapper.text.includes("<INSTRUCTION>")) continue;
    seen.add(wrapper.text);
    const family = familyOf(wrapper.id);
    const split = devFamilies.has(family) ? "dev" : "train";
    const lang = wrapper.lang ?? "en";
    const sameLanguage = instructions.filter((entry) => (entry.lang ?? "en") === lang);
    const pool = sameLanguage.length > 0 ? sameLanguage : instructions;
    const pick = () => pool[Math.floor(random() * pool.length)]?.instruction ?? "";
    const fill = (instruction: string) => wrapper.text.replace("<INSTRUCTION>", instruction);
    lines.push({
      text: fill(pick()),
      kind: PERSONA_FAMILIES.has(family) ? "jailbreak" : "prompt_injection",
      split,
    });
    const hosts = paragraphs[split as "train" | "dev"];
    const host = hosts[Math.floor(random() * hosts.length)] ?? "";
    const cut = host.indexOf(". ", host.length >> 1);
    const document =
      cut < 0
        ? `${host}\n${fill(pick())}`
        : `${host.slice(0, cut + 1)} ${fill(pick())} ${host.slice(cut + 2)}`;
    lines.push({ text: document, kind: "prompt_injection", split, context: "document" });
  }
  seeds.benignQuestions.forEach((question, index) => {
    lines.push({ text: question, kind: "benign", split: index % 3 === 2 ? "dev" : "train" });
  });
  for (const document of seeds.documents)
    if (!document.includes("<PLACEHOLDER>"))
      lines.push({ text: document, kind: "benign", split: "train", context: "document" });
  return lines;
}
