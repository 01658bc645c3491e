import OpenAI from "openai";
import type { ResponseInputItem, ResponseItem } from "openai/resources/responses/responses.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

let gateway: GatewayFixture;
let alice: OpenAI;
let bob: OpenAI;
beforeEach(async () => {
  gateway = await startGateway({
    keys: [
      { name: "alice", sha256: sha256Hex("key-alice") },
      { name: "bob", sha256: sha256Hex("key-bob") },
    ],
  });
  alice = gateway.clientWith("key-alice");
  bob = gateway.clientWith("key-bob");
});
afterEach(async () => {
  await gateway.close();
});

async function allItems(id: string, order?: "asc" | "desc"): Promise<ResponseItem[]> {
  const items: ResponseItem[] = [];
  for await (const item of alice.responses.inputItems.list(id, { ...(order && { order }), limit: 2 }))
    items.push(item);
  return items;
}

/** The raw answer of GET …/input_items with a query string, as alice. */
async function listRaw(
  id: string,
  query: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await fetch(`${gateway.server.url}/v1/responses/${id}/input_items${query}`, {
    headers: { authorization: "Bearer key-alice" },
  });
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

describe("GET /v1/responses/{id}/input_items through the openai SDK", () => {
  it("lists a string input as one user message with an id, newest first by default", async () => {
    gateway.pa.enqueue({ type: "ok", text: "Bonjour !" });
    const created = await alice.responses.create({
      model: "m1",
      input: "Say hello in French.",
      instructions: "Be brief.",
    });
    const page = await alice.responses.inputItems.list(created.id);
    expect(page.data).toEqual([
      {
        id: expect.stringMatching(/^msg_[0-9a-f]{32}$/),
        type: "message",
        role: "user",
        content: [{ type: "input_text", text: "Say hello in French." }],
        status: "completed",
      },
    ]);
    expect(page.hasNextPage()).toBe(false);
    const raw = await listRaw(created.id, "");
    expect(raw.body).toEqual({
      object: "list",
      data: page.data,
      first_id: page.data[0]?.id,
      last_id: page.data[0]?.id,
      has_more: false,
    });
  });

  it("lists a chained response's whole context: earlier input and output items, then its own input", async () => {
    gateway.pa.enqueue({
      type: "ok",
      toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Berlin"}' }],
    });
    const first = await alice.responses.create({
      model: "m1",
      input: [{ role: "user", content: "Weather in Berlin?" }],
      tools: [{ type: "function", name: "get_weather", parameters: { type: "object" }, strict: false }],
    });
    const call = first.output[0];
    if (call?.type !== "function_call") throw new Error("expected a function call");
    gateway.pa.enqueue({ type: "ok", text: "Sunny in Berlin." });
    const output: ResponseInputItem = {
      type: "function_call_output",
      call_id: "call_1",
      output: "sunny, 21 C",
    };
    const second = await alice.responses.create({
      model: "m1",
      previous_response_id: first.id,
      input: [output],
    });
    const [question] = (await alice.responses.inputItems.list(first.id)).data;

    const asc = await allItems(second.id, "asc");
    expect(asc).toEqual([
      question,
      call,
      { ...output, id: expect.stringMatching(/^fco_[0-9a-f]{32}$/), status: "completed" },
    ]);
    expect(question).toMatchObject({
      role: "user",
      content: [{ type: "input_text", text: "Weather in Berlin?" }],
    });
    expect(await allItems(second.id)).toEqual([...asc].reverse());

    // A third turn lists the second's answer too, and the first response's list is unchanged.
    gateway.pa.enqueue({ type: "ok", text: "You're welcome." });
    const third = await alice.responses.create({
      model: "m1",
      previous_response_id: second.id,
      input: "thanks",
    });
    const thirdItems = await allItems(third.id, "asc");
    expect(thirdItems.slice(0, 3)).toEqual(asc);
    expect(thirdItems.slice(3).map((item) => item.type)).toEqual(["message", "message"]);
    expect(thirdItems[3]).toEqual(second.output[0]);
    expect((await alice.responses.inputItems.list(first.id)).data).toEqual([question]);
  });

  it("pages through many items in both orders with after and before", async () => {
    gateway.pa.enqueue({ type: "ok", text: "ok" });
    const input = Array.from({ length: 25 }, (_, index) => ({
      role: "user" as const,
      content: `message ${index}`,
      ...(index === 3 && { id: "msg_given" }),
    }));
    const created = await alice.responses.create({ model: "m1", input });
    const texts = (items: ResponseItem[]) =>
      items.map((item) => (item.type === "message" ? (item.content[0] as { text: string }).text : item.type));
    const all = Array.from({ length: 25 }, (_, index) => `message ${index}`);

    const first = await alice.responses.inputItems.list(created.id, { order: "asc", limit: 10 });
    expect(texts(first.data)).toEqual(all.slice(0, 10));
    expect(first.data[3]?.id).toBe("msg_given");
    expect(first.has_more).toBe(true);
    const second = await first.getNextPage();
    expect(texts(second.data)).toEqual(all.slice(10, 20));
    const third = await second.getNextPage();
    expect(texts(third.data)).toEqual(all.slice(20));
    expect(third.hasNextPage()).toBe(false);

    // The default: newest first, 20 a page.
    const newest = await alice.responses.inputItems.list(created.id);
    expect(texts(newest.data)).toEqual([...all].reverse().slice(0, 20));
    expect(newest.has_more).toBe(true);
    const ids = (await allItems(created.id, "asc")).map((item) => item.id);
    expect(new Set(ids).size).toBe(25);

    // before: the page just ahead of an item.
    const before = await listRaw(created.id, `?order=asc&limit=5&before=${ids[12]}`);
    expect(before.status).toBe(200);
    expect((before.body.data as ResponseItem[]).map((item) => item.id)).toEqual(ids.slice(7, 12));
    expect(before.body).toMatchObject({ first_id: ids[7], last_id: ids[11], has_more: true });
    const end = await listRaw(created.id, `?order=asc&after=${ids[24]}`);
    expect(end.body).toEqual({ object: "list", data: [], first_id: null, last_id: null, has_more: false });
    const included = await listRaw(
      created.id,
      "?include[]=message.input_image.image_url&include[]=reasoning.encrypted_content",
    );
    expect(included.status).toBe(200);
  });

  it("answers 404 for an unknown id, another key's response and a response not stored", async () => {
    gateway.pa.enqueue({ type: "ok", text: "kept" });
    const kept = await alice.responses.create({ model: "m1", input: "keep" });
    gateway.pa.enqueue({ type: "ok", text: "not kept" });
    const unkept = await alice.responses.create({ model: "m1", input: "forget", store: false });
    await expect(alice.responses.inputItems.list("resp_unknown")).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    await expect(bob.responses.inputItems.list(kept.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(alice.responses.inputItems.list(unkept.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await alice.responses.delete(kept.id);
    await expect(alice.responses.inputItems.list(kept.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("answers 400 naming the field for a bad limit, order, cursor, include or an unknown parameter", async () => {
    gateway.pa.enqueue({ type: "ok", text: "kept" });
    const { id } = await alice.responses.create({ model: "m1", input: "keep" });
    await expect(alice.responses.inputItems.list(id, { limit: 0 })).rejects.toMatchObject({
      status: 400,
      param: "limit",
    });
    for (const [query, param] of [
      ["?limit=101", "limit"],
      ["?limit=2.5", "limit"],
      ["?limit=ten", "limit"],
      ["?limit=5&limit=6", "limit"],
      ["?order=newest", "order"],
      ["?after=msg_nowhere", "after"],
      ["?before=msg_nowhere", "before"],
      ["?include[]=everything", "include"],
      ["?starting_after=msg_x", "starting_after"],
    ]) {
      const answer = await listRaw(id, query as string);
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toMatchObject({ error: { type: "invalid_request_error", param } });
    }
    await expect(alice.responses.inputItems.list(id, { order: "up" as "asc" })).rejects.toMatchObject({
      status: 400,
      param: "order",
    });
    const post = await fetch(`${gateway.server.url}/v1/responses/${id}/input_items`, {
      method: "POST",
      headers: { authorization: "Bearer key-alice" },
    });
    expect(post.status).toBe(405);
  });
});
