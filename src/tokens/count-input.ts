import type { ModelInfo } from "../catalog/types.js";
import type { ChatMessage } from "../providers/types.js";
import { countMessageTokens, countTextTokens, type TokenCount } from "./count-tokens.js";

/** What a caller may give to be counted: text, chat messages, or a known token count. */
export interface CountableInput {
  text?: string;
  messages?: ChatMessage[];
  inputTokens?: number;
}

/**
 * Counts an input for many models, tokenizing once per distinct method (all approximate
 * models share one count), so pricing a prompt across the whole catalog stays cheap.
 */
export function createInputCounter(input: CountableInput): (model: ModelInfo) => TokenCount {
  const memo = new Map<string, TokenCount>();
  return (model) => {
    if (input.inputTokens !== undefined) return { tokens: input.inputTokens, exact: true, method: "given" };
    const key = model.encoding ?? "approximate";
    let count = memo.get(key);
    if (!count) {
      count = input.messages
        ? countMessageTokens(input.messages, model)
        : countTextTokens(input.text ?? "", model);
      memo.set(key, count);
    }
    return count;
  };
}
