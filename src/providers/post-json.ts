import type { IncomingMessage } from "node:http";
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai/core/error";
import type { CancelSignal } from "../cancel-signal.js";
import { nextTurn } from "../next-turn.js";
import { NodeHeaders } from "./node-headers.js";
import {
  abortWith,
  type ConnectionPool,
  cutOff,
  decodedBody,
  readWholeBody,
  type Target,
  targetOf,
} from "./node-http.js";
import { createSseParser } from "./sse-parser.js";

/** One provider's chat completions endpoint, called on its keep-alive connection pool. */
export interface CompletionPoster {
  /** POSTs `body` as JSON and resolves with the parsed answer. */
  json(body: unknown, signal: CancelSignal | undefined): Promise<unknown>;
  /**
   * POSTs `body` (with `stream: true`) and calls `onEvent` with each server-sent event's parsed
   * data until `[DONE]`; resolves when the answer has ended. An error `onEvent` throws ends the
   * call (and its connection) and rejects with that error as is.
   */
  stream(body: unknown, signal: CancelSignal | undefined, onEvent: (event: unknown) => void): Promise<void>;
}

/** What the openai SDK tests to call a failed connection a timeout (kept identical, so errors read as they did through it). */
const TIMEOUT_PATTERN = /timed? ?out/i;

function connectionError(error: unknown): Error {
  const text = String(error) + (error instanceof Error && "cause" in error ? String(error.cause) : "");
  return TIMEOUT_PATTERN.test(text)
    ? new APIConnectionTimeoutError()
    : new APIConnectionError({ cause: error as Error });
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Past this, serializing, encoding and sending a body each get a turn of the event loop: run back
 * to back with the request's other steps, a 4 MiB body (an image) made one long stall.
 */
const STEPPED_CHARS = 512 * 1024;

async function encodeInTurns(text: string): Promise<Buffer> {
  await nextTurn();
  const payload = Buffer.from(text);
  await nextTurn();
  return payload;
}

/**
 * The request's headers as a flat `[name, value, …]` list, in the order and form http.request
 * would write them from a headers object: the given ones (one per name, case aside, the last value
 * winning as setHeader has it), content-length (its value set per request at `lengthAt`), then the
 * Host header and, for a URL with credentials, Basic authorization, where no header of that name
 * was given. From a list node writes each header once, validated, instead of first storing each
 * through setHeader (~6,000 instructions a request).
 */
export function fixedHeaderList(
  headers: Record<string, string>,
  target: Target,
): { list: string[]; lengthAt: number } {
  const list: string[] = [];
  const at = new Map<string, number>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    const index = at.get(lower);
    if (index === undefined) {
      at.set(lower, list.length);
      list.push(name, value);
    } else list.splice(index, 2, name, value);
  }
  let lengthAt = at.get("content-length");
  if (lengthAt === undefined) {
    lengthAt = list.length;
    list.push("content-length", "0");
  }
  if (!at.has("host")) {
    const { hostname, port } = target;
    // As node writes it: an IPv6 address in brackets, the port only when not the scheme's default.
    const colon = hostname.indexOf(":");
    let host =
      colon !== -1 && hostname.includes(":", colon + 1) && !hostname.startsWith("[")
        ? `[${hostname}]`
        : hostname;
    if (port && Number(port) !== (target.protocol === "https:" ? 443 : 80)) host += `:${port}`;
    list.push("Host", host);
  }
  if (target.auth && !at.has("authorization"))
    list.push("Authorization", `Basic ${Buffer.from(target.auth).toString("base64")}`);
  return { list, lengthAt: lengthAt + 1 };
}

/**
 * Chat calls straight on node:http (on the adapter's connection pool): no SDK request pipeline
 * (header merging, request logging, retry and timeout wrappers), no fetch Response emulation and
 * no SDK stream reader, which together were most of the gateway's CPU per call. Headers are built
 * once per adapter. Errors are made the way the openai SDK makes them (APIError.generate with the
 * parsed error body and the response headers; APIError for an error event mid-stream), so one
 * mapping, toProviderError, serves every path. Redirects are not followed: an OpenAI-compatible
 * API answers POST /chat/completions itself.
 */
export function createCompletionPoster(options: {
  url: string;
  headers: Record<string, string>;
  pool: ConnectionPool;
}): CompletionPoster {
  const target = targetOf(options.url);
  if (target.protocol !== "https:" && target.protocol !== "http:")
    throw new Error(`unsupported URL scheme: ${target.protocol}`);
  const { send, agent } = options.pool.connect(target);
  const { list: fixedHeaders, lengthAt } = fixedHeaderList(options.headers, target);
  // Only what http.request reads: each option is copied four times inside node per request.
  const requestOptions = (length: number) => {
    const headers = fixedHeaders.slice();
    headers[lengthAt] = String(length);
    return {
      hostname: target.hostname,
      port: target.port,
      path: target.path,
      method: "POST",
      headers,
      agent,
    };
  };

  /**
   * Sends the body; `onAnswer` gets a 2xx answer, anything else rejects: an error status as the
   * SDK's APIError, a failed connection as APIConnectionError, the caller's cancellation as is.
   */
  function post<T>(
    body: unknown,
    signal: CancelSignal | undefined,
    onAnswer: (message: IncomingMessage, settle: Settle<T>) => void,
  ): Promise<T> {
    const text = JSON.stringify(body);
    if (text.length <= STEPPED_CHARS) {
      // An ASCII body (as many bytes as characters) goes as a latin1 string: node then writes the
      // header and body as one string, where a Buffer body is a second chunk of a gathered write.
      // The same bytes either way; the header is latin1 in both.
      const length = Buffer.byteLength(text);
      return sendPayload(length === text.length ? text : Buffer.from(text), signal, onAnswer);
    }
    // Encoded once: measuring the string and then writing it encoded a 4 MB body twice.
    return encodeInTurns(text).then((payload) => sendPayload(payload, signal, onAnswer));
  }

  function sendPayload<T>(
    payload: Buffer | string,
    signal: CancelSignal | undefined,
    onAnswer: (message: IncomingMessage, settle: Settle<T>) => void,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      // toProviderError reads the signal, so a cancellation or timeout passes through untouched.
      const fail = (error: unknown) => reject(signal?.aborted ? error : connectionError(error));
      const request = send(requestOptions(payload.length), (message) => {
        const status = message.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          onAnswer(message, { resolve, reject, fail });
          return;
        }
        readWholeBody(
          message,
          (bytes) => {
            const text = bytes.toString("utf8");
            const json = parseJsonOrUndefined(text) as object | undefined;
            const responseHeaders = new NodeHeaders(message.headers) as unknown as Headers;
            reject(APIError.generate(status, json, json ? undefined : text, responseHeaders));
          },
          fail,
        );
      });
      request.once("error", fail);
      if (signal) abortWith(signal, request);
      if (typeof payload === "string") request.end(payload, "latin1");
      else request.end(payload);
    });
  }

  return {
    json: (body, signal) =>
      post<unknown>(body, signal, (message, { resolve, reject, fail }) =>
        readWholeBody(
          message,
          (bytes) => {
            try {
              resolve(JSON.parse(bytes.toString("utf8"))); // a 200 that is not JSON is malformed: the SyntaxError says so
            } catch (error) {
              reject(error);
            }
          },
          fail,
        ),
      ),
    stream: (body, signal, onEvent) =>
      post<void>(body, signal, (message, { resolve, reject, fail }) => {
        const source = decodedBody(message);
        let finished = false;
        // A malformed event, an error event or the caller's own error ends the call here.
        const stop = (error: unknown) => {
          finished = true;
          reject(error); // first: destroying the answer emits "aborted" at once
          message.destroy();
        };
        const parser = createSseParser((data) => {
          if (finished) return;
          if (data.startsWith("[DONE]")) {
            finished = true;
            return;
          }
          const event = JSON.parse(data) as { error?: unknown } | null;
          if (event?.error) {
            const headers = new NodeHeaders(message.headers) as unknown as Headers;
            throw new APIError(undefined, event.error as object, undefined, headers);
          }
          onEvent(event);
        });
        source.setEncoding("utf8");
        source.on("data", (text: string) => {
          try {
            parser.feed(text);
          } catch (error) {
            stop(error);
          }
        });
        source.once("error", fail);
        message.once("aborted", () => fail(cutOff()));
        source.once("end", () => {
          if (!message.complete) fail(cutOff());
          else resolve();
        });
      }),
  };
}

interface Settle<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  /** Rejects with a connection error, or the caller's cancellation as is. */
  fail: (error: unknown) => void;
}
