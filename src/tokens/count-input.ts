import type { ChatMessage } from "../providers/types.js";
import { createTurn } from "./bounded-count.js";
import {
  type Countable,
  countMessageTokens,
  countTextTokens,
  relabel,
  type TokenCount,
  whileTokenizerLoads,
} from "./count-tokens.js";
import { type FamilyEncoding, isFamilyEncoding } from "./family-encodings.js";
import { isFamilyTokenizerWarm, warmFamilyTokenizer } from "./family-readiness.js";

/** What a caller may give to be counted: text, chat messages, or a known token count. */
export interface CountableInput {
  text?: string;
  messages?: ChatMessage[];
  inputTokens?: number;
}

const PROXY = "approximate";

/**
 * Counts an input for many models, tokenizing once per distinct method (all approximate
 * models share one count), so pricing a prompt across the whole catalog stays cheap. The counts
 * are taken up front, yielding to the event loop on long inputs; the returned lookup is sync.
 *
 * An open family whose tokenizer is not loaded yet (the first such call, until the warm-up has
 * loaded it) is counted with the proxy, labelled so, while its load starts on the tokens thread:
 * the caller gets every row at once rather than wait a second or more for a vocabulary.
 */
export async function createInputCounter(
  input: CountableInput,
  models: readonly Countable[],
): Promise<(model: Countable) => TokenCount> {
  const given = input.inputTokens;
  if (given !== undefined) return () => ({ tokens: given, exact: true, method: "given" });
  const turn = createTurn();
  const memo = new Map<string, TokenCount>();
  const loading = new Set<FamilyEncoding>();
  const keyOf = (model: Countable) =>
    !model.encoding || (isFamilyEncoding(model.encoding) && loading.has(model.encoding))
      ? PROXY
      : model.encoding;
  const count = (model: Countable) => {
    // Every proxied model shares one count, whatever its own encoding.
    const counted = keyOf(model) === PROXY ? { encoding: null } : model;
    return input.messages
      ? countMessageTokens(input.messages, counted, undefined, turn)
      : countTextTokens(input.text ?? "", counted, turn);
  };
  for (const model of models) {
    if (!isFamilyEncoding(model.encoding) || isFamilyTokenizerWarm(model.encoding)) continue;
    if (loading.has(model.encoding)) continue;
    loading.add(model.encoding);
    // Not awaited: the next call finds it loaded. A failed load is retried by the next call.
    warmFamilyTokenizer(model.encoding).catch(() => {});
  }
  // The open families count on the worker thread: started first, they run while this thread counts the rest.
  const offThread: Promise<unknown>[] = [];
  for (const model of models) {
    const key = keyOf(model);
    if (!isFamilyEncoding(key) || memo.has(key)) continue;
    memo.set(key, { tokens: 0, exact: false, method: "pending" });
    offThread.push(count(model).then((counted) => memo.set(key, counted)));
  }
  for (const model of models) {
    const key = keyOf(model);
    if (!memo.has(key)) memo.set(key, await count(model));
  }
  await Promise.all(offThread);
  return (model) => {
    const counted = memo.get(keyOf(model));
    if (!counted) throw new Error("createInputCounter: model was not among those counted");
    if (isFamilyEncoding(model.encoding) && loading.has(model.encoding))
      return whileTokenizerLoads(counted, model.encoding, model.vendor);
    return relabel(counted, model);
  };
}
