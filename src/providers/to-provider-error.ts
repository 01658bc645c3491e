import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai/core/error";
import type { CancelSignal } from "../cancel-signal.js";
import { parseRetryAfter } from "./parse-retry-after.js";
import { isProviderError, isRetryableStatus, ProviderError } from "./provider-error.js";
import { redactSecrets } from "./redact-secrets.js";

export interface ProviderErrorContext {
  provider: string;
  /** The caller's signal: tells a timeout (retryable) from a cancellation (not). */
  signal?: CancelSignal | undefined;
  /** Secrets to scrub from messages (the API key). */
  secrets: readonly (string | undefined)[];
}

const CONTEXT_LENGTH_PATTERN =
  /context[ _-]?length|maximum context|context window|prompt is too long|too many tokens/i;

/** Maps anything a provider call throws (the SDK's error classes, network errors) to a ProviderError with a key-free message. */
export function toProviderError(error: unknown, context: ProviderErrorContext): ProviderError {
  if (isProviderError(error)) return error;
  const { provider } = context;
  const clean = (text: string) => redactSecrets(text, context.secrets);

  if (context.signal?.aborted) return abortError(context.signal, provider);
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError(`request to ${provider} timed out`, {
      provider,
      kind: "timeout",
      isRetryable: true,
    });
  }
  if (error instanceof APIConnectionError) {
    const detail = causeMessage(error.cause);
    return new ProviderError(clean(`connection to ${provider} failed${detail ? `: ${detail}` : ""}`), {
      provider,
      kind: "connection",
      isRetryable: true,
    });
  }
  if (error instanceof APIError) return httpError(error, provider, clean);
  if (error instanceof SyntaxError) {
    return new ProviderError(clean(`${provider} sent a malformed response: ${error.message}`), {
      provider,
      kind: "malformed",
      isRetryable: true,
    });
  }
  // undici reports a body cut off mid-way as `TypeError: terminated` with the socket error as cause.
  const detail = [errorText(error), causeMessage(error instanceof Error ? error.cause : undefined)]
    .filter(Boolean)
    .join(": ");
  return new ProviderError(clean(`connection to ${provider} failed: ${detail}`), {
    provider,
    kind: "connection",
    isRetryable: true,
  });
}

function abortError(signal: CancelSignal, provider: string): ProviderError {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === "TimeoutError";
  return timedOut
    ? new ProviderError(`request to ${provider} timed out`, { provider, kind: "timeout", isRetryable: true })
    : new ProviderError(`request to ${provider} was aborted by the caller`, {
        provider,
        kind: "aborted",
        isRetryable: false,
      });
}

function httpError(error: APIError, provider: string, clean: (text: string) => string): ProviderError {
  const body = error.error as { message?: unknown; code?: unknown } | undefined;
  const providerMessage = typeof body?.message === "string" ? body.message : error.message;
  let providerCode = typeof error.code === "string" ? error.code : undefined;
  // Retrying cannot make a prompt fit; the orchestrator may pick a bigger model instead.
  const contextLength =
    providerCode === "context_length_exceeded" || CONTEXT_LENGTH_PATTERN.test(providerMessage);
  if (contextLength) providerCode = "context_length_exceeded";
  const status = error.status;
  // A status-less APIError is an error event inside a stream: the provider failed mid-answer.
  const isRetryable = !contextLength && (status === undefined || isRetryableStatus(status));
  const prefix =
    status === undefined ? `${provider} reported an error` : `${provider} answered HTTP ${status}`;
  return new ProviderError(clean(`${prefix}: ${providerMessage}`), {
    provider,
    kind: "http",
    isRetryable,
    status,
    retryAfterMs: parseRetryAfter(error.headers),
    providerCode,
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function causeMessage(cause: unknown): string {
  if (!(cause instanceof Error)) return "";
  const code = (cause as { code?: unknown }).code;
  const nested = causeMessage(cause.cause);
  const own =
    typeof code === "string" && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message;
  return nested && nested !== own ? `${own}: ${nested}` : own;
}
