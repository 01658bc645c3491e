import type { IncomingMessage } from "node:http";
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai/core/error";
import type { CancelSignal } from "../cancel-signal.js";
import { nextTurn } from "../next-turn.js";
import { NodeHeaders } from "./node-headers.js";
import { abortWith, type ConnectionPool, cutOff, decodedBody, readWholeBody, targetOf } from "./node-http.js";
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
  const headerNames = Object.keys(options.headers);
  const headerValues = headerNames.map((name) => options.headers[name]);
  // Plain literals, not spreads: a property added after a spread misses V8's inline caches and
  // took ~20,000 instructions a request (4 % of the gateway's CPU).
  const headersWithLength = (length: number) => {
    const headers: Record<string, string | number> = {};
    for (let index = 0; index < headerNames.length; index++)
      headers[headerNames[index] as string] = headerValues[index] as string;
    headers["content-length"] = length;
    return headers;
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
    // Encoded once: measuring the string and then writing it encoded a 4 MB body twice.
    if (text.length <= STEPPED_CHARS) return sendPayload(Buffer.from(text), signal, onAnswer);
    return encodeInTurns(text).then((payload) => sendPayload(payload, signal, onAnswer));
  }

  function sendPayload<T>(
    payload: Buffer,
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
      const request = send(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          path: target.path,
          auth: target.auth,
          method: "POST",
          headers: headersWithLength(payload.length),
          agent,
        },
        (message) => {
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
        },
      );
      request.once("error", fail);
      if (signal) abortWith(signal, request);
      request.end(payload);
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
