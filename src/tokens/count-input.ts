import type { ChatMessage } from "../providers/types.js";
import { createTurn } from "./bounded-count.js";
import {
  type Countable,
  countMessageTokens,
  countTextTokens,
  relabel,
  type TokenCount,
} from "./count-tokens.js";
import { isFamilyEncoding } from "./family-encodings.js";

/** What a caller may give to be counted: text, chat messages, or a known token count. */
export interface CountableInput {
  text?: string;
  messages?: ChatMessage[];
  inputTokens?: number;
}

/**
 * Counts an input for many models, tokenizing once per distinct method (all approximate
 * models share one count), so pricing a prompt across the whole catalog stays cheap. The counts
 * are taken up front, yielding to the event loop on long inputs; the returned lookup is sync.
 */
export async function createInputCounter(
  input: CountableInput,
  models: readonly Countable[],
): Promise<(model: Countable) => TokenCount> {
  const given = input.inputTokens;
  if (given !== undefined) return () => ({ tokens: given, exact: true, method: "given" });
  const turn = createTurn();
  const memo = new Map<string, TokenCount>();
  const count = (model: Countable) =>
    input.messages
      ? countMessageTokens(input.messages, model, undefined, turn)
      : countTextTokens(input.text ?? "", model, turn);
  // The open families count on the worker thread: started first, they run while this thread counts the rest.
  const offThread: Promise<unknown>[] = [];
  for (const model of models) {
    const key = model.encoding ?? "approximate";
    if (!isFamilyEncoding(model.encoding) || memo.has(key)) continue;
    memo.set(key, { tokens: 0, exact: false, method: "pending" });
    offThread.push(count(model).then((counted) => memo.set(key, counted)));
  }
  for (const model of models) {
    const key = model.encoding ?? "approximate";
    if (!memo.has(key)) memo.set(key, await count(model));
  }
  await Promise.all(offThread);
  return (model) => {
    const counted = memo.get(model.encoding ?? "approximate");
    if (!counted) throw new Error("createInputCounter: model was not among those counted");
    return relabel(counted, model);
  };
}
