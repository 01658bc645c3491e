import type { ServerResponse } from "node:http";

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
  "x-accel-buffering": "no", // proxies must not hold events back
};

/**
 * Server-sent events on a response that opens lazily: the status line and headers go out with
 * the first event, so until then the request can still fail with a proper HTTP status.
 */
export interface SseStream {
  readonly opened: boolean;
  /** Sends the status line and headers (once); `trailers` names headers sent after the last event. */
  open(headers: Record<string, string>, trailers?: readonly string[]): void;
  send(data: unknown): void;
  /** Ends the stream with `data: [DONE]`, and the trailers if any. */
  done(trailers?: Record<string, string>): void;
  /** Ends the stream after an error event (OpenAI's SDKs throw on `{"error": …}`). */
  fail(error: unknown): void;
}

export function createSseStream(response: ServerResponse): SseStream {
  let opened = false;
  const writable = () => !response.destroyed && !response.writableEnded;
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
      if (writable()) response.write(`data: ${JSON.stringify(data)}\n\n`);
    },
    done(trailers) {
      if (!writable()) return;
      response.write("data: [DONE]\n\n");
      if (trailers) response.addTrailers(trailers);
      response.end();
    },
    fail(error) {
      if (!writable()) return;
      response.end(`data: ${JSON.stringify(error)}\n\n`);
    },
  };
}
