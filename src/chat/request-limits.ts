/**
 * Bounds on a chat request's fields, shared by every schema that reads one (the /v1 body, the
 * Messages and Responses doors, route_completion, route_batch) and by the /v1 plain-body fast path,
 * which must refuse exactly what the schema refuses.
 */
/** Most messages in one request. */
export const MAX_MESSAGES = 1000;
/** Largest output token cap a request may ask for. */
export const MAX_TOKEN_CAP = 1_000_000;
/** Longest message `name`. */
export const MAX_NAME_CHARS = 256;
/** Highest sampling temperature (OpenAI's range is 0 to 2). */
export const MAX_TEMPERATURE = 2;
