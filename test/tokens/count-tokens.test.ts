import { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "../../src/providers/types.js";
import { MAX_PIECE_CHARS } from "../../src/tokens/bounded-count.js";
import { countMessageTokens, countTextTokens, loadTokenizers } from "../../src/tokens/count-tokens.js";

const MESSAGES: ChatMessage[] = [
  { role: "system", content: "You are terse. <|endoftext|> is just text here." },
  { role: "user", content: "Name three primes, then say hello in French." },
  { role: "assistant", content: "2, 3, 5. Bonjour !" },
  { role: "user", content: "" },
];

/** OpenAI's cookbook framing: 3 tokens per message, 3 to prime the reply, plus role and content. */
function expected(count: (text: string) => number, messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + 3 + count(message.role) + count(String(message.content)), 3);
}

const countWith = (count: typeof countO200k) => (text: string) =>
  count(text, { disallowedSpecial: new Set() });

describe("countMessageTokens", () => {
  beforeAll(() => loadTokenizers(["o200k_base", "cl100k_base"]));

  it("counts every role and content with the model's own encoding, every time it is asked", async () => {
    for (let round = 0; round < 3; round++) {
      expect((await countMessageTokens(MESSAGES, { encoding: "o200k_base" })).tokens).toBe(
        expected(countWith(countO200k), MESSAGES),
      );
      expect((await countMessageTokens(MESSAGES, { encoding: "cl100k_base" })).tokens).toBe(
        expected(countWith(countCl100k), MESSAGES),
      );
    }
  });

  it("counts with o200k_base, labelled approximate, when the model has no tokenizer", async () => {
    const count = await countMessageTokens(MESSAGES, null);
    expect(count.tokens).toBe(expected(countWith(countO200k), MESSAGES));
    expect(count.exact).toBe(false);
  });

  it("counts roles it was never given before, unchecked ones included", async () => {
    const odd = [{ role: "narrator", content: "Once upon a time" }] as unknown as ChatMessage[];
    for (let round = 0; round < 2; round++) {
      expect((await countMessageTokens(odd, null)).tokens).toBe(expected(countWith(countO200k), odd));
    }
  });

  it("counts short and long messages alike, either side of the one-piece length, and labels a cut count", async () => {
    const prose = (length: number) =>
      "Bonjour, le monde ! 漢字 and more words. ".repeat(length).slice(0, length);
    const messages: ChatMessage[] = [MAX_PIECE_CHARS - 1, MAX_PIECE_CHARS, MAX_PIECE_CHARS + 1, 5_000].map(
      (length, index) => ({ role: index % 2 ? "assistant" : "user", content: prose(length) }),
    );
    expect((await countMessageTokens(messages, null)).tokens).toBe(expected(countWith(countO200k), messages));
    for (const message of messages) {
      const alone = await countTextTokens(String(message.content), null);
      expect((await countMessageTokens([message], null)).tokens).toBe(
        3 + 3 + countO200k(message.role) + alone.tokens,
      );
    }
    // One pre-token over the piece length: counted in pieces, labelled approximate, short ones beside it.
    const cut = await countMessageTokens(
      [MESSAGES[0] as ChatMessage, { role: "user", content: "b".repeat(3_000) }],
      null,
    );
    expect(cut.method).toMatch(/counted in pieces/);
  });
});
