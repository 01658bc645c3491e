import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import {
  choiceText,
  completionJson,
  errorJson,
  type FakeAnswerMeta,
  type FakeBehavior,
  type FakeRequestBody,
  fakeUsage,
  replyChoices,
  streamFrames,
} from "./fake-completion.js";

export interface AnswerContext {
  response: ServerResponse;
  body: FakeRequestBody;
  behavior: FakeBehavior;
  /** Latency of `ok`/`json` answers that set none. */
  defaultLatencyMs: number;
  /** Runs `action` after `delayMs`; the server cancels pending ones on close. */
  schedule(delayMs: number, action: () => void): void;
  completionId: string;
}

/** Plays one scripted behaviour on a chat completion request. */
export function answerCompletion(context: AnswerContext): void {
  const { response, body, behavior } = context;
  switch (behavior.type) {
    case "timeout":
      return;
    case "reset":
      if (body.stream && behavior.afterChunks) streamAnswer(context, behavior.afterChunks);
      else destroySocket(response.socket);
      return;
    case "malformed":
      if (body.stream) {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.end('data: {"id":"chatcmpl-broken","choices":[{"index":0,"delta":{"content":"hi"\n\n');
      } else {
        send(response, 200, '{"id":"chatcmpl-broken","choices":[{"index":0,"message":');
      }
      return;
    case "status":
      context.schedule(behavior.latencyMs ?? 0, () => {
        const headers: Record<string, string> = {};
        if (behavior.retryAfter !== undefined) headers["retry-after"] = String(behavior.retryAfter);
        if (behavior.retryAfterMs !== undefined) headers["retry-after-ms"] = String(behavior.retryAfterMs);
        const body = behavior.echoRequest ? echoedRequest(response, behavior.status) : behavior.body;
        send(response, behavior.status, errorJson(behavior.status, body), headers);
      });
      return;
    default:
      context.schedule(behavior.latencyMs ?? context.defaultLatencyMs, () => {
        if (body.stream) {
          streamAnswer(context, undefined);
          return;
        }
        const choices = replyChoices(body, behavior);
        const ok = behavior.type === "ok" ? behavior : undefined;
        const usage = fakeUsage(body, choices.map(choiceText).join(""), ok?.usage);
        send(
          response,
          200,
          completionJson(context.completionId, body.model ?? "", choices, usage, metaOf(body, behavior)),
        );
      });
  }
}

function streamAnswer(context: AnswerContext, resetAfter: number | undefined): void {
  const { response, body, behavior } = context;
  const ok = behavior.type === "ok" ? behavior : undefined;
  const choices = replyChoices(body, behavior);
  const usage = body.stream_options?.include_usage
    ? fakeUsage(body, choices.map(choiceText).join(""), ok?.usage)
    : undefined;
  const frames = streamFrames(context.completionId, body.model ?? "", choices, usage, metaOf(body, behavior));
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  // A cut needs the earlier frames on the wire first, so it waits a little between frames.
  const delayMs = ok?.chunkDelayMs ?? (resetAfter === undefined ? 0 : 2);
  // Fast path for benchmarks: one write.
  if (delayMs <= 0 && resetAfter === undefined) {
    response.end(frames.join(""));
    return;
  }
  let index = 0;
  const writeNext = (): void => {
    if (response.destroyed) return;
    if (resetAfter !== undefined && index >= resetAfter) {
      response.socket?.destroy(); // FIN mid-body: the client sees a truncated chunked stream
      return;
    }
    const frame = frames[index++];
    if (frame === undefined) {
      response.end();
      return;
    }
    response.write(frame);
    context.schedule(delayMs, writeNext);
  };
  writeNext();
}

function metaOf(body: FakeRequestBody, behavior: FakeBehavior): FakeAnswerMeta {
  return {
    logprobs: body.logprobs === true,
    systemFingerprint: (behavior.type === "ok" && behavior.systemFingerprint) || "fp_fake",
  };
}

export function send(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (response.destroyed) return;
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(body);
}

/** An RST where the platform supports it, like a crashed or overloaded upstream. */
export function destroySocket(socket: Socket | null): void {
  if (!socket) return;
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

/** An error body quoting the request back: its URL (query included) and every header. */
function echoedRequest(response: ServerResponse, status: number): unknown {
  const request = response.req;
  const message = `invalid credentials for ${request.url}; request headers: ${JSON.stringify(request.headers)}`;
  return {
    error: { message, type: "invalid_request_error", code: status === 401 ? "invalid_api_key" : null },
  };
}
