import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { Cancellation } from "../../cancel-signal.js";
import type { Orchestrator } from "../../core/orchestrator.js";
import type { RouteRequest, RouteResult } from "../../core/route-types.js";
import { isModelmuxError, ModelmuxError } from "../../errors.js";
import type { Authenticator, Caller } from "../../http/auth.js";
import { HttpError, sendJson } from "../../http/http-error.js";
import { type BodyLimits, readJsonBody } from "../../http/read-body.js";
import type { Logger } from "../../logger.js";
import { formatIssue, formatPath } from "../../validation/format-issues.js";
import { assertTotalText, requestTexts } from "../../validation/text-limits.js";
import { mostSpecific } from "../chat-request.js";
import { toApiError } from "../map-error.js";
import { parseOptionHeaders } from "../parse-options.js";
import { RESULT_HEADERS, resultHeaders } from "../response-headers.js";
import { createSseStream, NAMED_SSE } from "../sse.js";
import { toAnthropicError } from "./anthropic-error.js";
import { createMessageEvents } from "./message-events.js";
import { answeredModel, messageBody, messageId } from "./message-shape.js";
import { countTokensBodySchema, messagesBodySchema } from "./messages-schema.js";
import { type TranslatedRequest, toChatRequest } from "./to-chat-request.js";

/** The ledger's `tool` column for requests through POST /v1/messages. */
export const MESSAGES_TOOL = "v1/messages";

export const MESSAGES_PATH = "/v1/messages";
export const COUNT_TOKENS_PATH = "/v1/messages/count_tokens";

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const issue = first && mostSpecific(first);
  const param = issue && issue.path.length > 0 ? formatPath(issue.path) : undefined;
  throw new ModelmuxError("INVALID_INPUT", issue ? formatIssue(issue) : "invalid request body", {
    ...(param !== undefined && { param }),
  });
}

function sendError(response: ServerResponse, error: unknown, logger: Logger): void {
  if (response.destroyed) return;
  if (!isModelmuxError(error) && !(error instanceof HttpError))
    logger.error(
      { err: error instanceof Error ? error.message : String(error) },
      "/v1/messages request failed",
    );
  const { status, body, headers } = toAnthropicError(toApiError(error));
  sendJson(response, status, body, headers);
}

/**
 * Anthropic's Messages API door: POST /v1/messages (whole or streamed) and
 * POST /v1/messages/count_tokens. The request is translated into the one chat pipeline and the
 * answer back; every error, auth included, is answered in Anthropic's error shape.
 */
export function createMessagesHandler(
  deps: { orchestrator: Orchestrator; logger: Logger },
  bodyLimits: BodyLimits,
) {
  function routeRequest(
    translated: TranslatedRequest,
    model: string,
    request: IncomingMessage,
    caller: Caller,
  ): RouteRequest {
    return {
      messages: translated.messages,
      model,
      ...(translated.temperature !== undefined && { temperature: translated.temperature }),
      ...(translated.maxTokens !== undefined && { maxTokens: translated.maxTokens }),
      ...(translated.jsonSchema && { jsonSchema: translated.jsonSchema }),
      params: translated.params,
      ...parseOptionHeaders(request.headers),
      ...anthropicBetaOf(request),
      caller: {
        key: caller.key,
        tool: MESSAGES_TOOL,
        ...(!caller.allowedModels.includes("*") && { allowedModels: caller.allowedModels }),
        ...(caller.admin && { admin: true }),
      },
    };
  }

  async function messages(request: IncomingMessage, response: ServerResponse, caller: Caller): Promise<void> {
    const body = parse(messagesBodySchema, await readJsonBody(request, bodyLimits));
    const translated = toChatRequest(body);
    assertTotalText(requestTexts(translated.messages), "messages");
    const route = routeRequest(translated, body.model, request, caller);
    // A client that hangs up cancels the upstream call: nobody is left to pay for the answer.
    const cancellation = new Cancellation();
    response.once("close", () => {
      if (!response.writableFinished) cancellation.abort();
    });
    route.signal = cancellation;
    if (body.stream) return stream(route, body.model, response);
    const result = await deps.orchestrator.run(route);
    sendJson(response, 200, messageBody(messageId(), result, body.model), headersOf(result));
  }

  /**
   * Events go out as deltas arrive; headers wait for the first one so failover can still answer a
   * status. message_start goes with them and names the model the whole answer would: the deployment
   * whose attempt the first delta came from (failover happens only before it).
   */
  async function stream(route: RouteRequest, requested: string, response: ServerResponse): Promise<void> {
    const sse = createSseStream(response, NAMED_SSE);
    const id = messageId();
    const events = createMessageEvents((event) => sse.send(event));
    let serving: string | undefined;
    route.onAttempt = (deployment) => {
      serving = deployment.model;
    };
    const begin = (served: string, headers: Record<string, string>, trailers?: readonly string[]) => {
      sse.open(headers, trailers);
      sse.send({
        type: "message_start",
        message: {
          id,
          type: "message",
          role: "assistant",
          model: answeredModel(served, requested),
          content: [],
          stop_reason: null,
          stop_sequence: null,
          // The final counts come with message_delta, once the provider has reported them.
          usage: {
            input_tokens: 0,
            output_tokens: 0,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
      });
      sse.send({ type: "ping" });
    };
    route.onDelta = (delta) => {
      // Every attempt is announced before its call: `serving` is set (the request's model is a last resort).
      if (!sse.opened) begin(serving ?? requested, {}, [...RESULT_HEADERS, "request-id"]);
      events.delta(delta);
    };
    let result: RouteResult;
    try {
      result = await deps.orchestrator.run(route);
    } catch (error) {
      if (!sse.opened) throw error;
      sse.fail(toAnthropicError(toApiError(error)).body);
      return;
    }
    const headers = headersOf(result);
    const live = sse.opened;
    if (!live) {
      begin(result.model, headers);
      events.whole(result);
    }
    events.finish(result, result.usage);
    sse.done(live ? headers : undefined);
  }

  async function countTokens(
    request: IncomingMessage,
    response: ServerResponse,
    caller: Caller,
  ): Promise<void> {
    const body = parse(countTokensBodySchema, await readJsonBody(request, bodyLimits));
    const translated = toChatRequest(body);
    assertTotalText(requestTexts(translated.messages), "messages");
    const counted = await deps.orchestrator.countInputTokens(
      routeRequest(translated, body.model, request, caller),
    );
    sendJson(
      response,
      200,
      { input_tokens: counted.tokens },
      {
        "x-modelmux-model": counted.model,
        // Anthropic counts exactly; elsewhere a model without a public tokenizer is estimated with o200k_base.
        "x-modelmux-tokens-exact": String(counted.exact),
      },
    );
  }

  return {
    /** Serves one request under /v1/messages; never throws. */
    async handle(
      request: IncomingMessage,
      response: ServerResponse,
      path: string,
      auth: Authenticator,
    ): Promise<void> {
      try {
        if (request.method !== "POST")
          throw new HttpError(405, "method_not_allowed", `${request.method} is not allowed here; use POST`, {
            allow: "POST",
          });
        const caller = await auth.authenticate(request);
        if (path === COUNT_TOKENS_PATH) await countTokens(request, response, caller);
        else await messages(request, response, caller);
      } catch (error) {
        sendError(response, error, deps.logger);
      }
    },
  };
}

function headersOf(result: RouteResult): Record<string, string> {
  const headers: Record<string, string> = resultHeaders(result);
  if (result.requestId) headers["request-id"] = result.requestId;
  return headers;
}

const BETA_FLAG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const MAX_BETA_FLAGS = 32;

/** The `anthropic-beta` header's flags (Claude Code sends several), checked: they go on upstream as a header. */
function anthropicBetaOf(request: IncomingMessage): { anthropicBeta?: string[] } {
  const header = request.headers["anthropic-beta"];
  if (header === undefined) return {};
  const flags = (Array.isArray(header) ? header.join(",") : header)
    .split(",")
    .map((flag) => flag.trim())
    .filter((flag) => flag !== "");
  if (flags.length > MAX_BETA_FLAGS || flags.some((flag) => !BETA_FLAG.test(flag)))
    throw new ModelmuxError(
      "INVALID_INPUT",
      `anthropic-beta: expected up to ${MAX_BETA_FLAGS} comma-separated flags of letters, digits, ".", "_" and "-"`,
      { param: "anthropic-beta" },
    );
  return flags.length > 0 ? { anthropicBeta: flags } : {};
}
