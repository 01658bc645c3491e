import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { CancelSignal } from "../cancel-signal.js";
import { NodeResponse } from "./node-response.js";

type Fetch = typeof globalThis.fetch;

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** Any fetch-style headers as one plain record with lower-case names. */
export function headerRecord(headers: RequestInit["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  // The SDK sends a Headers object; the other shapes cover any other caller.
  const entries =
    headers instanceof Headers
      ? headers.entries()
      : Array.isArray(headers)
        ? headers
        : Object.entries(headers);
  for (const [name, value] of entries) {
    if (name !== undefined && value !== undefined) record[name.toLowerCase()] = String(value);
  }
  return record;
}

const cutOff = () => new TypeError("terminated", { cause: new Error("other side closed") });

/** The response body, decoded (gzip, deflate, br) when the server encoded it. */
function decodedBody(message: IncomingMessage): Readable {
  const decode = DECODERS[String(message.headers["content-encoding"] ?? "").toLowerCase()];
  if (!decode) return message;
  const source = message.pipe(decode()) as unknown as Readable;
  message.once("error", (error) => source.destroy(error));
  return source;
}

/**
 * Reads a whole response body, decoded. A body cut off mid-way ends without `complete`: that is
 * an error (fetch's `TypeError: terminated`), never a short answer.
 */
export function readWholeBody(
  message: IncomingMessage,
  resolve: (body: Buffer) => void,
  reject: (error: unknown) => void,
): void {
  const source = decodedBody(message);
  const chunks: Buffer[] = [];
  source.on("data", (chunk: Buffer) => chunks.push(chunk));
  source.once("error", reject);
  message.once("aborted", () => reject(cutOff()));
  source.once("end", () => {
    if (!message.complete) reject(cutOff());
    else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
  });
}

/** The body as fetch would hand it over: decoded, streamed for SSE, buffered otherwise (cheaper). */
function respond(
  message: IncomingMessage,
  method: string,
  url: string,
  resolve: (response: NodeResponse) => void,
  reject: (error: unknown) => void,
): void {
  const init = {
    status: message.statusCode ?? 500,
    statusText: message.statusMessage ?? "",
    headers: message.headers,
    url,
  };
  if (method === "HEAD" || init.status === 204 || init.status === 304) {
    message.resume();
    resolve(new NodeResponse(init, null));
    return;
  }
  if (String(message.headers["content-type"] ?? "").includes("text/event-stream")) {
    resolve(new NodeResponse(init, decodedBody(message)));
    return;
  }
  readWholeBody(message, (body) => resolve(new NodeResponse(init, body)), reject);
}

export interface Target {
  protocol: string;
  hostname: string;
  port: string;
  path: string;
  href: string;
  auth?: string;
}

/**
 * Request targets by URL: an adapter calls one or two URLs, so each is parsed once. Bounded,
 * in case a caller ever sends many distinct URLs.
 */
const targets = new Map<string, Target>();
const MAX_TARGETS = 256;

export function targetOf(href: string): Target {
  let target = targets.get(href);
  if (target) return target;
  const url = new URL(href);
  target = {
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port,
    path: `${url.pathname}${url.search}`,
    href: url.href,
    ...(url.username && {
      auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`,
    }),
  };
  if (targets.size >= MAX_TARGETS) targets.clear();
  targets.set(href, target);
  return target;
}

/**
 * Destroys the request (and a body still streaming) when the signal aborts. By hand rather than
 * http.request's `signal` option, which watches the request with `finished()`: ~3 % of the
 * gateway's CPU per call.
 */
export function abortWith(signal: CancelSignal, request: ClientRequest): void {
  const onAbort = () =>
    request.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
  signal.addEventListener("abort", onAbort, { once: true });
  request.once("close", () => signal.removeEventListener("abort", onAbort));
}

/** Keep-alive connections to one provider, shared by its SDK fetch and its plain JSON posts. */
export interface ConnectionPool {
  /** The request function and keep-alive agent for a target's scheme (http: or https:). */
  connect(target: Target): { send: typeof httpRequest; agent: HttpAgent };
}

export function createConnectionPool(): ConnectionPool {
  const http = { send: httpRequest, agent: new HttpAgent({ keepAlive: true }) };
  const https = { send: httpsRequest, agent: new HttpsAgent({ keepAlive: true }) };
  return { connect: (target) => (target.protocol === "https:" ? https : http) };
}

/**
 * A `fetch` for the openai SDK on node:http keep-alive agents (one pool per adapter). Node 20's
 * built-in fetch spends about 0.4 ms of CPU a call in WHATWG streams and spec checks, most of a
 * gateway's overhead on a fast upstream; this answers with a NodeResponse (what the SDK reads).
 * It covers what the SDK sends (string or byte bodies, abort signals); anything else (streamed
 * request bodies, other schemes, redirects) goes to the built-in fetch.
 */
export function createNodeFetch(
  fallback: Fetch = globalThis.fetch,
  pool: ConnectionPool = createConnectionPool(),
): Fetch {
  const nodeFetch = (input: Parameters<Fetch>[0], init: RequestInit = {}): Promise<Response> => {
    const body = init.body;
    const simpleBody = body == null || typeof body === "string" || body instanceof Uint8Array;
    if (!simpleBody || input instanceof Request) return fallback(input, init);
    const target = targetOf(input instanceof URL ? input.href : input);
    if (target.protocol !== "https:" && target.protocol !== "http:") return fallback(input, init);
    const method = (init.method ?? "GET").toUpperCase();
    const headers = headerRecord(init.headers);
    if (body != null) headers["content-length"] = String(Buffer.byteLength(body));

    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const { send, agent } = pool.connect(target);
      const request = send({ ...target, method, headers, agent }, (message) => {
        const status = message.statusCode ?? 0;
        if (status >= 300 && status < 400 && message.headers.location) {
          message.resume();
          resolve(fallback(input, init)); // fetch follows redirects by the spec's rules
          return;
        }
        try {
          respond(message, method, target.href, resolve as (response: unknown) => void, reject);
        } catch (error) {
          message.destroy();
          reject(error);
        }
      });
      request.once("error", reject);
      if (signal) abortWith(signal, request);
      request.end(body ?? undefined);
    });
  };
  return nodeFetch as Fetch;
}
