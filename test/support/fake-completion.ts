/** Response bodies of the fake upstream: OpenAI chat completions, SSE chunks and realistic usage. */

export interface FakeUsageOverride {
  prompt_tokens?: number;
  completion_tokens?: number;
  cached_tokens?: number;
  reasoning_tokens?: number;
  audio_prompt_tokens?: number;
  audio_completion_tokens?: number;
}

/** A scripted tool call; the id defaults to `call_<n>`. */
export interface FakeToolCall {
  id?: string;
  name: string;
  /** JSON arguments of a function call, or the free-form input of a custom tool call. */
  arguments: string;
  /** A custom tool call (`type: "custom"`, `custom: {name, input}`) instead of a function call. */
  custom?: boolean;
}

export type FakeBehavior =
  /**
   * Answers 200; text defaults to an echo of the last user message (`{"echo":…}` in JSON mode),
   * or the whole request body with `echoBody`. With `toolCalls` the answer calls tools (content
   * null unless `text` is given, finish reason `tool_calls`). `n` in the request gives n choices;
   * `logprobs: true` gives one logprob per word.
   */
  | {
      type: "ok";
      text?: string;
      json?: unknown;
      echoBody?: boolean;
      toolCalls?: FakeToolCall[];
      refusal?: string;
      /** Sent as the message's `reasoning_content` (streamed before the text), as DeepSeek and vLLM do. */
      reasoning?: string;
      systemFingerprint?: string;
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
      /** Puts the request's URL and headers in the error message, as some providers' 401s do. */
      echoRequest?: boolean;
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
  prompt_tokens_details: { cached_tokens: number; audio_tokens?: number };
  completion_tokens_details?: { reasoning_tokens: number; audio_tokens?: number };
}

/** One answer choice as the fake sends it. */
export interface FakeChoice {
  text: string | null;
  toolCalls?: {
    id: string;
    type: "function";
    function: { name: string; arguments: string };
    custom?: boolean;
  }[];
  refusal?: string;
  reasoning?: string;
  finishReason: string;
}

export function replyText(body: FakeRequestBody, behavior: FakeBehavior): string {
  if (behavior.type === "json") return JSON.stringify(behavior.value);
  if (behavior.type === "ok") {
    if (behavior.text !== undefined) return behavior.text;
    if (behavior.json !== undefined) return JSON.stringify(behavior.json);
    if (behavior.echoBody) return JSON.stringify(body);
  }
  const echo = lastUserText(body);
  const format = body.response_format?.type;
  return format === "json_object" || format === "json_schema" ? JSON.stringify({ echo }) : echo;
}

/** The choices an `ok`/`json` behaviour answers with: `n` of them, calling tools when scripted. */
export function replyChoices(body: FakeRequestBody, behavior: FakeBehavior): FakeChoice[] {
  const ok = behavior.type === "ok" ? behavior : undefined;
  const toolCalls = ok?.toolCalls?.map((call, index) => ({
    id: call.id ?? `call_${index + 1}`,
    type: "function" as const,
    function: { name: call.name, arguments: call.arguments },
    ...(call.custom && { custom: true }),
  }));
  const text = toolCalls && ok?.text === undefined ? null : replyText(body, behavior);
  const choice: FakeChoice = {
    text: ok?.refusal !== undefined ? null : text,
    ...(toolCalls && { toolCalls }),
    ...(ok?.refusal !== undefined && { refusal: ok.refusal }),
    ...(ok?.reasoning !== undefined && { reasoning: ok.reasoning }),
    finishReason: ok?.finishReason ?? (toolCalls ? "tool_calls" : "stop"),
  };
  const n = typeof body.n === "number" && body.n > 1 ? Math.min(body.n, 16) : 1;
  return Array.from({ length: n }, () => choice);
}

/** Words of a text, as the fake streams and scores them. */
export function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function logprobsOf(text: string | null) {
  return {
    content: words(text ?? "").map((token) => ({ token, logprob: -0.25, bytes: null, top_logprobs: [] })),
    refusal: null,
  };
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
  const usage: FakeUsage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: {
      cached_tokens: override?.cached_tokens ?? 0,
      ...(override?.audio_prompt_tokens !== undefined && { audio_tokens: override.audio_prompt_tokens }),
    },
  };
  if (override?.reasoning_tokens !== undefined || override?.audio_completion_tokens !== undefined)
    usage.completion_tokens_details = {
      reasoning_tokens: override.reasoning_tokens ?? 0,
      ...(override.audio_completion_tokens !== undefined && {
        audio_tokens: override.audio_completion_tokens,
      }),
    };
  return usage;
}

/** The length usage counts for a choice: its text, or its tool calls' arguments. */
export function choiceText(choice: FakeChoice): string {
  return (
    choice.text ?? choice.refusal ?? (choice.toolCalls ?? []).map((call) => call.function.arguments).join("")
  );
}

export interface FakeAnswerMeta {
  logprobs: boolean;
  systemFingerprint: string;
}

export function completionJson(
  id: string,
  model: string,
  choices: FakeChoice[],
  usage: FakeUsage,
  meta: FakeAnswerMeta,
): string {
  return JSON.stringify({
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: meta.systemFingerprint,
    choices: choices.map((choice, index) => ({
      index,
      message: {
        role: "assistant",
        content: choice.text,
        refusal: choice.refusal ?? null,
        ...(choice.reasoning !== undefined && { reasoning_content: choice.reasoning }),
        ...(choice.toolCalls && { tool_calls: choice.toolCalls.map(wireCall) }),
      },
      logprobs: meta.logprobs ? logprobsOf(choice.text) : null,
      finish_reason: choice.finishReason,
    })),
    usage,
  });
}

/** A scripted call in OpenAI's wire shape: a function call, or a custom tool call. */
function wireCall(call: NonNullable<FakeChoice["toolCalls"]>[number]) {
  return call.custom
    ? { id: call.id, type: "custom", custom: { name: call.function.name, input: call.function.arguments } }
    : { id: call.id, type: "function", function: call.function };
}

/** Argument fragments as OpenAI streams them: a few characters at a time. */
function fragments(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

/** SSE events of a streamed answer, each a complete `data: …\n\n` frame, `[DONE]` last. */
export function streamFrames(
  id: string,
  model: string,
  choices: FakeChoice[],
  usage: FakeUsage | undefined,
  meta: FakeAnswerMeta,
): string[] {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra?: object) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, system_fingerprint: meta.systemFingerprint, choices, ...extra })}\n\n`;
  const frames: string[] = [];
  choices.forEach((choice, index) => {
    const delta = (fields: object, logprobs: unknown = null) =>
      chunk([{ index, delta: fields, logprobs, finish_reason: null }]);
    frames.push(delta({ role: "assistant", content: choice.text === null ? null : "" }));
    for (const piece of words(choice.reasoning ?? "")) frames.push(delta({ reasoning_content: piece }));
    for (const piece of words(choice.text ?? ""))
      frames.push(delta({ content: piece }, meta.logprobs ? logprobsOf(piece) : null));
    for (const piece of words(choice.refusal ?? "")) frames.push(delta({ refusal: piece }));
    choice.toolCalls?.forEach((call, callIndex) => {
      if (call.custom) {
        const { name, arguments: input } = call.function;
        frames.push(
          delta({
            tool_calls: [{ index: callIndex, id: call.id, type: "custom", custom: { name, input: "" } }],
          }),
        );
        for (const piece of fragments(input))
          frames.push(delta({ tool_calls: [{ index: callIndex, custom: { input: piece } }] }));
        return;
      }
      frames.push(
        delta({
          tool_calls: [
            {
              index: callIndex,
              id: call.id,
              type: "function",
              function: { name: call.function.name, arguments: "" },
            },
          ],
        }),
      );
      for (const piece of fragments(call.function.arguments))
        frames.push(delta({ tool_calls: [{ index: callIndex, function: { arguments: piece } }] }));
    });
    frames.push(chunk([{ index, delta: {}, logprobs: null, finish_reason: choice.finishReason }]));
  });
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
