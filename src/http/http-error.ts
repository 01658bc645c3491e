import type { ServerResponse } from "node:http";

/** An error that knows its HTTP status; mapped to JSON at the edge. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  // A response already answered only ends: nothing is serialized for it.
  sendJsonText(response, status, response.headersSent ? "" : JSON.stringify(body), headers);
}

/** sendJson for a body already serialized (sent and also kept, so it is serialized once). */
export function sendJsonText(
  response: ServerResponse,
  status: number,
  payload: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    ...headers,
  });
  response.end(payload);
}
