import { describe, expect, it } from "vitest";
import { decodeBase64Floats, encodeBase64Floats } from "../../src/providers/base64-floats.js";
import { parseEmbeddings } from "../../src/providers/embedding-call.js";
import { ProviderError } from "../../src/providers/provider-error.js";

describe("embeddings answers", () => {
  it("puts vectors in input order by their index, and reads usage", () => {
    const answer = {
      data: [
        { index: 1, embedding: [0.5, 0.25] },
        { index: 0, embedding: encodeBase64Floats([1, -1]) },
      ],
      usage: { prompt_tokens: 7, total_tokens: 7 },
    };
    expect(parseEmbeddings("p", answer, 2)).toEqual({
      vectors: [
        [1, -1],
        [0.5, 0.25],
      ],
      inputTokens: 7,
    });
  });

  it.each([
    [{ data: [{ index: 0, embedding: [1] }] }, "1 embeddings for 2 input(s)"],
    [
      {
        data: [
          { index: 0, embedding: [1] },
          { index: 0, embedding: [2] },
        ],
      },
      "index is missing, repeated or out of range",
    ],
    [
      {
        data: [
          { index: 0, embedding: [1] },
          { index: 1, embedding: ["x"] },
        ],
      },
      "holds a non-number",
    ],
    [{ object: "list" }, "no data list"],
  ])("calls a wrong answer malformed (retryable): %j", (answer, message) => {
    let error: unknown;
    try {
      parseEmbeddings("p", answer, 2);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(true);
    expect((error as ProviderError).message).toContain(message);
  });

  it("round-trips base64 vectors as float32 little-endian", () => {
    const vector = [0.1, -2.5, 3e-8, 0];
    const text = encodeBase64Floats(vector);
    expect(Buffer.from(text, "base64").readFloatLE(4)).toBe(-2.5);
    expect(decodeBase64Floats(text)).toEqual(vector.map((value) => Math.fround(value)));
  });
});
