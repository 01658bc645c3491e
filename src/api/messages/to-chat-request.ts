import type {
  ChatMessage,
  ContentPart,
  ForwardedParams,
  ToolCall,
  ToolDefinition,
} from "../../chat/types.js";
import { ModelmuxError } from "../../errors.js";
import type {
  AnthropicContentBlock,
  AnthropicTool,
  AnthropicToolChoice,
  CountTokensBody,
} from "./messages-schema.js";

/**
 * Anthropic's Messages request in the one chat model every layer shares. Anthropic-only details
 * ride along as extra fields the native adapter reads back (`cache_control` on parts, tools and
 * tool calls; `is_error` and `cache_control` on tool messages; `thinking_blocks` on assistant
 * messages), so nothing is lost on the way to an Anthropic deployment.
 */
export interface TranslatedRequest {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** From `output_config.format`: modelmux validates the answer against it (and re-asks). */
  jsonSchema?: Record<string, unknown>;
  params: ForwardedParams;
}

/** Fields the translation consumes; every other top-level field is forwarded as sent. */
const TRANSLATED = new Set([
  "model",
  "messages",
  "system",
  "max_tokens",
  "stop_sequences",
  "temperature",
  "top_p",
  "top_k",
  "tools",
  "tool_choice",
  "thinking",
  "metadata",
  "output_config",
  "stream",
]);

type Block = AnthropicContentBlock;
type Extra = Record<string, unknown>;

function invalid(message: string, param: string): ModelmuxError {
  return new ModelmuxError("INVALID_INPUT", `${param}: ${message}`, { param });
}

/** A block's fields beyond `known` (`cache_control`, `citations`…), or undefined. */
function extraOf(block: Record<string, unknown>, known: readonly string[]): Extra | undefined {
  let extra: Extra | undefined;
  for (const field in block) {
    if (known.includes(field) || block[field] === undefined) continue;
    extra ??= {};
    extra[field] = block[field];
  }
  return extra;
}

function withExtra<T extends object>(target: T, extra: Extra | undefined): T {
  return extra ? Object.assign(target, extra) : target;
}

function imagePart(block: Extract<Block, { type: "image" }>): ContentPart {
  const { source } = block;
  const url = source.type === "base64" ? `data:${source.media_type};base64,${source.data}` : source.url;
  return withExtra({ type: "image_url", image_url: { url } }, extraOf(block, ["type", "source"]));
}

function textPart(block: { type: "text"; text: string }): ContentPart {
  return withExtra({ type: "text", text: block.text }, extraOf(block, ["type", "text"]));
}

/** Parts as a plain string when they are only text without extra fields (the common case). */
function compact(parts: ContentPart[]): string | ContentPart[] {
  if (parts.every((part) => part.type === "text" && Object.keys(part).length === 2))
    return parts.map((part) => (part.type === "text" ? part.text : "")).join("");
  return parts;
}

function toolResultMessage(block: Extract<Block, { type: "tool_result" }>): ChatMessage {
  const content = block.content;
  const parts =
    content === undefined
      ? ""
      : typeof content === "string"
        ? content
        : compact(content.map((inner) => (inner.type === "text" ? textPart(inner) : imagePart(inner))));
  const message: ChatMessage = { role: "tool", tool_call_id: block.tool_use_id, content: parts };
  if (block.is_error) (message as unknown as Extra).is_error = true;
  return withExtra(message, extraOf(block, ["type", "tool_use_id", "content", "is_error"]));
}

function userMessages(content: string | Block[], path: string): ChatMessage[] {
  if (typeof content === "string") return [{ role: "user", content }];
  const tools: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  content.forEach((block, index) => {
    if (block.type === "text") parts.push(textPart(block));
    else if (block.type === "image") parts.push(imagePart(block));
    else if (block.type === "tool_result") tools.push(toolResultMessage(block));
    else
      throw invalid(`a user message cannot hold a "${block.type}" block`, `${path}.content[${index}].type`);
  });
  // OpenAI's format wants tool answers right after the call; Anthropic puts them first in the turn.
  return parts.length > 0 ? [...tools, { role: "user", content: compact(parts) }] : tools;
}

function assistantMessage(content: string | Block[], path: string): ChatMessage {
  if (typeof content === "string") return { role: "assistant", content };
  const parts: ContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  const thinking: Extra[] = [];
  content.forEach((block, index) => {
    if (block.type === "text") parts.push(textPart(block));
    else if (block.type === "tool_use")
      toolCalls.push(
        withExtra(
          {
            id: block.id,
            type: "function" as const,
            function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
          },
          extraOf(block, ["type", "id", "name", "input"]),
        ),
      );
    else if (block.type === "thinking" || block.type === "redacted_thinking") thinking.push({ ...block });
    else
      throw invalid(
        `an assistant message cannot hold a "${block.type}" block`,
        `${path}.content[${index}].type`,
      );
  });
  const message: ChatMessage = {
    role: "assistant",
    content: parts.length > 0 ? compact(parts) : toolCalls.length > 0 ? null : "",
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (thinking.length > 0) (message as unknown as Extra).thinking_blocks = thinking;
  return message;
}

function toolDefinition(tool: AnthropicTool, index: number): ToolDefinition {
  if (tool.type !== undefined && tool.type !== "custom")
    throw invalid(
      `tool type "${tool.type}" is hosted by Anthropic and cannot be served through modelmux; define it as a custom tool with an input_schema`,
      `tools[${index}].type`,
    );
  if (tool.input_schema === undefined)
    throw invalid("required on a custom tool", `tools[${index}].input_schema`);
  const definition: ToolDefinition = {
    type: "function",
    function: {
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      parameters: tool.input_schema,
    },
  };
  return withExtra(definition, extraOf(tool, ["type", "name", "description", "input_schema"]));
}

function toolChoice(choice: AnthropicToolChoice): unknown {
  if (choice.type === "auto") return "auto";
  if (choice.type === "any") return "required";
  if (choice.type === "none") return "none";
  return { type: "function", function: { name: choice.name } };
}

/** Translates a validated Messages body; a block that has no place in the chat model is INVALID_INPUT. */
export function toChatRequest(body: CountTokensBody & { max_tokens?: number }): TranslatedRequest {
  const messages: ChatMessage[] = [];
  const system = body.system;
  if (typeof system === "string") {
    if (system !== "") messages.push({ role: "system", content: system });
  } else if (system && system.length > 0)
    messages.push({ role: "system", content: compact(system.map(textPart)) });
  body.messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    if (message.role === "user") messages.push(...userMessages(message.content, path));
    else messages.push(assistantMessage(message.content, path));
  });

  const params: ForwardedParams = {};
  if (body.tools && body.tools.length > 0) params.tools = body.tools.map(toolDefinition);
  if (body.tool_choice) {
    params.tool_choice = toolChoice(body.tool_choice);
    if ("disable_parallel_tool_use" in body.tool_choice && body.tool_choice.disable_parallel_tool_use)
      params.parallel_tool_calls = false;
  }
  if (body.stop_sequences && body.stop_sequences.length > 0) params.stop = body.stop_sequences;
  if (body.top_p !== undefined) params.top_p = body.top_p;
  if (body.top_k !== undefined) params.top_k = body.top_k;
  // "disabled" is the default everywhere: forwarding it would only trouble providers that lack it.
  if (body.thinking && body.thinking.type !== "disabled") params.thinking = body.thinking;
  for (const field in body.metadata ?? {})
    if (field !== "user_id")
      throw invalid('unknown field; Anthropic\'s metadata takes only "user_id"', `metadata.${field}`);
  if (body.metadata?.user_id) params.user = body.metadata.user_id;
  // Structured output is the pipeline's JSON schema; whatever else output_config holds (effort) is forwarded.
  const { format, ...outputConfig } = body.output_config ?? {};
  if (Object.keys(outputConfig).length > 0) params.output_config = outputConfig;
  for (const [field, value] of Object.entries(body)) {
    if (!TRANSLATED.has(field) && value !== undefined && value !== null) params[field] = value;
  }
  return {
    messages,
    ...(body.temperature !== undefined && { temperature: body.temperature }),
    ...(body.max_tokens !== undefined && { maxTokens: body.max_tokens }),
    ...(format && { jsonSchema: format.schema }),
    params,
  };
}
