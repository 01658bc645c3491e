import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";

/** POSTs `body` as JSON and resolves with the parsed answer; rejects with the openai SDK's own error classes. */
export type JsonPoster = (body: unknown, signal: AbortSignal | undefined) => Promise<unknown>;

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

/**
 * The non-streaming chat call without the SDK's per-request machinery (header merging, request
 * logging, retry and timeout wrappers): about a tenth of the gateway's CPU on a fast upstream.
 * Headers are built once per adapter. Errors are made the way the SDK makes them
 * (APIError.generate with the parsed error body and the response headers), so one mapping,
 * toProviderError, serves this path and the SDK's streaming one.
 */
export function createJsonPoster(options: {
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
}): JsonPoster {
  const { url, headers } = options;
  const fetchImpl = options.fetch;
  return async (body, signal) => {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted) throw error; // the caller's cancellation or timeout: toProviderError reads the signal
      throw connectionError(error);
    }
    if (!response.ok) {
      const text = await response.text().catch((error: unknown) => String(error));
      const json = parseJsonOrUndefined(text) as object | undefined;
      throw APIError.generate(response.status, json, json ? undefined : text, response.headers);
    }
    // A 200 whose body is not JSON is malformed: the SyntaxError says so.
    return response.json();
  };
}
