import { afterEach, describe, expect, it } from "vitest";
import { fakeVector } from "../support/fake-embeddings.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { connectInMemory, errorText, structured } from "../support/in-memory-server.js";

let upstream: FakeUpstream;
let session: Awaited<ReturnType<typeof connectInMemory>>;
afterEach(async () => {
  await session?.close();
  await upstream?.close();
});

async function start() {
  upstream = await startFakeUpstream();
  session = await connectInMemory({
    providers: {
      lab: {
        baseURL: upstream.url,
        embeddingModels: { "lab-embed": { price: { input: 0.05 }, dimensions: 64 } },
      },
    },
    routing: { exploration: 0 },
    cache: { store: "memory" },
  });
}

interface EmbedAnswer {
  model: string;
  deployment: string;
  dimensions: number;
  cache: string;
  cached_inputs: number;
  cost_usd: number;
  vectors?: number[][];
  similarity?: number[][];
  most_similar?: { a: number; b: number; similarity: number }[];
}

describe("MCP tool embed (real SDK client)", () => {
  it("returns one vector per input, in order, from the cheapest enabled embedding model by default", async () => {
    await start();
    const answer = structured<EmbedAnswer>(
      await session.client.callTool({ name: "embed", arguments: { input: ["red apple", "green pear"] } }),
    );
    expect(answer).toMatchObject({
      model: "lab-embed",
      deployment: "lab/lab-embed",
      dimensions: 64,
      cache: "miss",
    });
    expect(answer.vectors).toEqual([
      fakeVector("lab-embed", "red apple", 64),
      fakeVector("lab-embed", "green pear", 64),
    ]);
    expect(answer.cost_usd).toBeGreaterThan(0);
    const again = structured<EmbedAnswer>(
      await session.client.callTool({ name: "embed", arguments: { input: "red apple", model: "lab-embed" } }),
    );
    expect(again).toMatchObject({ cache: "hit", cached_inputs: 1, cost_usd: 0 });
    expect(upstream.requests).toHaveLength(1);
    await session.deps.ledger.flush();
    expect((await session.deps.ledger.recent(10)).map((row) => [row.tool, row.cache])).toEqual([
      ["embed", "hit"],
      ["embed", "miss"],
    ]);
  });

  it("with compare: true answers the cosine similarity matrix and the closest pairs instead of vectors", async () => {
    await start();
    const texts = ["the cat sat on the mat", "a cat sat on a mat", "quarterly revenue grew nine percent"];
    const answer = structured<EmbedAnswer>(
      await session.client.callTool({ name: "embed", arguments: { input: texts, compare: true } }),
    );
    expect(answer.vectors).toBeUndefined();
    const matrix = answer.similarity as number[][];
    expect(matrix).toHaveLength(3);
    expect(matrix[0]?.[0]).toBe(1);
    expect(matrix[0]?.[1]).toBe(matrix[1]?.[0]);
    const vectors = texts.map((text) => fakeVector("lab-embed", text, 64));
    const dot = (a: number[], b: number[]) =>
      a.reduce((sum, value, index) => sum + value * (b[index] as number), 0);
    const cosine = (a: number[], b: number[]) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    expect(matrix[0]?.[2]).toBeCloseTo(cosine(vectors[0] as number[], vectors[2] as number[]), 3);
    expect(answer.most_similar?.[0]).toMatchObject({ a: 0, b: 1 });
    expect(matrix[0]?.[1] as number).toBeGreaterThan(matrix[0]?.[2] as number);
  });

  it("refuses unknown arguments, a compare of one input and models it does not know, clearly", async () => {
    await start();
    expect(
      errorText(await session.client.callTool({ name: "embed", arguments: { input: "x", colour: "red" } })),
    ).toMatch(/colour/);
    expect(
      errorText(
        await session.client.callTool({ name: "embed", arguments: { input: ["only one"], compare: true } }),
      ),
    ).toMatch(/compare: needs 2 to 100 inputs, got 1/);
    expect(
      errorText(await session.client.callTool({ name: "embed", arguments: { input: "x", model: "gpt-4o" } })),
    ).toMatch(/UNKNOWN_MODEL: unknown embedding model "gpt-4o"/);
    expect(
      errorText(await session.client.callTool({ name: "embed", arguments: { input: "x", dimensions: 32 } })),
    ).toMatch(/dimensions: 32 is not available for "lab-embed"/);
    expect(upstream.requests).toHaveLength(0);
  });

  it("lists embed with described arguments", async () => {
    await start();
    const { tools } = await session.client.listTools();
    const embed = tools.find((tool) => tool.name === "embed");
    const properties = embed?.inputSchema.properties as Record<string, { description?: string }>;
    for (const name of ["input", "model", "dimensions", "compare", "routing", "cache"])
      expect(properties[name]?.description, name).toBeTruthy();
    expect(embed?.inputSchema.additionalProperties).toBe(false);
  });
});
