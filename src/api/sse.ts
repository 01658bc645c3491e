import type { ServerResponse } from "node:http";

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
  "x-accel-buffering": "no", // proxies must not hold events back
};

/** How a door's events are written. */
export interface SseFormat {
  /** Each event is named after its data's `type` (`event: message_start`), as Anthropic's and the Responses API's are. */
  named: boolean;
  /** What ends the stream: OpenAI's chat stream ends with `data: [DONE]`, the named ones with nothing. */
  doneLine?: string;
}

/** Chat completions: unnamed `data:` events, then `data: [DONE]`. */
export const CHAT_SSE: SseFormat = { named: false, doneLine: "data: [DONE]\n\n" };
/** Anthropic's Messages and OpenAI's Responses events: named by their `type`, no end marker. */
export const NAMED_SSE: SseFormat = { named: true };

/**
 * Server-sent events on a response that opens lazily: the status line and headers go out with
 * the first event, so until then the request can still fail with a proper HTTP status.
 */
export interface SseStream {
  readonly opened: boolean;
  /** Sends the status line and headers (once); `trailers` names headers sent after the last event. */
  open(headers: Record<string, string>, trailers?: readonly string[]): void;
  send(data: unknown): void;
  /** send() for an event already serialized; `type` names it in a named format. */
  sendJsonText(type: string, json: string): void;
  /** Ends the stream (with the format's end line), and the trailers if any. */
  done(trailers?: Record<string, string>): void;
  /** Ends the stream after an error event (the SDKs throw it: OpenAI's `{"error": …}`, Anthropic's `event: error`). */
  fail(error: unknown): void;
}

export function createSseStream(response: ServerResponse, format: SseFormat = CHAT_SSE): SseStream {
  let opened = false;
  const writable = () => !response.destroyed && !response.writableEnded;
  const framed = (type: string, json: string) =>
    format.named ? `event: ${type}\ndata: ${json}\n\n` : `data: ${json}\n\n`;
  const event = (data: unknown) =>
    format.named
      ? framed((data as { type: string }).type, JSON.stringify(data))
      : `data: ${JSON.stringify(data)}\n\n`;
  return {
    get opened() {
      return opened;
    },
    open(headers, trailers) {
      if (opened) return;
      opened = true;
      response.writeHead(200, {
        ...SSE_HEADERS,
        ...headers,
        ...(trailers && trailers.length > 0 && { trailer: trailers.join(", ") }),
      });
    },
    send(data) {
      if (writable()) response.write(event(data));
    },
    sendJsonText(type, json) {
      if (writable()) response.write(framed(type, json));
    },
    done(trailers) {
      if (!writable()) return;
      if (format.doneLine) response.write(format.doneLine);
      if (trailers) response.addTrailers(trailers);
      response.end();
    },
    fail(error) {
      if (writable()) response.end(event(error));
    },
  };
}
