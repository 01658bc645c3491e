import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpProcess, type LabServer, spawnLabServer } from "../support/cli-process.js";
import type { FakeUpstream } from "../support/fake-upstream.js";
import { withStallProbe } from "../support/stall-probe.js";

/**
 * Issue 21, findings 2 and 9: a caller's JSON Schema is compiled per caller (no shared `$id`s),
 * its `pattern`s run on a linear-time engine, and a schema over the depth or size limits is a
 * 400, never a 500. Driven over HTTP against the spawned server, as a caller would.
 */
const STALL_BOUND_MS = 1000;

let lab: LabServer;
let upstream: FakeUpstream;
let server: HttpProcess;

beforeAll(async () => {
  lab = await spawnLabServer({
    lab: { models: { m1: { price: { input: 1, output: 2 }, capabilities: ["json"] } } },
    config: { routing: { maxAttempts: 2 } },
  });
  ({ server, upstream } = lab);
  // Loading Ajv, the regex engine and the tokenizer is start-up work, not a request's.
  upstream.setDefault({ type: "json", value: { a: "x" } });
  expect((await ask({ type: "object", properties: { a: { type: "string", pattern: "^x" } } })).status).toBe(
    200,
  );
}, 30_000);

afterAll(async () => {
  await lab?.stop();
});

/** Asks for JSON matching `schema` (an object, or its JSON text when too deep for JSON.stringify). */
async function ask(schema: unknown): Promise<{ status: number; message: string; param?: string }> {
  const placeholder = JSON.stringify({
    model: "lab/m1",
    messages: [{ role: "user", content: "answer in JSON" }],
    response_format: { type: "json_schema", json_schema: { name: "answer", schema: "<schema>" } },
  });
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: placeholder.replace('"<schema>"', typeof schema === "string" ? schema : JSON.stringify(schema)),
  });
  const body = (await response.json()) as {
    error?: { message: string; param?: string };
    choices?: { message: { content: string } }[];
  };
  return {
    status: response.status,
    message: body.error?.message ?? body.choices?.[0]?.message.content ?? "",
    ...(body.error?.param && { param: body.error.param }),
  };
}

describe("a caller's JSON Schema (issue 21)", () => {
  it("runs `pattern` in linear time: ^(a+)+$ against 30 `a`s and a `!` stalls nothing", async () => {
    upstream.setDefault({ type: "json", value: { a: `${"a".repeat(30)}!` } });
    const schema = { type: "object", properties: { a: { type: "string", pattern: "^(a+)+$" } } };
    const { result, stallMs } = await withStallProbe(server.url, () => ask(schema));
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(600);
    expect(result.status).not.toBe(500);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
    // The same pattern still accepts what it should.
    upstream.setDefault({ type: "json", value: { a: "a".repeat(40) } });
    expect((await ask(schema)).status).toBe(200);
  }, 60_000);

  it("lets two callers use the same $id for different schemas", async () => {
    upstream.setDefault({ type: "json", value: { n: 1 } });
    const first = await ask({ $id: "https://example.com/answer", type: "object", required: ["n"] });
    expect(first.status, first.message).toBe(200);
    upstream.setDefault({ type: "json", value: { s: "x" } });
    const second = await ask({ $id: "https://example.com/answer", type: "object", required: ["s"] });
    expect(second.status, second.message).toBe(200);
  }, 30_000);

  it("does not resolve a $ref to a schema another caller sent", async () => {
    upstream.setDefault({ type: "json", value: { n: 1 } });
    const owner = await ask({ $id: "https://tenant-a.example/private", type: "object" });
    expect(owner.status).toBe(200);
    const other = await ask({ $ref: "https://tenant-a.example/private" });
    expect(other.status).toBe(400);
    expect(other.message).toMatch(/json_schema: not a valid JSON Schema: can't resolve reference/);
  }, 30_000);

  it("refuses a schema nested 3,000 deep with a 400 naming json_schema, not a stack overflow", async () => {
    // 3,000 levels are 15,000 JSON values, within server.maxBodyValues (5,000 levels are over it: 413).
    const open = '{"type":"object","properties":{"a":';
    const answer = await ask(`${open.repeat(3000)}{"type":"string"}${"}}".repeat(3000)}`);
    expect(answer.status).toBe(400);
    expect(answer.param).toBe("json_schema");
    expect(answer.message).toMatch(/json_schema: nested deeper than 32 levels/);
  }, 30_000);

  it("refuses a schema with too many parts, and patterns the linear engine cannot run", async () => {
    const properties = Object.fromEntries(
      Array.from({ length: 250 }, (_, i) => [`p${i}`, { type: "string" }]),
    );
    const wide = await ask({ type: "object", properties });
    expect(wide.status).toBe(400);
    expect(wide.message).toMatch(/json_schema: more than 200 objects and arrays/);
    const backreference = await ask({ type: "string", pattern: "^(a)\\1$" });
    expect(backreference.status).toBe(400);
    expect(backreference.message).toMatch(/json_schema: not a valid JSON Schema: .*\\1/);
  }, 30_000);
});
