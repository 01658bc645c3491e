import { z } from "zod";
import { chatSchemas } from "../chat/message-schema.js";
import { MAX_MESSAGES, MAX_TEMPERATURE, MAX_TOKEN_CAP } from "../chat/request-limits.js";
import type { ChatMessage, ForwardedParams } from "../chat/types.js";
import { ModelmuxError } from "../errors.js";
import { formatIssue, formatPath } from "../validation/format-issues.js";
import { assertTotalText, requestTexts } from "../validation/text-limits.js";
import { plainChatInput } from "./plain-chat-body.js";

const { chatMessageSchema, toolDefinitionSchema } = chatSchemas();

const responseFormat = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    json_schema: z.looseObject({
      name: z.string().optional(),
      schema: z.record(z.string(), z.unknown()),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/**
 * The body of POST /v1/chat/completions. The fields modelmux acts on are checked here; `tools`
 * and `n` are checked because routing reads them; every other field is forwarded as sent.
 */
const chatBodySchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(chatMessageSchema).min(1).max(MAX_MESSAGES),
  temperature: z.number().min(0).max(MAX_TEMPERATURE).nullish(),
  max_tokens: z.number().int().positive().max(MAX_TOKEN_CAP).nullish(),
  max_completion_tokens: z.number().int().positive().max(MAX_TOKEN_CAP).nullish(),
  response_format: responseFormat.nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  tools: z.array(toolDefinitionSchema).max(128).nullish(),
  n: z.number().int().min(1).max(128).nullish(),
});

/** Fields modelmux acts on itself; everything else in the body is forwarded to the provider. */
const USED_FIELDS = new Set([
  "model",
  "messages",
  "temperature",
  "max_tokens",
  "max_completion_tokens",
  "stream",
  "stream_options",
]);

export interface ChatInput {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  jsonSchema?: Record<string, unknown>;
  /** Every other field of the body, as sent (tools, stop, seed, response_format, unknown ones…). */
  params: ForwardedParams;
  stream: boolean;
  includeUsage: boolean;
}

function invalid(message: string, param: string | undefined): ModelmuxError {
  return new ModelmuxError("INVALID_INPUT", message, param === undefined ? undefined : { param });
}

function jsonSchemaOf(format: z.infer<typeof responseFormat> | null | undefined) {
  if (!format || format.type === "text") return undefined;
  // json_object has no schema: any JSON object passes, and invalid JSON is re-asked.
  return format.type === "json_object" ? { type: "object" } : format.json_schema.schema;
}

type Issue = z.core.$ZodIssue;

/** For a union (string or parts), the branch that got furthest says best what is wrong. */
export function mostSpecific(issue: Issue): Issue {
  if (issue.code !== "invalid_union") return issue;
  let best: Issue = issue;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first && first.path.length > 0 && first.path.length + issue.path.length > best.path.length)
      best = mostSpecific({ ...first, path: [...issue.path, ...first.path] });
  }
  return best;
}

/** Validates an OpenAI chat body; a bad one is INVALID_INPUT naming the field (`messages[0].role: …`). */
export function parseChatBody(body: unknown): ChatInput {
  return plainChatInput(body) ?? parseChatBodyWithSchema(body);
}

/** parseChatBody through the zod schema alone: every shape, every error. */
export function parseChatBodyWithSchema(body: unknown): ChatInput {
  const parsed = chatBodySchema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const issue = first && mostSpecific(first);
    const param = issue && issue.path.length > 0 ? formatPath(issue.path) : undefined;
    throw invalid(issue ? formatIssue(issue) : "invalid request body", param);
  }
  const input = parsed.data;
  assertTotalText(requestTexts(input.messages), "messages");
  const params: ForwardedParams = {};
  for (const [field, value] of Object.entries(input)) {
    // null means "not set" in OpenAI's API; an empty tools list is the same as none.
    if (USED_FIELDS.has(field) || value === null || value === undefined) continue;
    if (field === "tools" && Array.isArray(value) && value.length === 0) continue;
    params[field] = value;
  }
  const maxTokens = input.max_completion_tokens ?? input.max_tokens ?? undefined;
  const jsonSchema = jsonSchemaOf(input.response_format);
  return {
    model: input.model,
    messages: input.messages as ChatMessage[],
    ...(input.temperature != null && { temperature: input.temperature }),
    ...(maxTokens !== undefined && { maxTokens }),
    ...(jsonSchema && { jsonSchema }),
    params,
    stream: input.stream ?? false,
    includeUsage: input.stream_options?.include_usage ?? false,
  };
}
