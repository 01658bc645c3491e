import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small, real Anthropic Messages API server (POST /v1/messages, whole or streamed) for tests
 * and benchmarks: scripted answers (text, tool_use, thinking with a signature, usage with cache
 * reads and writes, error statuses) and a log of what it received.
 */
export type FakeAnthropicBehavior =
  | {
      type: "ok";
      /** Defaults to an echo of the last user text. */
      text?: string;
      toolUses?: { id?: string; name: string; input: unknown }[];
      thinking?: { text: string; signature: string };
      usage?: {
        input_tokens?: number;
        output_tokens?: number;
        cache_creation_input_tokens?: number;
        cache_read_input_tokens?: number;
      };
      stopReason?: string;
      /** The stop sequence reported with `stopReason: "stop_sequence"`. */
      stopSequence?: string;
    }
  | { type: "status"; status: number; errorType?: string; message?: string };

export interface FakeAnthropicRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface FakeAnthropicUpstream {
  /** Base URL ending in `/v1` (the adapter appends `/messages`). */
  url: string;
  requests: FakeAnthropicRequest[];
  enqueue(...behaviors: FakeAnthropicBehavior[]): void;
  close(): Promise<void>;
}

type Block = Record<string, unknown>;

function lastUserText(body: Record<string, unknown>): string {
  const messages = (body.messages as { role: string; content: unknown }[] | undefined) ?? [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role !== "user") continue;
    if (typeof message.content === "string") return message.content;
    const texts = (message.content as Block[])
      .filter((block) => block.type === "text")
      .map((block) => block.text);
    if (texts.length > 0) return texts.join("");
  }
  return "ok";
}

function anthropicError(response: ServerResponse, status: number, type: string, message: string): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify({ type: "error", error: { type, message } }));
}

function contentOf(
  behavior: Extract<FakeAnthropicBehavior, { type: "ok" }>,
  body: Record<string, unknown>,
): Block[] {
  const content: Block[] = [];
  if (behavior.thinking)
    content.push({
      type: "thinking",
      thinking: behavior.thinking.text,
      signature: behavior.thinking.signature,
    });
  const text = behavior.text ?? (behavior.toolUses ? undefined : lastUserText(body));
  if (text !== undefined) content.push({ type: "text", text });
  behavior.toolUses?.forEach((use, index) => {
    content.push({
      type: "tool_use",
      id: use.id ?? `toolu_fake${index + 1}`,
      name: use.name,
      input: use.input,
    });
  });
  return content;
}

function usageOf(
  behavior: Extract<FakeAnthropicBehavior, { type: "ok" }>,
  body: Record<string, unknown>,
  content: Block[],
) {
  const output = JSON.stringify(content).length;
  return {
    input_tokens: behavior.usage?.input_tokens ?? Math.ceil(JSON.stringify(body.messages ?? []).length / 4),
    output_tokens: behavior.usage?.output_tokens ?? Math.max(1, Math.ceil(output / 4)),
    cache_creation_input_tokens: behavior.usage?.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: behavior.usage?.cache_read_input_tokens ?? 0,
  };
}

function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** Anthropic's event sequence for one answer. */
function streamEvents(
  id: string,
  model: string,
  content: Block[],
  usage: ReturnType<typeof usageOf>,
  stopReason: string,
  stopSequence: string | null,
) {
  const events: Block[] = [
    {
      type: "message_start",
      message: {
        id,
        type: "message",
        role: "assistant",
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    },
    { type: "ping" },
  ];
  content.forEach((block, index) => {
    if (block.type === "text") {
      events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
      for (const piece of pieces(String(block.text)))
        events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text: piece } });
    } else if (block.type === "thinking") {
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "thinking", thinking: "", signature: "" },
      });
      for (const piece of pieces(String(block.thinking)))
        events.push({
          type: "content_block_delta",
          index,
          delta: { type: "thinking_delta", thinking: piece },
        });
      events.push({
        type: "content_block_delta",
        index,
        delta: { type: "signature_delta", signature: block.signature },
      });
    } else {
      events.push({ type: "content_block_start", index, content_block: { ...block, input: {} } });
      const json = JSON.stringify(block.input);
      const size = Math.max(1, Math.ceil(json.length / 3));
      for (let start = 0; start < json.length; start += size)
        events.push({
          type: "content_block_delta",
          index,
          delta: { type: "input_json_delta", partial_json: json.slice(start, start + size) },
        });
    }
    events.push({ type: "content_block_stop", index });
  });
  events.push({
    type: "message_delta",
    delta: { stop_reason: stopReason, stop_sequence: stopSequence },
    usage: { output_tokens: usage.output_tokens },
  });
  events.push({ type: "message_stop" });
  return events;
}

/** The fake's count: one token per 3 characters of the counted fields' JSON (so a test can recompute it). */
export function fakeTokenCount(body: Record<string, unknown>): number {
  return Math.ceil(JSON.stringify(body).length / 3);
}

/** The Messages API's top-level fields: like the real API, the fake refuses any other. */
const MESSAGES_FIELDS = new Set([
  "model",
  "messages",
  "max_tokens",
  "system",
  "metadata",
  "stop_sequences",
  "stream",
  "temperature",
  "top_p",
  "top_k",
  "tools",
  "tool_choice",
  "thinking",
  "service_tier",
  "container",
  "mcp_servers",
  "context_management",
  "output_config",
]);

/** The first field Anthropic would refuse as an extra input, with its path. */
function extraField(body: Record<string, unknown>): string | undefined {
  const top = Object.keys(body).find((field) => !MESSAGES_FIELDS.has(field));
  if (top) return top;
  const metadata = body.metadata as Record<string, unknown> | undefined;
  const inner = Object.keys(metadata ?? {}).find((field) => field !== "user_id");
  return inner && `metadata.${inner}`;
}

function countTokens(response: ServerResponse, body: Record<string, unknown>): void {
  // As Anthropic's endpoint: output controls are not part of counting.
  for (const field of ["max_tokens", "stream", "temperature", "top_p", "top_k", "stop_sequences", "metadata"])
    if (field in body) {
      anthropicError(response, 400, "invalid_request_error", `${field}: Extra inputs are not permitted`);
      return;
    }
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ input_tokens: fakeTokenCount(body) }));
}

export async function startFakeAnthropicUpstream(
  options: { record?: boolean } = {},
): Promise<FakeAnthropicUpstream> {
  const record = options.record ?? true;
  const queue: FakeAnthropicBehavior[] = [];
  const requests: FakeAnthropicRequest[] = [];
  let count = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      } catch {
        return anthropicError(response, 400, "invalid_request_error", "body is not JSON");
      }
      if (record) requests.push({ path, headers: request.headers, body });
      if (!request.headers["x-api-key"])
        return anthropicError(response, 401, "authentication_error", "x-api-key header is required");
      if (path === "/v1/messages/count_tokens") return countTokens(response, body);
      if (path !== "/v1/messages")
        return anthropicError(response, 404, "not_found_error", `no route ${path}`);
      if (!request.headers["anthropic-version"])
        return anthropicError(response, 400, "invalid_request_error", "anthropic-version header is required");
      if (typeof body.max_tokens !== "number")
        return anthropicError(response, 400, "invalid_request_error", "max_tokens: Field required");
      const extra = extraField(body);
      if (extra)
        return anthropicError(
          response,
          400,
          "invalid_request_error",
          `${extra}: Extra inputs are not permitted`,
        );
      const behavior = queue.shift() ?? { type: "ok" };
      if (behavior.type === "status")
        return anthropicError(
          response,
          behavior.status,
          behavior.errorType ?? "api_error",
          behavior.message ?? `fake anthropic error ${behavior.status}`,
        );
      const content = contentOf(behavior, body);
      const usage = usageOf(behavior, body, content);
      const stopReason = behavior.stopReason ?? (behavior.toolUses ? "tool_use" : "end_turn");
      const id = `msg_fake${++count}`;
      const model = String(body.model ?? "");
      if (body.stream === true) {
        response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const events = streamEvents(id, model, content, usage, stopReason, behavior.stopSequence ?? null);
        response.end(
          events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join(""),
        );
        return;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          id,
          type: "message",
          role: "assistant",
          model,
          content,
          stop_reason: stopReason,
          stop_sequence: behavior.stopSequence ?? null,
          usage,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...behaviors) => queue.push(...behaviors),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
