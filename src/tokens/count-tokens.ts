import type { Encoding, ModelInfo } from "../catalog/types.js";
import type { ChatMessage } from "../providers/types.js";

/**
 * Token counting. OpenAI models are counted exactly with their own BPE (gpt-tokenizer,
 * identical ids to tiktoken). Other vendors publish no tokenizer for current models, so
 * their counts use o200k_base as a proxy and are labelled approximate.
 */
export interface TokenCount {
  tokens: number;
  exact: boolean;
  method: string;
}

interface Encoder {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

// Chat framing per OpenAI's cookbook ("How to count tokens with tiktoken"): every message
// costs 3 tokens of framing, and the reply is primed with 3 more.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;
// User text may contain `<|endoftext|>`; count it as text instead of throwing.
const NO_SPECIAL = { disallowedSpecial: new Set<string>() };

const encoders = new Map<Encoding, Encoder>();
let loading: Promise<void> | undefined;

/** Loads the encoders once (about 0.4 s of CPU), off the start-up path. */
export function loadTokenizers(): Promise<void> {
  loading ??= Promise.all([
    import("gpt-tokenizer/encoding/o200k_base").then((module) => encoders.set("o200k_base", module)),
    import("gpt-tokenizer/encoding/cl100k_base").then((module) => encoders.set("cl100k_base", module)),
  ]).then(() => undefined);
  return loading;
}

function encoder(encoding: Encoding): Encoder {
  const loaded = encoders.get(encoding);
  if (!loaded) throw new Error("tokenizers not loaded: await loadTokenizers() first");
  return loaded;
}

function methodFor(model: Pick<ModelInfo, "encoding"> | null): {
  encoding: Encoding;
  exact: boolean;
  method: string;
} {
  if (model?.encoding) return { encoding: model.encoding, exact: true, method: model.encoding };
  return {
    encoding: "o200k_base",
    exact: false,
    method: "approximate (o200k_base proxy; the vendor publishes no tokenizer)",
  };
}

export function countTextTokens(text: string, model: Pick<ModelInfo, "encoding"> | null): TokenCount {
  const { encoding, exact, method } = methodFor(model);
  return { tokens: encoder(encoding).countTokens(text, NO_SPECIAL), exact, method };
}

export function countMessageTokens(
  messages: readonly ChatMessage[],
  model: Pick<ModelInfo, "encoding"> | null,
): TokenCount {
  const { encoding, exact, method } = methodFor(model);
  const bpe = encoder(encoding);
  let tokens = TOKENS_PER_REPLY;
  for (const message of messages) {
    tokens +=
      TOKENS_PER_MESSAGE +
      bpe.countTokens(message.role, NO_SPECIAL) +
      bpe.countTokens(message.content, NO_SPECIAL);
  }
  return { tokens, exact, method };
}
