import type { ErrorCode } from "../errors.js";
import { errorMessage, isModelmuxError } from "../errors.js";
import { HttpError } from "../http/http-error.js";

/** OpenAI's error body: what the `openai` SDKs parse into `APIError`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export interface ApiError {
  status: number;
  body: OpenAIErrorBody;
  headers: Record<string, string>;
}

interface Mapping {
  status: number;
  type: string;
  code: string | null;
}

/** ModelmuxError codes → HTTP status and OpenAI error type/code. */
const MAPPINGS: Record<ErrorCode, Mapping> = {
  INVALID_INPUT: { status: 400, type: "invalid_request_error", code: null },
  INVALID_CONFIG: { status: 500, type: "server_error", code: "invalid_config" },
  UNKNOWN_MODEL: { status: 404, type: "invalid_request_error", code: "model_not_found" },
  NO_PROVIDER: { status: 503, type: "server_error", code: "no_provider" },
  PROVIDER_CALL_FAILED: { status: 502, type: "upstream_error", code: "provider_call_failed" },
  SCHEMA_VALIDATION_FAILED: { status: 422, type: "invalid_response_error", code: "schema_validation_failed" },
  GUARDRAIL_BLOCKED: { status: 400, type: "invalid_request_error", code: "guardrail_blocked" },
  BUDGET_EXCEEDED: { status: 429, type: "insufficient_quota", code: "budget_exceeded" },
  RATE_LIMITED: { status: 429, type: "rate_limit_error", code: "rate_limit_exceeded" },
  APPROVAL_REQUIRED: { status: 403, type: "permission_error", code: "approval_required" },
  CANCELLED: { status: 499, type: "cancelled", code: "cancelled" },
  // Access policy refusals: the key is known (authentication passed) but may not do this.
  UNAUTHORIZED: { status: 403, type: "permission_error", code: "permission_denied" },
  NOT_FOUND: { status: 404, type: "invalid_request_error", code: "not_found" },
  LEDGER_UNAVAILABLE: { status: 503, type: "server_error", code: "ledger_unavailable" },
};

/** Upstream statuses that mean the caller's request was at fault: passed through rather than 502. */
const CLIENT_FAULT_STATUSES = new Set([400, 413, 422]);

function lastAttemptStatus(data: Record<string, unknown> | undefined): number | undefined {
  const attempts = data?.attempts;
  if (!Array.isArray(attempts)) return undefined;
  const last = attempts.at(-1) as { status?: unknown } | undefined;
  return typeof last?.status === "number" ? last.status : undefined;
}

function attemptCount(data: Record<string, unknown> | undefined): Record<string, string> {
  return Array.isArray(data?.attempts) ? { "x-modelmux-attempts": String(data.attempts.length) } : {};
}

/** Any thrown value as an OpenAI-shaped error with the right status; messages are already secret-free. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: { error: { message: error.message, type: error.type, param: null, code: error.type } },
      headers: error.headers,
    };
  }
  if (!isModelmuxError(error)) {
    return {
      status: 500,
      body: {
        error: {
          message: `internal error: ${errorMessage(error)}`,
          type: "server_error",
          param: null,
          code: null,
        },
      },
      headers: {},
    };
  }
  const mapping = MAPPINGS[error.code];
  const data = error.data;
  const param =
    typeof data?.param === "string" ? data.param : error.code === "UNKNOWN_MODEL" ? "model" : null;
  const headers = attemptCount(data);
  const retryAfter = data?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(Math.ceil(retryAfter));
  const upstreamStatus = error.code === "PROVIDER_CALL_FAILED" ? lastAttemptStatus(data) : undefined;
  if (upstreamStatus !== undefined && CLIENT_FAULT_STATUSES.has(upstreamStatus)) {
    return {
      status: upstreamStatus,
      body: {
        error: { message: error.message, type: "invalid_request_error", param, code: "upstream_rejected" },
      },
      headers,
    };
  }
  return {
    status: mapping.status,
    body: { error: { message: error.message, type: mapping.type, param, code: mapping.code } },
    headers,
  };
}
