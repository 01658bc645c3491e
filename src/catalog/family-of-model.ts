import type { FamilyEncoding } from "../tokens/family-encodings.js";

/**
 * Which open family's tokenizer and chat template count a model exactly, from its id at any host
 * (`meta-llama/Llama-3.3-70B-Instruct-Turbo`, `llama-3.3-70b-versatile`, `qwen/qwen3-32b`).
 * Only models whose published tokenizer *and* template are the ones shipped: Llama 3.0 and 3.2
 * (other templates), Llama 4, Qwen3-Coder and the 2507 updates (other templates), Qwen 2.5, DeepSeek
 * R1 / V3.1 / V3.2 (other templates) and the vendors' hosted API models (tokenizers unpublished)
 * stay on the labelled o200k_base proxy.
 */
const FAMILIES: readonly [RegExp, FamilyEncoding][] = [
  // A base model (OpenRouter's `llama-3.1-405b`) has no chat template: only instruct names.
  [/^(?:meta-)?llama-3\.[13]-(?:8|70|405)b(?:-instruct|-turbo|-versatile|-instant|-fp8|-fast)+$/, "llama3"],
  [/^qwen3-\d+(?:\.\d+)?b(?:-a\d+(?:\.\d+)?b)?(?:-fp8)?$/, "qwen3"],
  [/^deepseek-(?:v3|chat-v3)(?:-0324)?$/, "deepseek_v3"],
  // Mistral NeMo 2407 (mistral-common maps `mistral-nemo` to Tekken 240718); not Mistral's later
  // Tekken models, whose files and instruct formats differ.
  [/^(?:open-)?mistral-nemo(?:-instruct)?(?:-2407)?$/, "mistral_nemo"],
];

export function familyOfModel(id: string): FamilyEncoding | null {
  const name = (id.split("/").at(-1) ?? id).toLowerCase();
  for (const [pattern, family] of FAMILIES) if (pattern.test(name)) return family;
  return null;
}
