import { isDefaultValue } from "../../chat/default-params.js";
import type { ChatMessage, ContentPart, ToolCall, ToolDefinition } from "../../chat/types.js";
import { ProviderError } from "../provider-error.js";
import type { CompletionRequest, ResponseFormat } from "../types.js";

/**
 * The pipeline's chat request as an Anthropic Messages API body. Fields the Messages door carried
 * as extras come back as Anthropic fields (cache_control, is_error, thinking_blocks); OpenAI
 * parameters with an Anthropic counterpart are mapped (stop, user, tool_choice,
 * parallel_tool_calls, response_format, reasoning_effort, service_tier); every other parameter is forwarded as is
 * (routing keeps the OpenAI-only ones away, see NATIVE_ANTHROPIC_UNSUPPORTED).
 */
type Block = Record<string, unknown>;
type Body = Record<string, unknown>;

/** Parameters consumed by the mapping below (the rest are forwarded). */
const MAPPED = new Set([
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "stop",
  "user",
  "response_format",
  "reasoning_effort",
  "max_tokens",
  "max_completion_tokens",
  "stream_options",
  "service_tier",
]);

/** Part and message fields the chat model defines; any other field is an Anthropic extra (cache_control…). */
const PART_FIELDS = new Set(["type", "text", "image_url", "input_audio", "file", "refusal"]);
const CALL_FIELDS = new Set(["id", "type", "function", "custom"]);

function refuse(provider: string, message: string): ProviderError {
  // The request, not the provider, is at fault: no other deployment of this adapter would take it.
  return new ProviderError(`${provider}: ${message}`, {
    provider,
    kind: "http",
    status: 400,
    isRetryable: false,
  });
}

function copyExtras(target: Block, source: object, known: ReadonlySet<string>): Block {
  for (const [field, value] of Object.entries(source))
    if (!known.has(field) && value !== undefined) target[field] = value;
  return target;
}

function imageBlock(url: string): Block {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (match) return { type: "image", source: { type: "base64", media_type: match[1], data: match[2] } };
  return { type: "image", source: { type: "url", url } };
}

function partBlock(part: ContentPart, provider: string): Block {
  let block: Block;
  if (part.type === "text") block = { type: "text", text: part.text };
  else if (part.type === "refusal") block = { type: "text", text: part.refusal };
  else if (part.type === "image_url") block = imageBlock(part.image_url.url);
  else if (part.type === "file" && part.file.file_data?.startsWith("data:application/pdf;base64,"))
    block = {
      type: "document",
      source: { type: "base64", media_type: "application/pdf", data: part.file.file_data.slice(28) },
    };
  else throw refuse(provider, `Anthropic's Messages API takes no "${part.type}" content part here`);
  return copyExtras(block, part, PART_FIELDS);
}

function contentBlocks(content: ChatMessage["content"], provider: string): Block[] {
  if (content === null || content === "") return [];
  if (typeof content === "string") return [{ type: "text", text: content }];
  return content.map((part) => partBlock(part, provider));
}

function toolUseBlock(call: ToolCall): Block {
  const name = call.type === "custom" ? call.custom.name : call.function.name;
  const text = call.type === "custom" ? call.custom.input : call.function.arguments;
  let input: unknown = {};
  try {
    input = text === "" ? {} : JSON.parse(text);
  } catch {
    input = { input: text };
  }
  return copyExtras({ type: "tool_use", id: call.id, name, input }, call, CALL_FIELDS);
}

function toolResultBlock(message: ChatMessage, provider: string): Block {
  const extra = message as unknown as Record<string, unknown>;
  const block: Block = {
    type: "tool_result",
    tool_use_id: message.tool_call_id,
    content: typeof message.content === "string" ? message.content : contentBlocks(message.content, provider),
  };
  if (extra.is_error === true) block.is_error = true;
  if (extra.cache_control !== undefined) block.cache_control = extra.cache_control;
  return block;
}

function assistantBlocks(message: ChatMessage, provider: string): Block[] {
  const thinking = (message as unknown as Record<string, unknown>).thinking_blocks;
  const blocks: Block[] = Array.isArray(thinking) ? (thinking as Block[]).map((block) => ({ ...block })) : [];
  blocks.push(...contentBlocks(message.content, provider));
  for (const call of message.tool_calls ?? []) blocks.push(toolUseBlock(call));
  return blocks;
}

type Turn = { role: "user" | "assistant"; content: string | Block[] };

/** System text (every system or developer message, hoisted: Anthropic has one system prompt) and the turns. */
function splitMessages(messages: readonly ChatMessage[], provider: string) {
  const system: Block[] = [];
  let systemText: string | undefined;
  const turns: Turn[] = [];
  // A plain string stays a string (as the caller sent it) unless a turn must merge into it.
  const push = (role: Turn["role"], content: string | Block[]) => {
    const last = turns.at(-1);
    // Anthropic wants alternating turns: tool results and the user text after them are one user turn.
    if (last?.role !== role) {
      turns.push({ role, content });
      return;
    }
    const blocks = typeof last.content === "string" ? [{ type: "text", text: last.content }] : last.content;
    blocks.push(...(typeof content === "string" ? [{ type: "text", text: content }] : content));
    last.content = blocks;
  };
  for (const message of messages) {
    if (message.role === "system" || message.role === "developer") {
      if (typeof message.content === "string" && system.length === 0 && systemText === undefined)
        systemText = message.content;
      else {
        if (systemText !== undefined) system.push({ type: "text", text: systemText });
        systemText = undefined;
        system.push(...contentBlocks(message.content, provider));
      }
    } else if (message.role === "tool") push("user", [toolResultBlock(message, provider)]);
    else if (message.role === "assistant")
      push(
        "assistant",
        typeof message.content === "string" && !message.tool_calls && !("thinking_blocks" in message)
          ? message.content
          : assistantBlocks(message, provider),
      );
    else
      push(
        "user",
        typeof message.content === "string" ? message.content : contentBlocks(message.content, provider),
      );
  }
  return { system: systemText ?? system, turns };
}

function toolOf(tool: ToolDefinition, provider: string): Block {
  if (tool.type !== "function")
    throw refuse(provider, `Anthropic's Messages API takes no "${tool.type}" tools`);
  const { name, description, parameters } = tool.function;
  const block: Block = { name, input_schema: parameters ?? { type: "object", properties: {} } };
  if (description !== undefined) block.description = description;
  return copyExtras(block, tool, new Set(["type", "function"]));
}

function toolChoiceOf(choice: unknown, parallel: unknown): Block | undefined {
  let mapped: Block | undefined;
  if (choice === "auto") mapped = { type: "auto" };
  else if (choice === "required") mapped = { type: "any" };
  else if (choice === "none") mapped = { type: "none" };
  else if (choice && typeof choice === "object") {
    const named = choice as { type?: string; function?: { name?: string }; name?: string };
    mapped = named.type === "function" ? { type: "tool", name: named.function?.name } : { ...named };
  }
  if (parallel === false && mapped?.type !== "none")
    mapped = { ...(mapped ?? { type: "auto" }), disable_parallel_tool_use: true };
  return mapped;
}

function outputFormat(format: unknown, fallback: ResponseFormat | undefined): Block | undefined {
  const wire = (format ?? undefined) as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  if (wire?.type === "json_schema" && wire.json_schema?.schema)
    return { type: "json_schema", schema: wire.json_schema.schema };
  if (!wire && fallback?.type === "json_schema") return { type: "json_schema", schema: fallback.schema };
  // json_object has no Anthropic switch: modelmux validates the answer and re-asks instead.
  return undefined;
}

/**
 * Anthropic's service tiers are `auto` (priority capacity when the organisation has it) and
 * `standard_only`; OpenAI's `default` (standard processing) is `standard_only`. OpenAI's `flex`,
 * `scale` and `priority` have no counterpart and are refused rather than quietly changed.
 */
function serviceTierOf(tier: unknown, provider: string): unknown {
  if (tier === "default") return "standard_only";
  if (tier === undefined || tier === null || tier === "auto" || tier === "standard_only") return tier;
  throw refuse(
    provider,
    `service_tier ${JSON.stringify(tier)} has no Anthropic counterpart: the Messages API takes "auto" or "standard_only" (OpenAI's "default" is sent as "standard_only")`,
  );
}

/** The body for POST /v1/messages; `defaultMaxTokens` fills Anthropic's required max_tokens. */
export function toAnthropicBody(
  request: CompletionRequest,
  provider: string,
  defaultMaxTokens: number,
): Body {
  const params = request.params ?? {};
  const body: Body = {};
  // A default value (store: false, n: 1…) asks for nothing the Messages API would need to hear.
  for (const [field, value] of Object.entries(params))
    if (!MAPPED.has(field) && value !== undefined && value !== null && !isDefaultValue(field, value))
      body[field] = value;
  const { system, turns } = splitMessages(request.messages, provider);
  body.model = request.model;
  body.messages = turns;
  if (system.length > 0) body.system = system;
  const thinkingBudget = (params.thinking as { budget_tokens?: unknown } | undefined)?.budget_tokens;
  body.max_tokens =
    request.maxTokens ??
    (typeof thinkingBudget === "number"
      ? Math.max(defaultMaxTokens, thinkingBudget + 1024)
      : defaultMaxTokens);
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (params.stop !== undefined)
    body.stop_sequences = Array.isArray(params.stop) ? params.stop : [params.stop];
  if (typeof params.user === "string") body.metadata = { user_id: params.user };
  const serviceTier = serviceTierOf(params.service_tier, provider);
  if (serviceTier !== undefined && serviceTier !== null) body.service_tier = serviceTier;
  if (params.tools && params.tools.length > 0)
    body.tools = params.tools.map((tool) => toolOf(tool, provider));
  const toolChoice = toolChoiceOf(params.tool_choice, params.parallel_tool_calls);
  if (toolChoice && body.tools) body.tool_choice = toolChoice;
  const format = outputFormat(params.response_format, request.responseFormat);
  const effort = params.reasoning_effort;
  if (format || typeof effort === "string") {
    const config: Block = { ...((body.output_config as Block | undefined) ?? {}) };
    if (format) config.format = format;
    if (typeof effort === "string") config.effort = effort === "minimal" ? "low" : effort;
    body.output_config = config;
  }
  return body;
}
