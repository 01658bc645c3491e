import { createRequire } from "node:module";
import type { Encoding, ModelInfo } from "../catalog/types.js";
import { contentText } from "../chat/message-text.js";
import type { ChatMessage, ToolDefinition } from "../chat/types.js";
import { runOffThread } from "../workers/offload.js";
import { countBounded, countBoundedSync, createTurn, MAX_PIECE_CHARS, type Turn } from "./bounded-count.js";
import { bytePairCounter } from "./byte-pair-counter.js";
import { messageExtraTokens, toolDefinitionTokens } from "./count-parts.js";
import { FAMILY_SPECS, type FamilyEncoding, isFamilyEncoding } from "./family-encodings.js";
import { warmFamilyTokenizer } from "./family-readiness.js";
import type { FamilyChatMessage } from "./family-tokenizer.js";
import { loadRankTable } from "./openai-ranks.js";
import { proxyMarginOf } from "./proxy-margin.js";
import { withUnicodeWhitespace } from "./tiktoken-parity.js";

/**
 * Token counting. OpenAI models are counted exactly with their own BPE (gpt-tokenizer's ranks held
 * as bytes, byte-pair-counter.ts: identical ids to tiktoken); Llama 3.1/3.3, Qwen3 and DeepSeek V3 with their own tokenizer and
 * chat template, on the worker thread (family-tokenizer.ts). Other models' counts use o200k_base
 * as a proxy and are labelled approximate. Counting is bounded (bounded-count.ts): linear in the
 * text, yielding to the event loop on long inputs.
 */
export interface TokenCount {
  tokens: number;
  exact: boolean;
  method: string;
}

/** One encoding's counter (byte-pair-counter.ts): special-token strings counted as text. */
interface Encoder {
  countTokens: (text: string) => number;
}

// Chat framing per OpenAI's cookbook ("How to count tokens with tiktoken"): every message
// costs 3 tokens of framing, and the reply is primed with 3 more.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;
// User text may contain `<|endoftext|>`: the counter (byte-pair-counter.ts) looks for no special
// token, so it counts as text.

/** The encodings counted on this thread (OpenAI's, ranks from gpt-tokenizer). */
export type BpeEncoding = Exclude<Encoding, FamilyEncoding>;
const encoders = new Map<BpeEncoding, Encoder>();
/** Each encoding's pre-token regex, with whitespace as tiktoken has it (see tiktoken-parity.ts). */
const SPLITS = {
  get o200k_base() {
    return splitOf("o200k_base");
  },
  get cl100k_base() {
    return splitOf("cl100k_base");
  },
} satisfies Record<BpeEncoding, RegExp>;
const splits = new Map<BpeEncoding, RegExp>();

/**
 * Built on first use, not at start-up: the library's constants module (required outside the
 * bundle) and compiling the Unicode regex cost ~10 ms of every start.
 */
function splitOf(encoding: BpeEncoding): RegExp {
  let split = splits.get(encoding);
  if (!split) {
    const constants = createRequire(import.meta.url)(
      "gpt-tokenizer/encodingParams/constants",
    ) as typeof import("gpt-tokenizer/encodingParams/constants");
    split = withUnicodeWhitespace(
      encoding === "o200k_base" ? constants.O200K_TOKEN_SPLIT_REGEX : constants.CL100K_TOKEN_SPLIT_REGEX,
    );
    splits.set(encoding, split);
  }
  return split;
}
const CUT_NOTE = `; pre-tokens over ${MAX_PIECE_CHARS} characters (runs without spaces) counted in pieces, approximate`;

const loading = new Map<BpeEncoding, Promise<void>>();

/**
 * Loads encoders once (tens of ms and ~5 MB each, see openai-ranks.ts), off the start-up path and
 * in steps that give the event loop back. Every catalog model uses o200k_base (exact for OpenAI, the
 * proxy for others), so only it loads unless another encoding is asked for.
 */
export function loadTokenizers(encodings: readonly BpeEncoding[] = ["o200k_base"]): Promise<void> {
  return Promise.all(
    encodings.map((encoding) => {
      let pending = loading.get(encoding);
      if (!pending) {
        pending = loadRankTable(encoding).then((table) => {
          encoders.set(encoding, { countTokens: bytePairCounter(table, SPLITS[encoding]).count });
        });
        // A failed load (a damaged file) is tried again by the next caller.
        pending.catch(() => loading.delete(encoding));
        loading.set(encoding, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

/** True once loadTokenizers() (o200k_base) has finished: a request then need not await it. */
export function tokenizersLoaded(): boolean {
  return encoders.has("o200k_base");
}

function encoder(encoding: BpeEncoding): Encoder {
  const loaded = encoders.get(encoding);
  if (!loaded) throw new Error("tokenizers not loaded: await loadTokenizers() first");
  return loaded;
}

/** A model as counting needs it: its exact encoding, if any, else its vendor (for the proxy's label). */
export type Countable = Pick<ModelInfo, "encoding"> & { vendor?: string };

function methodFor(model: Countable | null): {
  encoding: Encoding;
  exact: boolean;
  method: string;
} {
  if (isFamilyEncoding(model?.encoding))
    return {
      encoding: model.encoding,
      exact: true,
      method: `${model.encoding} (${FAMILY_SPECS[model.encoding].label})`,
    };
  if (model?.encoding) return { encoding: model.encoding, exact: true, method: model.encoding };
  const margin = proxyMarginOf(model?.vendor);
  return {
    encoding: "o200k_base",
    exact: false,
    method: margin
      ? `approximate (o200k_base proxy; this model's own tokenizer and template are not bundled; the ${margin.tokenizer} tokenizer counted ${margin.measured} the proxy's)`
      : "approximate (o200k_base proxy; this model's own tokenizer is not bundled)",
  };
}

/** The same count labelled for another model that is counted the same way (one proxy count, many vendors). */
export function relabel(count: TokenCount, model: Countable): TokenCount {
  if (model.encoding || count.exact || count.method === "given") return count;
  const method = methodFor(model).method;
  return {
    tokens: count.tokens,
    exact: false,
    method: count.method.endsWith(CUT_NOTE) ? method + CUT_NOTE : method,
  };
}

/**
 * A proxy count labelled for a model of an open family whose tokenizer is still loading on its
 * thread (count-input.ts answers with it rather than wait): which proxy, why, and its margin.
 */
export function whileTokenizerLoads(count: TokenCount, family: FamilyEncoding, vendor?: string): TokenCount {
  const margin = proxyMarginOf(vendor);
  const measured = margin ? `; the ${margin.tokenizer} tokenizer counted ${margin.measured} the proxy's` : "";
  const method = `approximate (o200k_base proxy while the ${FAMILY_SPECS[family].label} load, about a second: ask again for the exact count${measured})`;
  return {
    tokens: count.tokens,
    exact: false,
    method: count.method.endsWith(CUT_NOTE) ? method + CUT_NOTE : method,
  };
}

function countWith(encoding: BpeEncoding, text: string, turn: Turn) {
  return countBounded(encoder(encoding).countTokens, SPLITS[encoding], text, turn);
}

function labelled(tokens: number, cut: boolean, method: ReturnType<typeof methodFor>): TokenCount {
  if (!cut) return { tokens, exact: method.exact, method: method.method };
  return { tokens, exact: false, method: method.method + CUT_NOTE };
}

export async function countTextTokens(
  text: string,
  model: Countable | null,
  turn: Turn = createTurn(),
): Promise<TokenCount> {
  const method = methodFor(model);
  if (isFamilyEncoding(method.encoding)) {
    await warmFamilyTokenizer(method.encoding);
    const counted = await runOffThread("countFamilyText", { family: method.encoding, text });
    return labelled(counted.tokens, counted.approximate, method);
  }
  const { tokens, cut } = await countWith(method.encoding, text, turn);
  return labelled(tokens, cut, method);
}

/** A chat as the family tokenizers' templates take it: text content, tool-call arguments as sent. */
function familyMessages(messages: readonly ChatMessage[]): {
  messages: FamilyChatMessage[];
  textOnly: boolean;
} {
  let textOnly = true;
  const converted = messages.map((message): FamilyChatMessage => {
    let content: string | null;
    if (typeof message.content === "string" || message.content === null) content = message.content;
    else {
      textOnly &&= message.content.every((part) => part.type === "text");
      content = contentText(message.content);
    }
    const calls = message.tool_calls?.flatMap((call) => (call.type === "function" ? [call] : []));
    if (calls && calls.length !== message.tool_calls?.length) textOnly = false;
    return {
      role: message.role === "developer" ? "system" : message.role,
      content,
      ...(message.name !== undefined && { name: message.name }),
      ...(message.tool_call_id !== undefined && { tool_call_id: message.tool_call_id }),
      ...(calls?.length && { tool_calls: calls }),
    };
  });
  return { messages: converted, textOnly };
}

async function countFamilyMessages(
  messages: readonly ChatMessage[],
  family: FamilyEncoding,
  tools: readonly ToolDefinition[] | undefined,
  method: ReturnType<typeof methodFor>,
): Promise<TokenCount> {
  const chat = familyMessages(messages);
  await warmFamilyTokenizer(family);
  const counted = await runOffThread("countFamilyChat", {
    family,
    messages: chat.messages,
    ...(tools?.length && { tools: [...tools] }),
  });
  // Images and files are not text the template can place: their tokens are not counted exactly.
  if (!chat.textOnly && !counted.approximate)
    return { ...labelled(counted.tokens, false, method), exact: false };
  return labelled(counted.tokens, counted.approximate, method);
}

/**
 * Tokens of each role name, per encoding: a role is one of three words, and counting it through
 * the BPE on every message was half of the tokenizer calls for a short prompt.
 */
const MAX_ROLES = 8;
const roleTokens = new Map<BpeEncoding, Map<ChatMessage["role"], number>>();

function roleTokenCount(encoding: BpeEncoding, role: ChatMessage["role"]): number {
  let counts = roleTokens.get(encoding);
  if (!counts) {
    counts = new Map();
    roleTokens.set(encoding, counts);
  }
  let count = counts.get(role);
  if (count === undefined) {
    count = encoder(encoding).countTokens(role);
    // Bounded in case a caller ever passes roles unchecked: only the few real ones are kept.
    if (counts.size < MAX_ROLES) counts.set(role, count);
  }
  return count;
}

/**
 * Messages plus, when given, tool definitions; images by OpenAI's tile formula (see count-parts).
 * Message text yields on long inputs (see bounded-count.ts); names, tool arguments and tool
 * definitions are counted at once, linearly.
 */
export async function countMessageTokens(
  messages: readonly ChatMessage[],
  model: Countable | null,
  tools?: readonly ToolDefinition[],
  turn: Turn = createTurn(),
): Promise<TokenCount> {
  const method = methodFor(model);
  if (isFamilyEncoding(method.encoding)) return countFamilyMessages(messages, method.encoding, tools, method);
  const encoding: BpeEncoding = method.encoding;
  const countText = encoder(encoding).countTokens;
  let cut = false;
  const count = (text: string) => {
    const counted = countBoundedSync(countText, SPLITS[encoding], text);
    cut ||= counted.cut;
    return counted.tokens;
  };
  let tokens = TOKENS_PER_REPLY;
  for (const message of messages) {
    const text = typeof message.content === "string" ? message.content : contentText(message.content);
    let content: number;
    if (text.length <= MAX_PIECE_CHARS) {
      // What countBounded does for a text of one piece, without its generator and promise (most
      // messages are this short); the turn still pauses after it when it has run long.
      content = countText(text);
      if (turn.due()) await turn.pause();
    } else {
      const counted = await countWith(encoding, text, turn);
      content = counted.tokens;
      cut ||= counted.cut;
    }
    tokens += TOKENS_PER_MESSAGE + roleTokenCount(encoding, message.role) + content;
    if (typeof message.content !== "string" || message.name !== undefined || message.tool_calls)
      tokens += messageExtraTokens(message, count);
  }
  tokens += toolDefinitionTokens(tools, count);
  return labelled(tokens, cut, method);
}
