import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatMessage } from "../../chat/types.js";
import type { Orchestrator } from "../../core/orchestrator.js";
import type { RouteRequest, RouteResult } from "../../core/route-types.js";
import { ModelmuxError } from "../../errors.js";
import type { Caller } from "../../http/auth.js";
import { sendJson, sendJsonText } from "../../http/http-error.js";
import { type BodyLimits, readJsonBody } from "../../http/read-body.js";
import { callerContext, cancelOnHangUp } from "../caller-context.js";
import { wholeDelta } from "../completion-shape.js";
import { toApiError } from "../map-error.js";
import { parseOptionHeaders } from "../parse-options.js";
import { resultHeaders } from "../response-headers.js";
import { type InputItemQuery, inputItemPage, parseInputItemQuery } from "./input-item-page.js";
import { invalidField } from "./invalid-field.js";
import { createItemIds, newId } from "./output-items.js";
import { parseResponsesBody, type ResponsesRequest } from "./parse-request.js";
import { createResponseEvents } from "./response-events.js";
import { finishedResponse, type ResponseFrame } from "./response-object.js";
import { type ResponseStore, type StoredResponse, storedHistory } from "./response-store.js";
import { joinJsonArrays, ownInputItems } from "./stored-input-items.js";

/** The ledger's `tool` column for requests through POST /v1/responses. */
export const RESPONSES_TOOL = "v1/responses";

type Handler = (request: IncomingMessage, response: ServerResponse, caller: Caller) => Promise<void>;

export interface ResponsesHandlers {
  create: Handler;
  /** GET and DELETE /v1/responses/{id}: only the key that stored a response sees it. */
  retrieve(response: ServerResponse, id: string, caller: Caller): void;
  remove(response: ServerResponse, id: string, caller: Caller): void;
  /** GET /v1/responses/{id}/input_items: the items the stored response was given, a page at a time. */
  listInputItems(response: ServerResponse, id: string, caller: Caller, query: URLSearchParams): void;
}

function notFound(id: string): ModelmuxError {
  return new ModelmuxError("NOT_FOUND", `no stored response with id "${id.slice(0, 200)}"`);
}

/** The answer as the assistant turn a follow-up request chains onto. */
function assistantTurn(result: RouteResult): ChatMessage {
  const turn: ChatMessage = { role: "assistant", content: result.textIsNull ? null : result.text };
  if (result.toolCalls) turn.tool_calls = result.toolCalls;
  if (result.refusal) turn.refusal = result.refusal;
  return turn;
}

/**
 * POST /v1/responses: the Responses request translated onto the one chat pipeline (routing,
 * failover, cache, guardrails, budgets, ledger) and its answer translated back, whole or as the
 * Responses event stream. With `store` (the default) the Response and its conversation are kept
 * for GET and for `previous_response_id`.
 */
export function createResponsesHandlers(
  deps: { orchestrator: Orchestrator; responseStore: ResponseStore },
  bodyLimits: BodyLimits,
): ResponsesHandlers {
  const store = deps.responseStore;

  /** The stored response this one continues, if any. */
  function previousOf(request: ResponsesRequest, caller: Caller): StoredResponse | undefined {
    if (!request.previousResponseId) return undefined;
    const previous = store.get(request.previousResponseId, caller.key);
    if (!previous)
      throw invalidField(
        "previous_response_id",
        `no stored response "${request.previousResponseId.slice(0, 200)}" for this key (it may have expired, been deleted, or been created with store: false)`,
      );
    return previous;
  }

  /** Earlier turns, from the stored response this one continues. */
  function earlierTurns(request: ResponsesRequest, previous: StoredResponse | undefined): ChatMessage[] {
    if (!previous) return [];
    const history = storedHistory(previous);
    if (!history)
      throw invalidField(
        "previous_response_id",
        `the conversation of "${request.previousResponseId?.slice(0, 200)}" was too large to keep for chaining; send its items in input instead`,
      );
    return history;
  }

  /** The items this response lists: the previous one's items and output, then this input; "null" when those were not kept. */
  function inputItemsJson(request: ResponsesRequest, previous: StoredResponse | undefined): string {
    const own = JSON.stringify(ownInputItems(request.body.input));
    if (!previous) return own;
    if (previous.inputItemsJson === null) return "null";
    const { output } = JSON.parse(previous.responseJson) as { output: unknown[] };
    return joinJsonArrays([previous.inputItemsJson, JSON.stringify(output), own]);
  }

  async function create(request: IncomingMessage, response: ServerResponse, caller: Caller): Promise<void> {
    const parsed = parseResponsesBody(await readJsonBody(request, bodyLimits));
    const options = parseOptionHeaders(request.headers);
    const previous = previousOf(parsed, caller);
    const history = [...earlierTurns(parsed, previous), ...parsed.input];
    const cancellation = cancelOnHangUp(response);
    const routeRequest: RouteRequest = {
      messages: parsed.instructions
        ? [{ role: "system", content: parsed.instructions }, ...history]
        : history,
      model: parsed.model,
      temperature: parsed.temperature,
      maxTokens: parsed.maxTokens,
      jsonSchema: parsed.jsonSchema,
      params: parsed.params,
      ...options,
      caller: callerContext(caller, RESPONSES_TOOL),
      signal: cancellation,
    };
    const frame: ResponseFrame = {
      id: newId("resp"),
      createdAt: Math.floor(Date.now() / 1000),
      request: parsed,
      model: parsed.model,
    };
    /** Stores the Response as the JSON text the caller received. */
    const keep = (result: RouteResult, responseJson: string) => {
      if (parsed.store)
        store.put({
          id: frame.id,
          key: caller.key,
          createdAt: Date.now(),
          responseJson,
          history: [...history, assistantTurn(result)],
          inputItemsJson: inputItemsJson(parsed, previous),
        });
    };
    const ids = createItemIds();
    if (!parsed.stream) {
      const result = await deps.orchestrator.run(routeRequest);
      // Serialized once: the same text is sent and stored.
      const json = JSON.stringify(finishedResponse(frame, result, ids));
      keep(result, json);
      sendJsonText(response, 200, json, resultHeaders(result));
      return;
    }
    const events = createResponseEvents(response, frame, ids);
    // response.created goes out with the first delta and names the model the whole answer will:
    // the deployment whose attempt it came from (failover happens only before it).
    routeRequest.onAttempt = (deployment) => {
      frame.model = deployment.model;
    };
    routeRequest.onDelta = events.delta;
    let result: RouteResult;
    try {
      result = await deps.orchestrator.run(routeRequest);
    } catch (error) {
      if (!events.opened) throw error;
      events.fail(toApiError(error).body.error);
      return;
    }
    const headers = resultHeaders(result);
    const live = events.opened;
    // Nothing streamed live (a cache hit): the whole answer is replayed as events.
    if (!live) {
      frame.model = result.model;
      events.openWith(headers);
      events.delta(wholeDelta(result, 0));
    }
    keep(result, events.finish(result, live ? headers : undefined));
  }

  return {
    create,
    retrieve(response, id, caller) {
      const stored = store.get(id, caller.key);
      if (!stored) throw notFound(id);
      sendJsonText(response, 200, stored.responseJson);
    },
    listInputItems(response, id, caller, params) {
      const query: InputItemQuery = parseInputItemQuery(params);
      const stored = store.get(id, caller.key);
      if (!stored) throw notFound(id);
      if (stored.inputItemsJson === null)
        throw invalidField(
          "response_id",
          `the input items of "${id.slice(0, 200)}" were not kept (too large, or stored by a modelmux that did not keep them)`,
        );
      sendJson(response, 200, inputItemPage(JSON.parse(stored.inputItemsJson), query));
    },
    remove(response, id, caller) {
      if (!store.delete(id, caller.key)) throw notFound(id);
      sendJson(response, 200, { id, object: "response", deleted: true });
    },
  };
}
