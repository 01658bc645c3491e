import type { ApiError } from "../map-error.js";

/** Anthropic's error body: what `@anthropic-ai/sdk` parses into its APIError classes. */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: string; message: string };
}

/** Anthropic's error type for each HTTP status (docs: "Errors"). */
function errorType(status: number, openAIType: string): string {
  if (status === 400 || status === 422) return "invalid_request_error";
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 413) return "request_too_large";
  if (status === 429) return "rate_limit_error";
  if (status === 503 || status === 529 || openAIType === "unavailable") return "overloaded_error";
  return "api_error";
}

/** The same error (status, headers, message) in Anthropic's shape. */
export function toAnthropicError(apiError: ApiError): {
  status: number;
  body: AnthropicErrorBody;
  headers: Record<string, string>;
} {
  const { message, type, param } = apiError.body.error;
  // The field is named in the message already when known; say it when the message does not.
  const text = param && !message.includes(param) ? `${param}: ${message}` : message;
  return {
    status: apiError.status,
    body: { type: "error", error: { type: errorType(apiError.status, type), message: text } },
    headers: apiError.headers,
  };
}
