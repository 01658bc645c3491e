import type { ChatMessage, ForwardedParams } from "../../chat/types.js";
import { assertTotalText, requestTexts } from "../../validation/text-limits.js";
import { inputToMessages } from "./input-items.js";
import { invalidField, parseField } from "./invalid-field.js";
import {
  REFUSED_FIELDS,
  type ResponsesBody,
  responsesBodySchema,
  type TextFormat,
  TRANSLATED_FIELDS,
} from "./request-schema.js";
import { toChatToolChoice, toChatTools } from "./tools.js";

/** A POST /v1/responses body, checked and translated onto the chat pipeline's request. */
export interface ResponsesRequest {
  body: ResponsesBody;
  model: string;
  /** This request's own input, as chat messages (without instructions or earlier turns). */
  input: ChatMessage[];
  instructions?: string;
  previousResponseId?: string;
  temperature?: number;
  maxTokens?: number;
  jsonSchema?: Record<string, unknown>;
  /** Chat parameters for the provider: translated ones (tools, response_format, …) and unknown fields as sent. */
  params: ForwardedParams;
  stream: boolean;
  /** Stored for GET and for chaining (OpenAI's default is to store). */
  store: boolean;
}

function responseFormatOf(format: TextFormat): Record<string, unknown> | undefined {
  if (format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  const jsonSchema: Record<string, unknown> = { name: format.name, schema: format.schema };
  if (format.description != null) jsonSchema.description = format.description;
  if (format.strict != null) jsonSchema.strict = format.strict;
  return { type: "json_schema", json_schema: jsonSchema };
}

/** Fields the core reads from the forwarded params are translated; the rest ride along unchanged. */
function translatedParams(body: ResponsesBody): ForwardedParams {
  const params: ForwardedParams = {};
  for (const [field, value] of Object.entries(body)) {
    if (value === null || value === undefined || TRANSLATED_FIELDS.has(field)) continue;
    const refusal = REFUSED_FIELDS[field];
    if (refusal) throw invalidField(field, `not supported: ${refusal}`);
    params[field] = value;
  }
  if (body.tools && body.tools.length > 0) params.tools = toChatTools(body.tools);
  if (body.tool_choice != null) params.tool_choice = toChatToolChoice(body.tool_choice);
  if (body.reasoning?.effort != null) params.reasoning_effort = body.reasoning.effort;
  if (body.text?.verbosity != null) params.verbosity = body.text.verbosity;
  const format = body.text?.format && responseFormatOf(body.text.format);
  if (format) params.response_format = format;
  const logprobs = body.include?.includes("message.output_text.logprobs") || body.top_logprobs != null;
  if (logprobs) params.logprobs = true;
  if (body.top_logprobs != null) params.top_logprobs = body.top_logprobs;
  return params;
}

/** Validates and translates a Responses body; a bad one is INVALID_INPUT naming the field. */
export function parseResponsesBody(raw: unknown): ResponsesRequest {
  const body = parseField(responsesBodySchema, raw, "body");
  if (body.background)
    throw invalidField("background", "not supported: modelmux answers while the request is open");
  if (body.truncation === "auto")
    throw invalidField(
      "truncation",
      'not supported: modelmux never drops input to fit the context window; send "disabled" or leave it out',
    );
  const input = inputToMessages(body.input);
  if (body.instructions) assertTotalText([body.instructions, ...requestTexts(input)], "input");
  else assertTotalText(requestTexts(input), "input");
  const format = body.text?.format;
  const jsonSchema =
    format?.type === "json_schema"
      ? format.schema
      : format?.type === "json_object"
        ? { type: "object" }
        : undefined;
  return {
    body,
    model: body.model,
    input,
    ...(body.instructions && { instructions: body.instructions }),
    ...(body.previous_response_id && { previousResponseId: body.previous_response_id }),
    ...(body.temperature != null && { temperature: body.temperature }),
    ...(body.max_output_tokens != null && { maxTokens: body.max_output_tokens }),
    ...(jsonSchema && { jsonSchema }),
    params: translatedParams(body),
    stream: body.stream ?? false,
    store: body.store ?? true,
  };
}
