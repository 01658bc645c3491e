import type { RouteResult } from "../../core/route-types.js";
import { type ItemIds, incompleteReason, outputItems, responsesUsage } from "./output-items.js";
import type { ResponsesRequest } from "./parse-request.js";

/** What a Response says about its own request, the same in every event of a stream. */
export interface ResponseFrame {
  id: string;
  createdAt: number;
  request: ResponsesRequest;
  /** The model asked for, until the serving model is known. */
  model: string;
}

/** The request's settings echoed in a Response, as OpenAI echoes them. */
function settingsOf(request: ResponsesRequest) {
  const { body } = request;
  return {
    instructions: request.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    metadata: body.metadata ?? {},
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
    ...(typeof body.user === "string" && { user: body.user }),
    ...(typeof body.safety_identifier === "string" && { safety_identifier: body.safety_identifier }),
    ...(typeof body.prompt_cache_key === "string" && { prompt_cache_key: body.prompt_cache_key }),
  };
}

/** A Response still being written (the body of `response.created` and `response.in_progress`). */
export function pendingResponse(frame: ResponseFrame) {
  return {
    id: frame.id,
    object: "response",
    created_at: frame.createdAt,
    status: "in_progress",
    background: false,
    error: null,
    incomplete_details: null,
    model: frame.model,
    output: [] as unknown[],
    usage: null,
    ...settingsOf(frame.request),
  };
}

/** The finished Response for an orchestrator result; `ids` names the items (as already streamed). */
export function finishedResponse(frame: ResponseFrame, result: RouteResult, ids: ItemIds) {
  const reason = incompleteReason(result);
  return {
    ...pendingResponse(frame),
    status: reason ? "incomplete" : "completed",
    completed_at: Math.floor(Date.now() / 1000),
    incomplete_details: reason ? { reason } : null,
    model: result.model,
    output: outputItems(result, ids),
    usage: responsesUsage(result.usage),
    ...(result.serviceTier && { service_tier: result.serviceTier }),
  };
}

/** A Response that failed after its stream had started (`response.failed`). */
export function failedResponse(frame: ResponseFrame, error: { code: string | null; message: string }) {
  return {
    ...pendingResponse(frame),
    status: "failed",
    error: { code: error.code ?? "server_error", message: error.message },
  };
}

export type FinishedResponse = ReturnType<typeof finishedResponse>;
