import { ModelmuxError } from "../errors.js";

export type ProviderErrorKind = "timeout" | "connection" | "http" | "malformed" | "aborted";

export interface ProviderErrorOptions {
  provider: string;
  kind: ProviderErrorKind;
  isRetryable: boolean;
  status?: number;
  retryAfterMs?: number;
  /** The provider's own error code, e.g. `context_length_exceeded`. */
  providerCode?: string;
}

/**
 * A failed upstream call. The failover loop reads only `isRetryable` (and `retryAfterMs`);
 * the message is already free of API keys, so it is safe to show and log.
 */
export class ProviderError extends ModelmuxError {
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  readonly isRetryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly providerCode: string | undefined;

  constructor(message: string, options: ProviderErrorOptions) {
    super("PROVIDER_CALL_FAILED", message, {
      provider: options.provider,
      kind: options.kind,
      isRetryable: options.isRetryable,
      status: options.status,
      retryAfterMs: options.retryAfterMs,
      providerCode: options.providerCode,
    });
    this.name = "ProviderError";
    this.provider = options.provider;
    this.kind = options.kind;
    this.isRetryable = options.isRetryable;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.providerCode = options.providerCode;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

/** Request timeout, conflict, rate limit and server errors are worth another try (elsewhere). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
