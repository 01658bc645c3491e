import { z } from "zod";
import { once } from "../once.js";
import { MAX_TEXT_CHARS } from "../tools/schemas.js";
import { MAX_NAME_CHARS } from "./request-limits.js";

/**
 * OpenAI's chat message and tool definition, as zod schemas shared by every front door
 * (/v1/chat/completions and route_completion). Unknown fields are kept and forwarded. Built on first
 * use: an MCP server over stdio needs them only when route_completion is first called.
 */
export const chatSchemas = once(() => {
  const text = z.string().max(MAX_TEXT_CHARS);

  // Parts keep any extra field (a vendor's `cache_control`, say): it reaches the provider unchanged.
  const contentPart = z.discriminatedUnion(
    "type",
    [
      z.looseObject({ type: z.literal("text"), text }),
      z.looseObject({
        type: z.literal("image_url"),
        image_url: z.looseObject({
          url: z.string().min(1),
          detail: z.enum(["auto", "low", "high"]).optional(),
        }),
      }),
      z.looseObject({
        type: z.literal("input_audio"),
        input_audio: z.looseObject({ data: z.string().min(1), format: z.string().min(1) }),
      }),
      z.looseObject({
        type: z.literal("file"),
        file: z.looseObject({
          file_data: z.string().optional(),
          file_id: z.string().optional(),
          filename: z.string().optional(),
        }),
      }),
      z.looseObject({ type: z.literal("refusal"), refusal: text }),
    ],
    { error: 'expected a content part of type "text", "image_url", "input_audio", "file" or "refusal"' },
  );

  const toolCall = z.discriminatedUnion(
    "type",
    [
      z.looseObject({
        id: z.string().min(1),
        type: z.literal("function"),
        function: z.looseObject({ name: z.string().min(1), arguments: text }),
      }),
      z.looseObject({
        id: z.string().min(1),
        type: z.literal("custom"),
        custom: z.looseObject({ name: z.string().min(1), input: text }),
      }),
    ],
    { error: 'expected a tool call of type "function" or "custom"' },
  );

  const chatMessageSchema = z
    .looseObject({
      role: z.enum(["system", "developer", "user", "assistant", "tool"]),
      content: z.union([text, z.array(contentPart).min(1), z.null()], {
        error: "expected a string or an array of content parts",
      }),
      name: z.string().min(1).max(MAX_NAME_CHARS).optional(),
      tool_calls: z.array(toolCall).max(128).optional(),
      tool_call_id: z.string().min(1).optional(),
      refusal: text.nullish(),
    })
    .superRefine((entry, context) => {
      if (entry.role === "tool" && entry.tool_call_id === undefined)
        context.addIssue({
          code: "custom",
          path: ["tool_call_id"],
          message: "required on a tool message",
          input: undefined,
        });
      if (entry.content === null && !(entry.role === "assistant" && (entry.tool_calls?.length ?? 0) > 0))
        context.addIssue({
          code: "custom",
          path: ["content"],
          message: "may be null only on an assistant message with tool_calls",
          input: null,
        });
      if (entry.tool_calls !== undefined && entry.role !== "assistant")
        context.addIssue({
          code: "custom",
          path: ["tool_calls"],
          message: "only assistant messages call tools",
        });
    });

  const toolDefinitionSchema = z.discriminatedUnion(
    "type",
    [
      z.looseObject({
        type: z.literal("function"),
        function: z.looseObject({
          name: z.string().min(1).max(64),
          description: z.string().max(MAX_TEXT_CHARS).optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullish(),
        }),
      }),
      z.looseObject({
        type: z.literal("custom"),
        custom: z.looseObject({
          name: z.string().min(1).max(64),
          description: z.string().max(MAX_TEXT_CHARS).optional(),
          format: z.unknown().optional(),
        }),
      }),
    ],
    { error: 'expected a tool of type "function" or "custom"' },
  );
  return { chatMessageSchema, toolDefinitionSchema };
});
