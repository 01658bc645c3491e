import { z } from "zod";
import { MAX_TOKEN_CAP } from "../../chat/request-limits.js";
import { MAX_TEXT_CHARS } from "../../tools/schemas.js";

/**
 * Anthropic's Messages API request, as zod schemas. Blocks keep unknown fields (`cache_control`,
 * `citations`, …): they ride along to the provider. Block types modelmux cannot translate
 * (documents, server tools' results) are refused naming the block.
 */
const text = z.string().max(MAX_TEXT_CHARS);

const textBlock = z.looseObject({ type: z.literal("text"), text });

const imageSource = z.discriminatedUnion(
  "type",
  [
    z.looseObject({
      type: z.literal("base64"),
      media_type: z.enum(["image/jpeg", "image/png", "image/gif", "image/webp"]),
      data: z.string().min(1),
    }),
    z.looseObject({ type: z.literal("url"), url: z.string().min(1) }),
  ],
  { error: 'expected an image source of type "base64" or "url"' },
);

const imageBlock = z.looseObject({ type: z.literal("image"), source: imageSource });

const toolUseBlock = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string().min(1),
  name: z.string().min(1).max(128),
  input: z.unknown(),
});

const toolResultBlock = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().min(1),
  content: z.union([text, z.array(z.discriminatedUnion("type", [textBlock, imageBlock]))]).optional(),
  is_error: z.boolean().optional(),
});

const thinkingBlock = z.looseObject({
  type: z.literal("thinking"),
  thinking: text,
  signature: z.string().optional(),
});

const redactedThinkingBlock = z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() });

export const contentBlockSchema = z.discriminatedUnion(
  "type",
  [textBlock, imageBlock, toolUseBlock, toolResultBlock, thinkingBlock, redactedThinkingBlock],
  {
    error:
      'expected a content block of type "text", "image", "tool_use", "tool_result", "thinking" or "redacted_thinking"',
  },
);

const messageSchema = z.looseObject({
  role: z.enum(["user", "assistant"]),
  content: z.union([text, z.array(contentBlockSchema).max(10_000)], {
    error: "expected a string or an array of content blocks",
  }),
});

const toolSchema = z.looseObject({
  name: z.string().min(1).max(128),
  description: z.string().max(MAX_TEXT_CHARS).optional(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
  type: z.string().optional(),
});

const toolChoiceSchema = z.discriminatedUnion(
  "type",
  [
    z.looseObject({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
    z.looseObject({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
    z.looseObject({
      type: z.literal("tool"),
      name: z.string().min(1),
      disable_parallel_tool_use: z.boolean().optional(),
    }),
    z.looseObject({ type: z.literal("none") }),
  ],
  { error: 'expected a tool_choice of type "auto", "any", "tool" or "none"' },
);

// Thinking modes keep coming ("enabled", "adaptive", "between_tools"…): the provider checks the rest.
const thinkingSchema = z.looseObject({ type: z.string().min(1) });

const outputConfigSchema = z.looseObject({
  format: z
    .looseObject({ type: z.literal("json_schema"), schema: z.record(z.string(), z.unknown()) })
    .nullish(),
});

/** The body of POST /v1/messages (and, without max_tokens, of /v1/messages/count_tokens). */
export const messagesBodySchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1).max(10_000),
  system: z.union([text, z.array(textBlock)]).optional(),
  max_tokens: z.number().int().positive().max(MAX_TOKEN_CAP),
  stop_sequences: z.array(z.string().min(1)).max(64).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  tools: z.array(toolSchema).max(128).optional(),
  tool_choice: toolChoiceSchema.optional(),
  thinking: thinkingSchema.optional(),
  output_config: outputConfigSchema.optional(),
  metadata: z.looseObject({ user_id: z.string().max(512).nullish() }).optional(),
  stream: z.boolean().optional(),
});

export const countTokensBodySchema = messagesBodySchema.omit({ max_tokens: true, stream: true });

export type MessagesBody = z.infer<typeof messagesBodySchema>;
export type CountTokensBody = z.infer<typeof countTokensBodySchema>;
export type AnthropicContentBlock = z.infer<typeof contentBlockSchema>;
export type AnthropicTool = z.infer<typeof toolSchema>;
export type AnthropicToolChoice = z.infer<typeof toolChoiceSchema>;
