import { z } from "zod";
import { MAX_TOKEN_CAP } from "../../chat/request-limits.js";
import { MAX_TEXT_CHARS } from "../../tools/schemas.js";

/**
 * The body of POST /v1/responses as modelmux reads it. Fields it translates are checked here;
 * input items and tools are checked one by one (input-items.ts, tools.ts) so an error names the
 * exact item; every other field is forwarded to the provider as sent.
 */
const text = z.string().max(MAX_TEXT_CHARS);

const textFormat = z.discriminatedUnion(
  "type",
  [
    z.looseObject({ type: z.literal("text") }),
    z.looseObject({ type: z.literal("json_object") }),
    z.looseObject({
      type: z.literal("json_schema"),
      name: z.string().min(1).max(64),
      schema: z.record(z.string(), z.unknown()),
      description: z.string().max(MAX_TEXT_CHARS).nullish(),
      strict: z.boolean().nullish(),
    }),
  ],
  { error: 'expected a format of type "text", "json_object" or "json_schema"' },
);

export const responsesBodySchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([text, z.array(z.record(z.string(), z.unknown())).min(1).max(2000)], {
    error: "expected a string or an array of input items",
  }),
  instructions: text.nullish(),
  previous_response_id: z.string().min(1).max(200).nullish(),
  store: z.boolean().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_obfuscation: z.boolean().nullish() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_output_tokens: z.number().int().positive().max(MAX_TOKEN_CAP).nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullish(),
  reasoning: z
    .looseObject({
      effort: z.enum(["none", "minimal", "low", "medium", "high", "xhigh"]).nullish(),
      summary: z.enum(["auto", "concise", "detailed"]).nullish(),
      generate_summary: z.enum(["auto", "concise", "detailed"]).nullish(),
    })
    .nullish(),
  text: z
    .looseObject({
      format: textFormat.nullish(),
      verbosity: z.enum(["low", "medium", "high"]).nullish(),
    })
    .nullish(),
  tools: z.array(z.record(z.string(), z.unknown())).max(128).nullish(),
  tool_choice: z.union([z.enum(["auto", "none", "required"]), z.record(z.string(), z.unknown())]).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  include: z.array(z.string()).max(32).nullish(),
  truncation: z.enum(["auto", "disabled"]).nullish(),
  background: z.boolean().nullish(),
});

export type ResponsesBody = z.output<typeof responsesBodySchema>;
export type TextFormat = z.output<typeof textFormat>;

/**
 * Responses fields chat completions cannot express, and why: each is refused with a 400 naming
 * it rather than dropped. (Hosted tools are refused in tools.ts.)
 */
export const REFUSED_FIELDS: Record<string, string> = {
  conversation:
    "OpenAI's Conversations API is not served by modelmux; chain turns with previous_response_id instead",
  prompt: "stored prompt templates live on OpenAI's servers; send the instructions and input instead",
  max_tool_calls: "chat completions has no cap on built-in tool calls, and modelmux serves no built-in tools",
  context_management: "server-side context compaction is not available through chat completions",
  n: "a Response has one output; use /v1/chat/completions for several choices",
};

/** Fields modelmux acts on itself (translated or consumed); the rest of the body is forwarded. */
export const TRANSLATED_FIELDS = new Set([
  "model",
  "input",
  "instructions",
  "previous_response_id",
  "store",
  "stream",
  "stream_options",
  "temperature",
  "max_output_tokens",
  "top_logprobs",
  "metadata",
  "reasoning",
  "text",
  "tools",
  "tool_choice",
  "include",
  "truncation",
  "background",
]);
