import { z } from "zod";
import { ModelmuxError } from "../errors.js";
import type { ChatMessage } from "../providers/types.js";
import { MAX_TEXT_CHARS } from "../tools/schemas.js";
import { formatIssue, formatPath } from "../validation/format-issues.js";

const textPart = z.object({
  type: z.literal("text"), // images and audio are not routed yet
  text: z.string().max(MAX_TEXT_CHARS),
});

const message = z.object({
  // `developer` is what newer OpenAI clients call the system role.
  role: z.enum(["system", "developer", "user", "assistant"]),
  content: z.union([z.string().max(MAX_TEXT_CHARS), z.array(textPart).min(1)], {
    error: "expected a string or an array of text parts",
  }),
});

const responseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    json_schema: z.object({
      name: z.string().optional(),
      schema: z.record(z.string(), z.unknown()),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/** The body of POST /v1/chat/completions: OpenAI's fields modelmux honours. Others are ignored. */
const chatBodySchema = z.object({
  model: z.string().min(1),
  messages: z.array(message).min(1).max(1000),
  temperature: z.number().min(0).max(2).nullish(),
  max_tokens: z.number().int().positive().max(1_000_000).nullish(),
  max_completion_tokens: z.number().int().positive().max(1_000_000).nullish(),
  response_format: responseFormat.nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  n: z.number().int().min(1).max(1, "only n = 1 is supported").nullish(),
});

/** Fields that change the answer's shape in ways modelmux cannot honour: refused rather than ignored. */
const UNSUPPORTED_FIELDS = ["tools", "tool_choice", "functions", "function_call", "audio", "prediction"];

export interface ChatInput {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  jsonSchema?: Record<string, unknown>;
  stream: boolean;
  includeUsage: boolean;
}

function invalid(message: string, param: string | undefined): ModelmuxError {
  return new ModelmuxError("INVALID_INPUT", message, param === undefined ? undefined : { param });
}

function contentText(content: string | { text: string }[]): string {
  if (typeof content === "string") return content;
  return content.length === 1 ? (content[0]?.text ?? "") : content.map((part) => part.text).join("");
}

function jsonSchemaOf(format: z.infer<typeof responseFormat> | null | undefined) {
  if (!format || format.type === "text") return undefined;
  // json_object has no schema: any JSON object passes, and invalid JSON is re-asked.
  return format.type === "json_object" ? { type: "object" } : format.json_schema.schema;
}

type Issue = z.core.$ZodIssue;

/** For a union (string or text parts), the branch that got furthest says best what is wrong. */
function mostSpecific(issue: Issue): Issue {
  if (issue.code !== "invalid_union") return issue;
  let best: Issue = issue;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first && first.path.length > 0 && first.path.length + issue.path.length > best.path.length)
      best = { ...first, path: [...issue.path, ...first.path] };
  }
  return best;
}

/** Validates an OpenAI chat body; a bad one is INVALID_INPUT naming the field (`messages[0].role: …`). */
export function parseChatBody(body: unknown): ChatInput {
  const parsed = chatBodySchema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const issue = first && mostSpecific(first);
    const param = issue && issue.path.length > 0 ? formatPath(issue.path) : undefined;
    throw invalid(issue ? formatIssue(issue) : "invalid request body", param);
  }
  const record = body as Record<string, unknown>;
  for (const field of UNSUPPORTED_FIELDS) {
    const value = record[field];
    if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0))
      throw invalid(`${field}: not supported by modelmux's /v1/chat/completions`, field);
  }
  const input = parsed.data;
  const messages: ChatMessage[] = input.messages.map((entry) => ({
    role: entry.role === "developer" ? "system" : entry.role,
    content: contentText(entry.content),
  }));
  const maxTokens = input.max_completion_tokens ?? input.max_tokens ?? undefined;
  const jsonSchema = jsonSchemaOf(input.response_format);
  return {
    model: input.model,
    messages,
    ...(input.temperature != null && { temperature: input.temperature }),
    ...(maxTokens !== undefined && { maxTokens }),
    ...(jsonSchema && { jsonSchema }),
    stream: input.stream ?? false,
    includeUsage: input.stream_options?.include_usage ?? false,
  };
}
