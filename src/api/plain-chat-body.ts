import { MAX_MESSAGES, MAX_NAME_CHARS, MAX_TEMPERATURE, MAX_TOKEN_CAP } from "../chat/request-limits.js";
import type { ChatMessage, ForwardedParams } from "../chat/types.js";
import { MAX_TEXT_CHARS } from "../tools/schemas.js";
import { MAX_TOTAL_TEXT_BYTES, MAX_TOTAL_TEXT_CHARS } from "../validation/text-limits.js";
import type { ChatInput } from "./chat-request.js";

/** Roles a plain message may have; a tool message needs `tool_call_id`, so it takes the schema's path. */
const PLAIN_ROLES = new Set(["system", "developer", "user", "assistant"]);

/** The body schema's own fields: the schema puts them first, so a body using the rarer ones takes its path. */
const SCHEMA_FIELDS = new Set([
  "model",
  "messages",
  "temperature",
  "max_tokens",
  "max_completion_tokens",
  "response_format",
  "stream",
  "stream_options",
  "tools",
  "n",
]);

/**
 * Total chars under which the byte cap cannot be reached either (a UTF-16 unit is at most 3 bytes
 * of UTF-8), so no byte count is needed.
 */
const CHARS_WITHOUT_BYTE_COUNT = Math.min(MAX_TOTAL_TEXT_CHARS, Math.floor(MAX_TOTAL_TEXT_BYTES / 3));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

const isTokenCap = (value: unknown) =>
  value === undefined ||
  value === null ||
  (Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_TOKEN_CAP);

/** `{role, content[, name]}` with a string content, as the schema would give it back; else undefined. */
function plainMessage(value: unknown): (ChatMessage & { content: string }) | undefined {
  if (!isPlainObject(value)) return undefined;
  const { role, content, name } = value;
  if (typeof role !== "string" || !PLAIN_ROLES.has(role)) return undefined;
  if (typeof content !== "string" || content.length > MAX_TEXT_CHARS) return undefined;
  if (name === undefined) {
    if (Object.keys(value).length !== 2) return undefined;
    return { role, content } as ChatMessage & { content: string };
  }
  if (
    typeof name !== "string" ||
    name.length < 1 ||
    name.length > MAX_NAME_CHARS ||
    Object.keys(value).length !== 3
  )
    return undefined;
  return { role, content, name } as ChatMessage & { content: string };
}

/**
 * The chat body of the common shape (text messages of role, content and name; temperature, token
 * caps, stream, any forwarded field) read without the zod schema, which cost a plain request ~20k
 * instructions. Gives exactly what the schema path gives (a parity test holds the two together);
 * undefined for anything else (parts, tools, response_format, n, a bad field, text over the caps),
 * which then takes the schema's path and its error messages.
 */
export function plainChatInput(body: unknown): ChatInput | undefined {
  if (!isPlainObject(body)) return undefined;
  const { model, messages, temperature, max_tokens, max_completion_tokens, stream, stream_options } = body;
  if (typeof model !== "string" || model.length === 0) return undefined;
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > MAX_MESSAGES) return undefined;
  if (body.response_format != null || body.tools != null || body.n != null) return undefined;
  if (
    temperature != null &&
    !(typeof temperature === "number" && temperature >= 0 && temperature <= MAX_TEMPERATURE)
  )
    return undefined;
  if (!isTokenCap(max_tokens) || !isTokenCap(max_completion_tokens)) return undefined;
  if (stream != null && typeof stream !== "boolean") return undefined;
  let includeUsage = false;
  if (stream_options != null) {
    if (!isPlainObject(stream_options)) return undefined;
    const include = stream_options.include_usage;
    if (include != null && typeof include !== "boolean") return undefined;
    if (Object.keys(stream_options).length !== (include === undefined ? 0 : 1)) return undefined;
    includeUsage = include ?? false;
  }
  const parsed: ChatMessage[] = [];
  let chars = 0;
  for (const value of messages) {
    const message = plainMessage(value);
    if (!message) return undefined;
    chars += message.content.length + (message.name?.length ?? 0);
    parsed.push(message);
  }
  // Near the caps, the schema's path counts exactly and words the error.
  if (chars > CHARS_WITHOUT_BYTE_COUNT) return undefined;
  const params: ForwardedParams = {};
  for (const field in body) {
    if (field === "__proto__") return undefined;
    const value = body[field];
    if (SCHEMA_FIELDS.has(field) || value === null || value === undefined) continue;
    params[field] = value;
  }
  const maxTokens = (max_completion_tokens ?? max_tokens ?? undefined) as number | undefined;
  // The schema path's key order (it has no jsonSchema here: no response_format).
  return {
    model,
    messages: parsed,
    ...(temperature != null && { temperature: temperature as number }),
    ...(maxTokens !== undefined && { maxTokens }),
    params,
    stream: stream ?? false,
    includeUsage,
  };
}
