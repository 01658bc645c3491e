import type { ServerResponse } from "node:http";

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

/**
 * Anthropic's server-sent events: every event is named (`event: message_start`) and carries its
 * `type` in the data too; there is no `[DONE]`. The status line goes out with the first event,
 * so until then the request can still fail with a proper HTTP status.
 */
export interface AnthropicSse {
  readonly opened: boolean;
  open(headers: Record<string, string>, trailers?: readonly string[]): void;
  send(data: { type: string; [field: string]: unknown }): void;
  end(trailers?: Record<string, string>): void;
  /** Ends the stream with an `error` event (the SDK throws it as an APIError). */
  fail(error: { type: "error"; error: unknown }): void;
}

export function createAnthropicSse(response: ServerResponse): AnthropicSse {
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
      if (writable()) response.write(`event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end(trailers) {
      if (!writable()) return;
      if (trailers) response.addTrailers(trailers);
      response.end();
    },
    fail(error) {
      if (writable()) response.end(`event: error\ndata: ${JSON.stringify(error)}\n\n`);
    },
  };
}
