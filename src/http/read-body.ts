import type { IncomingMessage } from "node:http";
import { HttpError } from "./http-error.js";

// The rest of an oversized body is read and discarded (node does so after the answer), so a client
// still uploading gets its 413 instead of a broken pipe; the server's requestTimeout bounds it.
const tooLarge = (limit: number) =>
  new HttpError(413, "payload_too_large", `request body over ${limit} bytes`);

function parseJson(chunks: Buffer[], size: number): unknown {
  if (size === 0) return undefined;
  const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new HttpError(400, "invalid_json", "request body is not valid JSON");
  }
}

/**
 * Reads a JSON body, refusing more than `limit` bytes (413) or invalid JSON (400). Plain stream
 * events rather than `for await`: the async iterator cost ~4 % of the gateway's CPU per request.
 */
export function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error: unknown, value?: unknown) => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", settle);
      request.off("close", onClose);
      if (error) reject(error);
      else resolve(value);
    };
    function onData(chunk: Buffer) {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      settle(tooLarge(limit));
      request.resume();
    }
    function onEnd() {
      try {
        settle(undefined, parseJson(chunks, size));
      } catch (error) {
        settle(error);
      }
    }
    function onClose() {
      settle(new Error("the client closed the connection before sending the whole body"));
    }
    request.on("data", onData);
    request.once("end", onEnd);
    request.once("error", settle);
    request.once("close", onClose);
  });
}
