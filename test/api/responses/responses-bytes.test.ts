import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeBehavior } from "../../support/fake-completion.js";
import { type GatewayFixture, startGateway } from "../gateway-fixture.js";

/**
 * The exact bytes POST /v1/responses answers (whole and streamed) and GET /v1/responses/{id}
 * gives back, against a golden file recorded from the build before the store's cuts (3098db4).
 * Ids and timestamps are normalized; everything else must match byte for byte. Set
 * MODELMUX_WRITE_GOLDEN=1 to record the file again (only when a change of bytes is intended).
 */
const GOLDEN = new URL("./responses-bytes.golden.json", import.meta.url);
const writing = process.env.MODELMUX_WRITE_GOLDEN === "1";
const golden: Record<string, string> = writing ? {} : JSON.parse(readFileSync(GOLDEN, "utf8"));
const recorded: Record<string, string> = {};

let gateway: GatewayFixture;
beforeEach(async () => {
  gateway = await startGateway();
});
afterEach(async () => {
  await gateway.close();
});
afterAll(() => {
  if (writing) writeFileSync(GOLDEN, `${JSON.stringify(recorded, null, 1)}\n`);
});

/** Ids in order of first appearance become id1, id2, …; clock fields become 0. */
function normalized(text: string): string {
  const names = new Map<string, string>();
  return text
    .replace(/\b(resp|msg|rs|fc)_[0-9a-f]{32}\b/g, (id) => {
      if (!names.has(id)) names.set(id, `id${names.size + 1}`);
      return names.get(id) as string;
    })
    .replace(/"(created_at|completed_at)":\d+/g, '"$1":0');
}

function expectGolden(name: string, text: string): void {
  const shown = normalized(text);
  if (writing) recorded[name] = shown;
  else expect(shown).toBe(golden[name]);
}

async function post(body: Record<string, unknown>): Promise<string> {
  const answer = await fetch(`${gateway.server.url}/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return answer.text();
}

async function getStored(id: string): Promise<string> {
  const answer = await fetch(`${gateway.server.url}/v1/responses/${id}`);
  expect(answer.status).toBe(200);
  return answer.text();
}

/** The JSON text of the Response an event stream ends with, as it appears on the wire. */
function finalResponseText(stream: string): { id: string; text: string } {
  const last = stream.trimEnd().split("\n\n").at(-1) ?? "";
  const data = last.slice(last.indexOf("data: ") + "data: ".length);
  const prefix = /^\{"type":"response\.(completed|incomplete)","sequence_number":\d+,"response":/.exec(data);
  if (!prefix) throw new Error(`the stream did not end with the finished response: ${last.slice(0, 200)}`);
  const text = data.slice(prefix[0].length, -1);
  return { id: (JSON.parse(text) as { id: string }).id, text };
}

const streamed: [string, FakeBehavior, Record<string, unknown>][] = [
  ["text", { type: "ok", text: "one two three", usage: { prompt_tokens: 9, completion_tokens: 3 } }, {}],
  ["reasoning", { type: "ok", reasoning: "Two plus two is four.", text: "4" }, {}],
  [
    "tool calls",
    {
      type: "ok",
      text: "Checking.",
      toolCalls: [
        { id: "call_a", name: "get_weather", arguments: '{"city":"Berlin"}' },
        { id: "call_b", name: "get_weather", arguments: '{"city":"Paris"}' },
      ],
    },
    {
      tools: [
        {
          type: "function",
          name: "get_weather",
          parameters: { type: "object", properties: { city: { type: "string" } } },
        },
      ],
    },
  ],
  ["refusal", { type: "ok", refusal: "I cannot help with that." }, {}],
  ["incomplete", { type: "ok", text: "cut short", finishReason: "length" }, { max_output_tokens: 16 }],
];

describe("the bytes of stored and answered Responses", () => {
  it("answers a whole Response, gives the same bytes back on GET, and chains onto it", async () => {
    gateway.pa.enqueue({ type: "ok", text: "Bonjour !", usage: { prompt_tokens: 21, completion_tokens: 4 } });
    const first = await post({
      model: "m1",
      input: "Say hello in French.",
      instructions: "Be brief.",
      metadata: { ticket: "T-1" },
      temperature: 0.5,
      user: "u-1",
    });
    expectGolden("whole", first);
    const { id } = JSON.parse(first) as { id: string };
    expect(await getStored(id)).toBe(first);

    gateway.pa.enqueue({ type: "ok", text: "Au revoir !" });
    const second = await post({
      model: "m1",
      previous_response_id: id,
      input: [{ role: "user", content: [{ type: "input_text", text: "And goodbye?" }] }],
    });
    expectGolden("chained", second);
    const upstreamBody = gateway.pa.requests[1]?.body as { messages?: unknown } | undefined;
    expectGolden("chained upstream messages", JSON.stringify(upstreamBody?.messages));
    expect(await getStored((JSON.parse(second) as { id: string }).id)).toBe(second);
  });

  it.each(streamed)(
    "streams %s as the same event bytes, and GET gives the final Response's bytes",
    async (name, behavior, fields) => {
      gateway.pa.enqueue(behavior);
      const stream = await post({ model: "m1", input: "hello", stream: true, ...fields });
      expectGolden(`stream ${name}`, stream);
      const final = finalResponseText(stream);
      expect(await getStored(final.id)).toBe(final.text);
    },
  );

  it("ends a broken stream with the same error and response.failed bytes, and stores nothing", async () => {
    gateway.pa.enqueue({ type: "reset", afterChunks: 2 });
    const stream = await post({ model: "m1", input: "one two three four five six seven", stream: true });
    expect(stream).toContain("event: response.failed");
    expectGolden("stream failed", stream);
    const id = /"id":"(resp_[0-9a-f]{32})"/.exec(stream)?.[1];
    expect((await fetch(`${gateway.server.url}/v1/responses/${id}`)).status).toBe(404);
  });

  it("stores nothing with store: false, whole or streamed", async () => {
    gateway.pa.enqueue({ type: "ok", text: "not kept" });
    const whole = JSON.parse(await post({ model: "m1", input: "hello", store: false })) as { id: string };
    gateway.pa.enqueue({ type: "ok", text: "not kept either" });
    const final = finalResponseText(await post({ model: "m1", input: "hello", store: false, stream: true }));
    for (const id of [whole.id, final.id])
      expect((await fetch(`${gateway.server.url}/v1/responses/${id}`)).status).toBe(404);
  });
});
