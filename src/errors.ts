/** Stable error codes that front doors map to MCP `isError` results or OpenAI-style HTTP errors. */
export type ErrorCode =
  | "INVALID_INPUT"
  | "INVALID_CONFIG"
  | "UNKNOWN_MODEL"
  | "NO_PROVIDER"
  | "PROVIDER_CALL_FAILED"
  | "SCHEMA_VALIDATION_FAILED"
  | "GUARDRAIL_BLOCKED"
  | "BUDGET_EXCEEDED"
  | "RATE_LIMITED"
  | "APPROVAL_REQUIRED"
  | "CANCELLED"
  | "UNAUTHORIZED"
  | "NOT_FOUND"
  | "LEDGER_UNAVAILABLE";

/** The one base error of modelmux: a string code, a message safe to show, and typed data. */
export class ModelmuxError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, data?: Record<string, unknown>) {
    super(message);
    this.name = "ModelmuxError";
    this.code = code;
    this.data = data;
  }
}

export function isModelmuxError(error: unknown): error is ModelmuxError {
  return error instanceof ModelmuxError;
}

/** A message for any thrown value, without stack traces. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
