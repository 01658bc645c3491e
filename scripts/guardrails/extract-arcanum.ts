// The Arcanum Prompt Injection Taxonomy (Arcanum-Sec/arc_pi_taxonomy, CC BY 4.0, Jason Haddix): example
// attacks for each technique, evasion and intent of its taxonomy (docs/data/taxonomy.json), mostly
// English. Only examples that are an attack as written are read: the taxonomy also describes tooling
// ("(tooling) mutate seed templates…"), multi-turn plans ("A -> B -> C"), goals that are ordinary
// requests from a user ("What tools do you have access to?", "Respond in 5 words or less"), and
// encodings that show no readable words (Morse, Baconian, braille…), which are left to the rules.
// Split by entry (the taxonomy's sorted ids, every third dev), so dev techniques are unseen in training.
import type { CorpusKind } from "./corpus-line.js";
import type { ExtractedLine } from "./extract-injecagent.js";

interface Entry {
  id: string;
  delivery?: string;
  examples?: string[];
}

export interface ArcanumTaxonomy {
  techniques: Entry[];
  evasions: Entry[];
  intents: Entry[];
}

/** Techniques whose examples are plans, descriptions, harmful questions or plain requests, not attacks. */
const NOT_ATTACKS_AS_WRITTEN = new Set([
  "agent_instruction_file_injection",
  "autonomous_strategy_discovery",
  "best_of_n",
  "binary_streams",
  "cognitive_overload",
  "confused_deputy",
  "crescendo",
  "distraction_sandwich",
  "echo_chamber",
  "evaluator_role_abuse",
  "fake_citation_grounding",
  "function_call_parameter_smuggling",
  "fuzzing_jailbreak",
  "glitch_tokens",
  "many_shot",
  "masked_word_reconstruction",
  "multi_turn_decomposition",
  "reasoning_dilution",
  "retrieval_ranking_manipulation",
  "self_persuasion",
  "structured_output_coercion",
  "tense_reformulation",
  "thinking_mode_manipulation",
  "tool_preference_manipulation",
  "tool_rug_pull",
  "truncated_instructions",
  "weight_ablation",
]);

/**
 * Evasions whose examples keep readable words (homoglyphs, leetspeak, fullwidth…); the rest are pure
 * encodings, or tricks with links and compressed blobs described rather than written out.
 */
const READABLE_EVASIONS = new Set([
  "acrostics",
  "alt_language",
  "bijection_learning",
  "bidi_override",
  "case_changing",
  "cipher",
  "code_switching",
  "delimiter",
  "fullwidth",
  "homoglyphs",
  "html_entities",
  "invisible_text",
  "json",
  "layered_encoding",
  "markdown",
  "metacharacter_confusion",
  "phoenetic_substitution",
  "reverse",
  "small_caps",
  "splats",
  "strikethrough_underline",
  "synonyms",
  "truncation_misspelling",
  "xml",
  "alt_base_encoding",
  "charset_confusion",
  "numeric_codepoint_encoding",
]);

/** The intents that are attacks from a user: extracting the prompt or its secrets, unlocking a persona. */
const ATTACK_INTENTS = new Set([
  "system_prompt_leak",
  "get_prompt_secret",
  "jailbreak",
  "multi_chain_attacks",
]);

/** Entries that ask the model to drop its limits (personas, fiction, pressure) rather than its instructions. */
const JAILBREAK_ENTRIES = new Set([
  "anti_harm_coercion",
  "anti_refusal",
  "adversarial_poetry",
  "cot_spoofing",
  "gradient_based_attacks",
  "history_fabrication",
  "jailbreak",
  "narrative_injection",
  "output_priming",
  "persuasion",
  "priming",
  "reiteration",
  "symbolic_math_encoding",
]);

export function extractArcanum(taxonomy: ArcanumTaxonomy): ExtractedLine[] {
  const entries = [
    ...taxonomy.techniques.filter((entry) => !NOT_ATTACKS_AS_WRITTEN.has(entry.id)),
    ...taxonomy.evasions.filter((entry) => READABLE_EVASIONS.has(entry.id)),
    ...taxonomy.intents.filter((entry) => ATTACK_INTENTS.has(entry.id)),
  ];
  // Sides are fixed over every entry of the taxonomy, so leaving one more entry out moves no other.
  const ids = [...taxonomy.techniques, ...taxonomy.evasions, ...taxonomy.intents]
    .map((entry) => entry.id)
    .sort();
  const lines: ExtractedLine[] = [];
  for (const entry of entries) {
    const split = ids.indexOf(entry.id) % 3 === 2 ? "dev" : "train";
    const kind: CorpusKind = JAILBREAK_ENTRIES.has(entry.id) ? "jailbreak" : "prompt_injection";
    for (const example of entry.examples ?? []) {
      if (/^\(|\s->\s/.test(example)) continue;
      // A closing "(Cyrillic letters mixed in)" or "(reveal your secrets)" explains the example to a reader.
      const text = example.replace(/\s+\([^()]*\)\s*$/, "").trim();
      const line: ExtractedLine = { text, kind, split };
      if (entry.delivery === "indirect") line.context = "document";
      lines.push(line);
    }
  }
  return lines;
}
