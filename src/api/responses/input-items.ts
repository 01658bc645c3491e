import { z } from "zod";
import type { ChatMessage, ContentPart, ToolCall } from "../../chat/types.js";
import { MAX_TEXT_CHARS } from "../../tools/schemas.js";
import { invalidField, parseField } from "./invalid-field.js";

/**
 * Responses input items → chat messages. Messages keep their role; input_text / input_image /
 * input_file / input_audio parts become chat's text / image_url / file / input_audio parts;
 * function_call items join the assistant message before them as tool_calls, and
 * function_call_output items become tool messages. Reasoning items (a previous answer's reasoning,
 * handed back) are accepted and not sent on: chat completions takes no reasoning as input.
 */
const text = z.string().max(MAX_TEXT_CHARS);

const inputPart = z.discriminatedUnion(
  "type",
  [
    z.looseObject({ type: z.literal("input_text"), text }),
    z.looseObject({
      type: z.literal("input_image"),
      image_url: z.string().min(1).nullish(),
      file_id: z.string().min(1).nullish(),
      detail: z.enum(["auto", "low", "high"]).nullish(),
    }),
    z.looseObject({
      type: z.literal("input_file"),
      file_data: z.string().min(1).nullish(),
      file_id: z.string().min(1).nullish(),
      filename: z.string().min(1).nullish(),
      file_url: z.string().min(1).nullish(),
    }),
    z.looseObject({
      type: z.literal("input_audio"),
      input_audio: z.looseObject({ data: z.string().min(1), format: z.string().min(1) }),
    }),
    // Earlier answers handed back as input carry their own part types.
    z.looseObject({ type: z.literal("output_text"), text }),
    z.looseObject({ type: z.literal("refusal"), refusal: text }),
  ],
  {
    error:
      'expected a content part of type "input_text", "input_image", "input_file", "input_audio", "output_text" or "refusal"',
  },
);

const message = z.looseObject({
  type: z.literal("message").optional(),
  role: z.enum(["user", "assistant", "system", "developer"]),
  content: z.union([text, z.array(inputPart).min(1).max(1000)], {
    error: "expected a string or an array of content parts",
  }),
});

const functionCall = z.looseObject({
  type: z.literal("function_call"),
  call_id: z.string().min(1).max(200),
  name: z.string().min(1).max(64),
  arguments: text,
});

const customCall = z.looseObject({
  type: z.literal("custom_tool_call"),
  call_id: z.string().min(1).max(200),
  name: z.string().min(1).max(64),
  input: text,
});

const callOutput = z.looseObject({
  type: z.enum(["function_call_output", "custom_tool_call_output"]),
  call_id: z.string().min(1).max(200),
  output: z.union([text, z.array(inputPart).max(1000)], {
    error: "expected a string or an array of content parts",
  }),
});

type InputPart = z.output<typeof inputPart>;

function toChatPart(part: InputPart, path: string): ContentPart {
  switch (part.type) {
    case "input_text":
    case "output_text":
      return { type: "text", text: part.text };
    case "refusal":
      return { type: "refusal", refusal: part.refusal };
    case "input_audio":
      return { type: "input_audio", input_audio: part.input_audio };
    case "input_image": {
      if (!part.image_url)
        throw invalidField(
          `${path}.image_url`,
          "required: modelmux has no file storage, so send the image as a URL or a data URL (file_id is not supported)",
        );
      return {
        type: "image_url",
        image_url: { url: part.image_url, ...(part.detail && { detail: part.detail }) },
      };
    }
    case "input_file": {
      if (part.file_url)
        throw invalidField(
          `${path}.file_url`,
          "chat completions takes files only inline; send file_data (base64, with filename) or a file_id",
        );
      if (!part.file_data && !part.file_id)
        throw invalidField(path, "expected file_data (base64, with filename) or file_id");
      return {
        type: "file",
        file: {
          ...(part.file_data && { file_data: part.file_data }),
          ...(part.file_id && { file_id: part.file_id }),
          ...(part.filename && { filename: part.filename }),
        },
      };
    }
  }
}

function messageOf(item: z.output<typeof message>, path: string): ChatMessage {
  const { role, content } = item;
  if (typeof content === "string") return { role, content };
  const parts = content.map((part, index) => toChatPart(part, `${path}.content[${index}]`));
  if (role !== "assistant") return { role, content: parts };
  // Chat's assistant content is text (refusals apart): earlier output_text parts are joined.
  let joined = "";
  let refusal: string | undefined;
  parts.forEach((part, index) => {
    if (part.type === "text") joined += part.text;
    else if (part.type === "refusal") refusal = (refusal ?? "") + part.refusal;
    else throw invalidField(`${path}.content[${index}]`, "an assistant message holds only text and refusals");
  });
  return { role, content: joined, ...(refusal !== undefined && { refusal }) };
}

function toolOutput(output: string | InputPart[], path: string): ChatMessage["content"] {
  if (typeof output === "string") return output;
  return output.map((part, index) => {
    if (part.type === "input_text" || part.type === "output_text") return { type: "text", text: part.text };
    throw invalidField(
      `${path}.output[${index}]`,
      `a tool result sent through chat completions holds only text, not "${part.type}"`,
    );
  });
}

/** Where a tool call joins: the assistant message just before it, or a new one. */
function appendCall(messages: ChatMessage[], call: ToolCall): void {
  const last = messages.at(-1);
  if (last?.role === "assistant") {
    last.tool_calls = [...(last.tool_calls ?? []), call];
    if (last.content === "") last.content = null;
    return;
  }
  messages.push({ role: "assistant", content: null, tool_calls: [call] });
}

/** The conversation the input items describe, in chat completions' messages. */
export function inputToMessages(input: string | readonly Record<string, unknown>[]): ChatMessage[] {
  if (typeof input === "string") return [{ role: "user", content: input }];
  const messages: ChatMessage[] = [];
  input.forEach((item, index) => {
    const path = `input[${index}]`;
    const type = item.type ?? "message";
    switch (type) {
      case "message":
        messages.push(messageOf(parseField(message, item, path), path));
        return;
      case "function_call": {
        const call = parseField(functionCall, item, path);
        appendCall(messages, {
          id: call.call_id,
          type: "function",
          function: { name: call.name, arguments: call.arguments },
        });
        return;
      }
      case "custom_tool_call": {
        const call = parseField(customCall, item, path);
        appendCall(messages, {
          id: call.call_id,
          type: "custom",
          custom: { name: call.name, input: call.input },
        });
        return;
      }
      case "function_call_output":
      case "custom_tool_call_output": {
        const result = parseField(callOutput, item, path);
        messages.push({
          role: "tool",
          tool_call_id: result.call_id,
          content: toolOutput(result.output, path),
        });
        return;
      }
      case "reasoning":
        return;
      case "item_reference":
        throw invalidField(
          `${path}.type`,
          "item references are not supported; send the item itself, or chain with previous_response_id",
        );
      default:
        throw invalidField(
          `${path}.type`,
          `${JSON.stringify(type)} items belong to OpenAI's built-in tools, which modelmux does not serve; expected "message", "function_call", "function_call_output", "custom_tool_call", "custom_tool_call_output" or "reasoning"`,
        );
    }
  });
  return messages;
}
