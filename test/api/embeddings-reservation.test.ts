import { afterEach, describe, expect, it } from "vitest";
import { type EmbeddingsFixture, startEmbeddingsGateway } from "./embeddings-fixture.js";

/**
 * Embeddings run through chat's attempt loop (src/core/run-attempts.ts) and follow its budget
 * rule: once the usage providers report costs more than the request reserved, no further call is
 * made. A provider reporting 1,000 times the tokens sent used to get every sub-batch anyway.
 */
let gateway: EmbeddingsFixture;
afterEach(async () => {
  await gateway?.close();
});

describe("embeddings stop at the reservation as chat does", () => {
  it("makes no further sub-batch call once reported usage passes the reservation, and records the truth", async () => {
    gateway = await startEmbeddingsGateway(({ pa }) => ({
      providers: {
        pa: {
          baseURL: pa,
          embeddingModels: {
            big: { price: { input: 0.1 }, dimensions: 4096, dimensionsRange: { min: 8, max: 4096 } },
          },
        },
      },
    }));
    // 48 inputs per upstream call: 960 inputs are 20 sub-batches, 4 in flight at a time.
    const input = Array.from({ length: 960 }, (_, index) => `document number ${index}`);
    gateway.pa.setDefault({ type: "ok", usage: { prompt_tokens: 5_000_000 }, latencyMs: 50 });
    await expect(
      gateway.client.embeddings.create({ model: "big", input, dimensions: 2048, encoding_format: "float" }),
    ).rejects.toMatchObject({ status: 429, message: expect.stringContaining("more than the") });
    // The calls already in flight finish; none starts after the first over-report.
    expect(gateway.pa.requests.length).toBeLessThanOrEqual(8);
    await gateway.deps.ledger.flush();
    const [row] = (await gateway.deps.ledger.recent(5)).filter((record) => record.tool === "v1/embeddings");
    expect(row?.errorClass).toBe("BUDGET_EXCEEDED");
    // Recorded at its true cost: $0.50 per over-reported call.
    expect(row?.costUsd).toBeGreaterThanOrEqual(0.5);
  }, 60_000);
});
