import { text as readText } from "node:stream/consumers";
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { type Dispatcher, Pool } from "undici";
import type { CancelSignal } from "../cancel-signal.js";
import { decodedBody } from "./node-fetch.js";
import { NodeHeaders } from "./node-response.js";

/** POSTs `body` as JSON and resolves with the parsed answer; rejects with the openai SDK's own error classes. */
export type JsonPoster = (body: unknown, signal: CancelSignal | undefined) => Promise<unknown>;

/** What the SDK tests to call a failed connection a timeout (kept identical so both paths map alike). */
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

/** The answer's body as text: undici's own reader unless it must be decoded (rare: gzip, deflate, br). */
function bodyText(answer: Dispatcher.ResponseData): Promise<string> {
  const encoding = answer.headers["content-encoding"];
  return encoding === undefined ? answer.body.text() : readText(decodedBody(answer.body, encoding));
}

/**
 * The non-streaming chat call on an undici connection pool: no SDK request pipeline (header
 * merging, request logging, retry and timeout wrappers), no fetch Response emulation, and not
 * node:http's client, whose agent and header handling cost ~30,000 instructions a call more
 * (measured on a bare proxy). Errors are made the way the SDK makes them (APIError.generate with
 * the parsed error body and the response headers), so one mapping, toProviderError, serves this
 * path and the SDK's streaming one. Redirects are not followed: an OpenAI-compatible API answers
 * POST /chat/completions itself. Timeouts are the router's (each attempt's signal), not undici's.
 */
export function createJsonPoster(options: { url: string; headers: Record<string, string> }): JsonPoster {
  const url = new URL(options.url);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new Error(`unsupported URL scheme: ${url.protocol}`);
  const pool = new Pool(url.origin, { headersTimeout: 0, bodyTimeout: 0 });
  const path = `${url.pathname}${url.search}`;
  const { headers } = options;

  return async (body, signal) => {
    if (signal?.aborted) throw signal.reason;
    let answer: Dispatcher.ResponseData;
    let text: string;
    try {
      // undici accepts any EventTarget-like signal, a Cancellation included, and rejects with its reason.
      answer = await pool.request({
        path,
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal: signal as AbortSignal | undefined,
      });
      text = await bodyText(answer);
    } catch (error) {
      // The caller's cancellation or timeout passes through as is: toProviderError reads the signal.
      throw signal?.aborted ? error : connectionError(error);
    }
    const status = answer.statusCode;
    if (status < 200 || status >= 300) {
      const json = parseJsonOrUndefined(text) as object | undefined;
      const responseHeaders = new NodeHeaders(answer.headers) as unknown as Headers;
      throw APIError.generate(status, json, json ? undefined : text, responseHeaders);
    }
    return JSON.parse(text); // a 200 whose body is not JSON is malformed: the SyntaxError says so
  };
}
