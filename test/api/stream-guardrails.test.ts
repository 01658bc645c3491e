import type OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { alnum, base64, luhnNumber } from "../guardrails/fake-values.js";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

let gateway: GatewayFixture | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

const tools: OpenAI.Chat.ChatCompletionTool[] = [
  {
    type: "function",
    function: { name: "send_mail", parameters: { type: "object", properties: { to: { type: "string" } } } },
  },
];

/** Every chunk's text as it arrived, and the stream's end (the SDK throws an error event). */
async function streamed(client: OpenAI, request: OpenAI.Chat.ChatCompletionCreateParamsStreaming) {
  const pieces: string[] = [];
  const toolArguments: string[] = [];
  let failure: (Error & { status?: number }) | undefined;
  try {
    for await (const chunk of await client.chat.completions.create(request)) {
      const delta = chunk.choices[0]?.delta;
      if (delta?.content) pieces.push(delta.content);
      for (const call of delta?.tool_calls ?? [])
        if (call.function?.arguments) toolArguments.push(call.function.arguments);
    }
  } catch (error) {
    failure = error as Error;
  }
  return { pieces, text: pieces.join(""), toolArguments: toolArguments.join(""), failure };
}

describe("output guardrails on streamed answers", () => {
  it("puts the caller's own values back into streamed text, never showing a placeholder", async () => {
    gateway = await startGateway();
    // The fake echoes the user's message word by word: the provider saw [EMAIL_1], the caller
    // must get the address back even though the placeholder arrives as its own delta.
    const prompt = `Please write to maria.garcia@example.org about the invoice ${"and the schedule ".repeat(8)}today.`;
    const result = await streamed(gateway.client, {
      model: "m1",
      messages: [{ role: "user", content: prompt }],
      stream: true,
    });
    expect(result.failure).toBeUndefined();
    expect(JSON.stringify(gateway.pa.requests[0]?.body)).not.toContain("maria.garcia");
    expect(result.text).toBe(prompt);
    expect(result.text).not.toContain("[EMAIL_1]");
    // Still a stream: the text came in several pieces, not one at the end.
    expect(result.pieces.length).toBeGreaterThan(3);
  });

  it("redacts a secret the model streams (output default: secret redact), in no chunk is it whole or split", async () => {
    gateway = await startGateway();
    const secret = `ghp_${alnum(36, 21)}`;
    gateway.pa.setDefault({
      type: "ok",
      text: `Here is the deploy token you asked for: ${secret} and the rest of the instructions follow here.`,
    });
    const result = await streamed(gateway.client, {
      model: "m1",
      messages: [{ role: "user", content: "what is the deploy token?" }],
      stream: true,
    });
    expect(result.failure).toBeUndefined();
    expect(result.text).toContain("Here is the deploy token you asked for:");
    expect(result.text).toContain("the rest of the instructions follow here.");
    expect(result.text).not.toContain(secret);
    // Not even the secret's first half went out before the rest arrived.
    expect(result.text).not.toContain(secret.slice(0, 12));
  });

  it("ends the stream with a guardrail error when output secrets block, before the secret goes out", async () => {
    gateway = await startGateway({ guardrails: { output: { secret: "block" } } });
    const secret = `ghp_${alnum(36, 33)}`;
    const before = "Sure, let me look that up for you right now, one moment please. ".repeat(3);
    gateway.pa.setDefault({ type: "ok", text: `${before}The token is ${secret} okay.` });
    const result = await streamed(gateway.client, {
      model: "m1",
      messages: [{ role: "user", content: "token?" }],
      stream: true,
    });
    expect(result.failure?.message).toMatch(/guardrails: the model's answer was blocked: secret/);
    expect(result.text).not.toContain(secret.slice(0, 12));
    expect(result.text.length).toBeGreaterThan(0);
    // The ledger records the block with what the call cost.
    await gateway.deps.ledger.flush();
    const row = (await gateway.deps.ledger.recent(10)).find(
      (entry) => entry.errorClass === "GUARDRAIL_BLOCKED",
    );
    expect(row?.guardrailAction).toBe("block");
    expect(row?.costUsd).toBeGreaterThan(0);
  });

  it("restores placeholders inside streamed tool-call arguments, and redacts secrets there", async () => {
    gateway = await startGateway();
    const secret = `ghp_${alnum(36, 44)}`;
    gateway.pa.enqueue({
      type: "ok",
      toolCalls: [
        { id: "call_m", name: "send_mail", arguments: JSON.stringify({ to: "[EMAIL_1]", token: secret }) },
      ],
    });
    const request = {
      model: "m1",
      messages: [{ role: "user" as const, content: 'Mail "hi" to ana.lopez@example.com please' }],
      tools,
      stream: true as const,
    };
    const result = await streamed(gateway.client, request);
    expect(result.failure).toBeUndefined();
    const args = JSON.parse(result.toolArguments) as { to: string; token: string };
    expect(args.to).toBe("ana.lopez@example.com");
    expect(args.token).not.toContain(secret.slice(0, 12));

    // The SDK's stream helper reassembles the same call.
    gateway.pa.enqueue({
      type: "ok",
      toolCalls: [{ id: "call_n", name: "send_mail", arguments: '{"to":"[EMAIL_1]"}' }],
    });
    const final = await gateway.client.chat.completions.stream(request).finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" && JSON.parse(call.function.arguments)).toEqual({
      to: "ana.lopez@example.com",
    });
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("sees a secret's name and value together though they arrive in different words", async () => {
    gateway = await startGateway();
    const password = `Zq8${alnum(21, 52)}x!`;
    gateway.pa.setDefault({
      type: "ok",
      text: `Set DB_PASSWORD= ${password} in the environment file and restart.`,
    });
    const result = await streamed(gateway.client, {
      model: "m1",
      messages: [{ role: "user", content: "config?" }],
      stream: true,
    });
    expect(result.failure).toBeUndefined();
    expect(result.text).toContain("in the environment file and restart.");
    expect(result.text).not.toContain(password.slice(0, 10));
  });

  it("holds an unfinished private-key block until it ends, then redacts all of it", async () => {
    gateway = await startGateway();
    const body = Array.from({ length: 6 }, (_, line) => base64(64, 60 + line)).join("\n");
    const key = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
    gateway.pa.setDefault({ type: "ok", text: `Here it is:\n${key}\nKeep it safe.` });
    const result = await streamed(gateway.client, {
      model: "m1",
      messages: [{ role: "user", content: "key?" }],
      stream: true,
    });
    expect(result.failure).toBeUndefined();
    // One placeholder for the whole block, footer included, as a whole answer gets.
    expect(result.text).toBe("Here it is:\n[PRIVATE_KEY_1]\nKeep it safe.");
    for (const line of body.split("\n")) expect(result.text).not.toContain(line.slice(0, 16));
  });

  it("holds a few words back when PII is redacted on output, so a spaced card number is seen whole", async () => {
    gateway = await startGateway({ guardrails: { output: { pii: "redact" } } });
    const card = luhnNumber("4", 16, 7).replace(/(\d{4})(?=\d)/g, "$1 ");
    gateway.pa.setDefault({ type: "ok", text: `The card on file is ${card} and it expires next year.` });
    const result = await streamed(gateway.client, {
      model: "m1",
      messages: [{ role: "user", content: "card?" }],
      stream: true,
    });
    expect(result.failure).toBeUndefined();
    expect(result.text).toContain("and it expires next year.");
    expect(result.text).not.toContain(card.slice(0, 9));
  });

  it("fails over when an upstream breaks while everything it sent is still held back", async () => {
    gateway = await startGateway();
    // pa streams "Hello" (no delimiter yet, so nothing reached the client) and then drops the
    // connection: pb answers instead, in the same stream, and nothing of pa's attempt shows.
    gateway.pa.enqueue({ type: "reset", afterChunks: 2 });
    const result = await streamed(gateway.client, {
      model: "m1",
      messages: [{ role: "user", content: "Hello" }],
      stream: true,
    });
    expect(result.failure).toBeUndefined();
    expect(result.text).toBe("Hello");
    expect(gateway.pa.requests).toHaveLength(1);
    expect(gateway.pb.requests).toHaveLength(1);
  });

  it("sends the text before a tool call ahead of the call, not after it", async () => {
    gateway = await startGateway();
    gateway.pa.enqueue({
      type: "ok",
      text: "Let me check the weather",
      toolCalls: [{ id: "call_w", name: "send_mail", arguments: '{"to":"a@b.example"}' }],
    });
    const order: string[] = [];
    const stream = await gateway.client.chat.completions.create({
      model: "m1",
      messages: [{ role: "user", content: "weather?" }],
      tools,
      stream: true,
    });
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      if (delta?.content) order.push(`text:${delta.content}`);
      if (delta?.tool_calls?.length) order.push("tool");
    }
    const firstTool = order.indexOf("tool");
    expect(firstTool).toBeGreaterThan(0);
    expect(order.slice(0, firstTool).join("").replaceAll("text:", "")).toBe("Let me check the weather");
  });
});
