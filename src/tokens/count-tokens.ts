import type { Encoding, ModelInfo } from "../catalog/types.js";
import { contentText } from "../chat/message-text.js";
import type { ChatMessage, ToolDefinition } from "../chat/types.js";
import { messageExtraTokens, toolDefinitionTokens } from "./count-parts.js";

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

const LOADERS: Record<Encoding, () => Promise<Encoder>> = {
  o200k_base: () => import("gpt-tokenizer/encoding/o200k_base"),
  cl100k_base: () => import("gpt-tokenizer/encoding/cl100k_base"),
};
const loading = new Map<Encoding, Promise<void>>();

/**
 * Loads encoders once (about 0.4 s of CPU and 40 MB each), off the start-up path. Every
 * catalog model uses o200k_base (exact for OpenAI, the proxy for others), so only it loads
 * unless another encoding is asked for.
 */
export function loadTokenizers(encodings: readonly Encoding[] = ["o200k_base"]): Promise<void> {
  return Promise.all(
    encodings.map((encoding) => {
      let pending = loading.get(encoding);
      if (!pending) {
        pending = LOADERS[encoding]().then((module) => {
          encoders.set(encoding, module);
        });
        loading.set(encoding, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
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

/**
 * Tokens of each role name, per encoding: a role is one of three words, and counting it through
 * the BPE on every message was half of the tokenizer calls for a short prompt.
 */
const MAX_ROLES = 8;
const roleTokens = new Map<Encoding, Map<ChatMessage["role"], number>>();

function roleTokenCount(encoding: Encoding, role: ChatMessage["role"]): number {
  let counts = roleTokens.get(encoding);
  if (!counts) {
    counts = new Map();
    roleTokens.set(encoding, counts);
  }
  let count = counts.get(role);
  if (count === undefined) {
    count = encoder(encoding).countTokens(role, NO_SPECIAL);
    // Bounded in case a caller ever passes roles unchecked: only the few real ones are kept.
    if (counts.size < MAX_ROLES) counts.set(role, count);
  }
  return count;
}

/** Messages plus, when given, tool definitions; images by OpenAI's tile formula (see count-parts). */
export function countMessageTokens(
  messages: readonly ChatMessage[],
  model: Pick<ModelInfo, "encoding"> | null,
  tools?: readonly ToolDefinition[],
): TokenCount {
  const { encoding, exact, method } = methodFor(model);
  const bpe = encoder(encoding);
  const count = (text: string) => bpe.countTokens(text, NO_SPECIAL);
  let tokens = TOKENS_PER_REPLY;
  for (const message of messages) {
    tokens +=
      TOKENS_PER_MESSAGE +
      roleTokenCount(encoding, message.role) +
      count(typeof message.content === "string" ? message.content : contentText(message.content));
    if (typeof message.content !== "string" || message.name !== undefined || message.tool_calls)
      tokens += messageExtraTokens(message, count);
  }
  tokens += toolDefinitionTokens(tools, count);
  return { tokens, exact, method };
}
