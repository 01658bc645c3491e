import type { IncomingMessage, ServerResponse } from "node:http";
import type { Orchestrator } from "../core/orchestrator.js";
import type { RouteRequest, RouteResult } from "../core/route-types.js";
import type { Caller } from "../http/auth.js";
import { sendJson } from "../http/http-error.js";
import { type BodyLimits, readJsonBody } from "../http/read-body.js";
import { callerContext, cancelOnHangUp } from "./caller-context.js";
import { type ChatInput, parseChatBody } from "./chat-request.js";
import {
  choicesOf,
  chunkBody,
  completionBody,
  completionId,
  deltaChoice,
  finishChoice,
  openAIUsage,
  unixSeconds,
  wholeDelta,
} from "./completion-shape.js";
import { toApiError } from "./map-error.js";
import { parseOptionHeaders } from "./parse-options.js";
import { RESULT_HEADERS, resultHeaders } from "./response-headers.js";
import { createSseStream } from "./sse.js";

/** The ledger's `tool` column for requests through the OpenAI-compatible API. */
export const CHAT_COMPLETIONS_TOOL = "v1/chat/completions";

export type ChatCompletionsHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  caller: Caller,
) => Promise<void>;

/**
 * POST /v1/chat/completions: the OpenAI request in, the orchestrator's answer out, in OpenAI's
 * shape (a whole completion, or SSE chunks with `stream: true`). Errors are thrown for the caller
 * to answer, except once a stream has started: then they end it with an error event.
 */
export function createChatCompletionsHandler(
  deps: { orchestrator: Orchestrator },
  bodyLimits: BodyLimits,
): ChatCompletionsHandler {
  return async (request, response, caller) => {
    const chat = parseChatBody(await readJsonBody(request, bodyLimits));
    const options = parseOptionHeaders(request.headers);

    const cancellation = cancelOnHangUp(response);
    const routeRequest: RouteRequest = {
      messages: chat.messages,
      model: chat.model,
      temperature: chat.temperature,
      maxTokens: chat.maxTokens,
      jsonSchema: chat.jsonSchema,
      params: chat.params,
      ...options,
      caller: callerContext(caller, CHAT_COMPLETIONS_TOOL),
      signal: cancellation,
    };
    if (chat.stream) return stream(deps.orchestrator, chat, routeRequest, response);
    const result = await deps.orchestrator.run(routeRequest);
    sendJson(response, 200, completionBody(completionId(), result), resultHeaders(result));
  };
}

/**
 * Streams deltas as they arrive. Headers wait for the first delta, so failover and errors before
 * it still answer a proper status; what served the answer is only known at the end, so a live
 * stream sends it as HTTP trailers (a cache hit, which has no deltas, sends it as headers). Every
 * chunk names the model the whole answer does: the deployment whose attempt the deltas come from
 * (failover happens only before the first one).
 */
async function stream(
  orchestrator: Orchestrator,
  chat: ChatInput,
  routeRequest: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  const sse = createSseStream(response);
  const id = completionId();
  const created = unixSeconds();
  const started = new Set<number>();
  let serving = chat.model;
  routeRequest.onAttempt = (deployment) => {
    serving = deployment.model;
  };
  routeRequest.onDelta = (delta) => {
    if (!sse.opened) sse.open({}, RESULT_HEADERS);
    const first = !started.has(delta.choice);
    if (first) started.add(delta.choice);
    sse.send(chunkBody(id, created, serving, [deltaChoice(delta, first)]));
  };
  let result: RouteResult;
  try {
    result = await orchestrator.run(routeRequest);
  } catch (error) {
    if (!sse.opened) throw error;
    sse.fail(toApiError(error).body);
    return;
  }
  const headers = resultHeaders(result);
  const live = sse.opened;
  const choices = choicesOf(result);
  if (!live) {
    sse.open(headers);
    choices.forEach((choice, index) => {
      sse.send(chunkBody(id, created, result.model, [deltaChoice(wholeDelta(choice, index), true)]));
    });
  }
  choices.forEach((choice, index) => {
    const finish: Record<string, unknown> = chunkBody(id, created, result.model, [
      finishChoice(choice.finishReason, index),
    ]);
    if (result.systemFingerprint) finish.system_fingerprint = result.systemFingerprint;
    sse.send(finish);
  });
  if (chat.includeUsage) sse.send(chunkBody(id, created, result.model, [], openAIUsage(result.usage)));
  sse.done(live ? headers : undefined);
}
