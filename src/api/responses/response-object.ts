import type { RouteResult } from "../../core/route-types.js";
import { type ItemIds, incompleteReason, outputItems, responsesUsage } from "./output-items.js";
import type { ResponsesRequest } from "./parse-request.js";

/** What a Response says about its own request, the same in every event of a stream. */
export interface ResponseFrame {
  id: string;
  createdAt: number;
  request: ResponsesRequest;
  /** The model asked for, then (streamed) the model of the attempt being made: the one a pending Response names. */
  model: string;
}

/**
 * A Response with the request's settings echoed, as OpenAI echoes them. One object literal of a
 * fixed shape, optional fields assigned after: spreads of varying shapes cost V8 a slow copy.
 */
function responseBody(frame: ResponseFrame, status: string) {
  const { request } = frame;
  const { body } = request;
  const response = {
    id: frame.id,
    object: "response",
    created_at: frame.createdAt,
    status,
    background: false,
    error: null as { code: string; message: string } | null,
    incomplete_details: null as { reason: string } | null,
    instructions: request.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    metadata: body.metadata ?? {},
    model: frame.model,
    output: [] as Record<string, unknown>[],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: request.previousResponseId ?? null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? null },
    store: request.store,
    temperature: body.temperature ?? null,
    text: { format: body.text?.format ?? { type: "text" }, verbosity: body.text?.verbosity ?? "medium" },
    tool_choice: body.tool_choice ?? "auto",
    tools: body.tools ?? [],
    top_logprobs: body.top_logprobs ?? 0,
    top_p: body.top_p ?? null,
    truncation: "disabled",
    usage: null as ReturnType<typeof responsesUsage> | null,
  } as Record<string, unknown> & {
    status: string;
    output: Record<string, unknown>[];
    error: { code: string; message: string } | null;
    incomplete_details: { reason: string } | null;
    usage: ReturnType<typeof responsesUsage> | null;
  };
  for (const field of ECHOED_STRINGS) if (typeof body[field] === "string") response[field] = body[field];
  return response;
}

/** Optional request strings a Response echoes when they were sent. */
const ECHOED_STRINGS = ["user", "safety_identifier", "prompt_cache_key"] as const;

/** A Response still being written (the body of `response.created` and `response.in_progress`). */
export function pendingResponse(frame: ResponseFrame) {
  return responseBody(frame, "in_progress");
}

/** The finished Response for an orchestrator result; `ids` names the items (as already streamed). */
export function finishedResponse(frame: ResponseFrame, result: RouteResult, ids: ItemIds) {
  const reason = incompleteReason(result);
  const response = responseBody(frame, reason ? "incomplete" : "completed");
  response.completed_at = Math.floor(Date.now() / 1000);
  if (reason) response.incomplete_details = { reason };
  response.model = result.model;
  response.output = outputItems(result, ids);
  response.usage = responsesUsage(result.usage);
  if (result.serviceTier) response.service_tier = result.serviceTier;
  return response;
}

/** A Response that failed after its stream had started (`response.failed`). */
export function failedResponse(frame: ResponseFrame, error: { code: string | null; message: string }) {
  const response = responseBody(frame, "failed");
  response.error = { code: error.code ?? "server_error", message: error.message };
  return response;
}
