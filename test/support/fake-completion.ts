/** Response bodies of the fake upstream: OpenAI chat completions, SSE chunks and realistic usage. */

export interface FakeUsageOverride {
  prompt_tokens?: number;
  completion_tokens?: number;
  cached_tokens?: number;
}

export type FakeBehavior =
  /** Answers 200; text defaults to an echo of the last user message (`{"echo":…}` in JSON mode). */
  | {
      type: "ok";
      text?: string;
      json?: unknown;
      usage?: FakeUsageOverride;
      finishReason?: string;
      latencyMs?: number;
      chunkDelayMs?: number;
    }
  /** Answers 200 with `JSON.stringify(value)` as the message text. */
  | { type: "json"; value: unknown; latencyMs?: number }
  /** Answers an error status; `retryAfter` (seconds or HTTP date) and `retryAfterMs` set headers. */
  | {
      type: "status";
      status: number;
      body?: unknown;
      retryAfter?: number | string;
      retryAfterMs?: number;
      latencyMs?: number;
    }
  /** Reads the request and never answers. */
  | { type: "timeout" }
  /** Destroys the socket; when streaming, after `afterChunks` chunks (default 0). */
  | { type: "reset"; afterChunks?: number }
  /** 200 with a body that is not valid JSON (or a broken SSE chunk when streaming). */
  | { type: "malformed" };

export interface FakeMessage {
  role?: string;
  content?: unknown;
}

export interface FakeRequestBody {
  model?: string;
  messages?: FakeMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type?: string };
  [key: string]: unknown;
}

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
}

export function replyText(body: FakeRequestBody, behavior: FakeBehavior): string {
  if (behavior.type === "json") return JSON.stringify(behavior.value);
  if (behavior.type === "ok") {
    if (behavior.text !== undefined) return behavior.text;
    if (behavior.json !== undefined) return JSON.stringify(behavior.json);
  }
  const echo = lastUserText(body);
  const format = body.response_format?.type;
  return format === "json_object" || format === "json_schema" ? JSON.stringify({ echo }) : echo;
}

function lastUserText(body: FakeRequestBody): string {
  const messages = body.messages ?? [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role === "user") return contentText(message.content);
  }
  return "ok";
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { text?: unknown }) => (typeof part?.text === "string" ? part.text : ""))
    .join("");
}

/** About 4 characters a token plus per-message overhead, like real tokenizers on English. */
export function fakeUsage(body: FakeRequestBody, text: string, override?: FakeUsageOverride): FakeUsage {
  let characters = 0;
  const messages = body.messages ?? [];
  for (const message of messages) characters += contentText(message.content).length;
  const prompt = override?.prompt_tokens ?? Math.ceil(characters / 4) + 3 * messages.length + 3;
  const completion = override?.completion_tokens ?? Math.max(1, Math.ceil(text.length / 4));
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: override?.cached_tokens ?? 0 },
  };
}

export function completionJson(
  id: string,
  model: string,
  text: string,
  usage: FakeUsage,
  finishReason: string,
): string {
  return JSON.stringify({
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: finishReason }],
    usage,
  });
}

/** SSE events of a streamed answer, each a complete `data: …\n\n` frame, `[DONE]` last. */
export function streamFrames(
  id: string,
  model: string,
  text: string,
  usage: FakeUsage | undefined,
  finishReason: string,
): string[] {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra?: object) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices, ...extra })}\n\n`;
  const frames = [chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }])];
  for (const piece of text.match(/\S+\s*|\s+/g) ?? []) {
    frames.push(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
  }
  frames.push(chunk([{ index: 0, delta: {}, finish_reason: finishReason }]));
  if (usage) frames.push(chunk([], { usage }));
  frames.push("data: [DONE]\n\n");
  return frames;
}

export function errorJson(status: number, body: unknown): string {
  if (typeof body === "string") return body;
  return JSON.stringify(
    body ?? { error: { message: `fake upstream error ${status}`, type: "fake_error", code: null } },
  );
}
