import type { IncomingMessage, ServerResponse } from "node:http";
import { isModelmuxError, ModelmuxError } from "../errors.js";
import type { Authenticator } from "../http/auth.js";
import { HttpError } from "../http/http-error.js";
import type { BodyLimits } from "../http/read-body.js";
import type { Logger } from "../logger.js";
import type { ServerDeps } from "../server.js";
import { createChatCompletionsHandler } from "./chat-completions.js";
import { createEmbeddingsHandler } from "./embeddings.js";
import { toApiError } from "./map-error.js";
import { COUNT_TOKENS_PATH, createMessagesHandler, MESSAGES_PATH } from "./messages/messages-handler.js";
import { createModelList } from "./models.js";
import { createResponsesHandlers } from "./responses/responses-handler.js";

const RESPONSE_PATH = "/v1/responses/";

const INPUT_ITEMS = "/input_items";

/** The id in /v1/responses/{id}; undefined for other deeper paths (cancel: not served) or bad escapes. */
function responseIdOf(path: string): string | undefined {
  const rest = path.slice(RESPONSE_PATH.length);
  if (rest === "" || rest.includes("/")) return undefined;
  try {
    return decodeURIComponent(rest);
  } catch {
    return undefined;
  }
}

export interface V1Handler {
  /** Serves one request under /v1; never throws: every failure is answered in OpenAI's error shape. */
  handle(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    auth: Authenticator,
  ): Promise<void>;
}

function sendApiError(response: ServerResponse, error: unknown, logger: Logger): void {
  if (response.destroyed) return; // the client is gone (it cancelled): nobody to answer
  const apiError = toApiError(error);
  // Known errors are the caller's answer (and in the ledger); anything else is a bug worth a log line.
  if (!isModelmuxError(error) && !(error instanceof HttpError))
    logger.error({ err: apiError.body.error.message }, "/v1 request failed");
  if (response.headersSent) {
    response.end();
    return;
  }
  const payload = JSON.stringify(apiError.body);
  response.writeHead(apiError.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    ...apiError.headers,
  });
  response.end(payload);
}

function methodNotAllowed(request: IncomingMessage, allow: string): HttpError {
  return new HttpError(405, "method_not_allowed", `${request.method} is not allowed here; use ${allow}`, {
    allow,
  });
}

/** The OpenAI-compatible front door: chat completions, responses, embeddings and the model list. */
export function createV1Handler(
  deps: Pick<ServerDeps, "orchestrator" | "embedder" | "embeddings" | "catalog" | "logger" | "responseStore">,
  bodyLimits: BodyLimits,
): V1Handler {
  const chatCompletions = createChatCompletionsHandler(deps, bodyLimits);
  const embeddings = createEmbeddingsHandler(deps, bodyLimits);
  const modelList = createModelList(deps.catalog, deps.embeddings);
  const messages = createMessagesHandler(deps, bodyLimits);
  const responses = createResponsesHandlers(deps, bodyLimits);

  async function route(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    auth: Authenticator,
  ): Promise<void> {
    if (path === "/v1/chat/completions") {
      if (request.method !== "POST") throw methodNotAllowed(request, "POST");
      return chatCompletions(request, response, await auth.authenticate(request));
    }
    // Anthropic's Messages API answers its own errors, in Anthropic's shape.
    if (path === MESSAGES_PATH || path === COUNT_TOKENS_PATH)
      return messages.handle(request, response, path, auth);
    if (path === "/v1/embeddings") {
      if (request.method !== "POST") throw methodNotAllowed(request, "POST");
      return embeddings(request, response, await auth.authenticate(request));
    }
    if (path === "/v1/responses") {
      if (request.method !== "POST") throw methodNotAllowed(request, "POST");
      return responses.create(request, response, await auth.authenticate(request));
    }
    if (path.startsWith(RESPONSE_PATH)) return storedResponse(request, response, path, auth);
    if (path === "/v1/models") {
      if (request.method !== "GET" && request.method !== "HEAD") throw methodNotAllowed(request, "GET");
      const payload = modelList(auth.identify(request));
      response.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(payload),
      });
      response.end(request.method === "HEAD" ? undefined : payload);
      return;
    }
    throw new HttpError(404, "not_found", `no route for ${request.method} ${path}`);
  }

  /** GET or DELETE /v1/responses/{id}, GET /v1/responses/{id}/input_items. */
  async function storedResponse(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    auth: Authenticator,
  ): Promise<void> {
    if (path.endsWith(INPUT_ITEMS)) {
      const id = responseIdOf(path.slice(0, -INPUT_ITEMS.length));
      if (id === undefined) throw new HttpError(404, "not_found", `no route for ${request.method} ${path}`);
      if (request.method !== "GET") throw methodNotAllowed(request, "GET");
      const caller = await auth.authenticate(request);
      const query = new URL(request.url ?? "", "http://localhost").searchParams;
      return responses.listInputItems(response, id, caller, query);
    }
    const id = responseIdOf(path);
    if (id === undefined) throw new HttpError(404, "not_found", `no route for ${request.method} ${path}`);
    if (request.method !== "GET" && request.method !== "DELETE")
      throw methodNotAllowed(request, "GET, DELETE");
    const caller = await auth.authenticate(request);
    if (request.method === "DELETE") return responses.remove(response, id, caller);
    // A stored response is answered whole; replaying it as events (`?stream=true`) is not served.
    if (new URL(request.url ?? "", "http://localhost").searchParams.get("stream") === "true")
      throw new ModelmuxError(
        "INVALID_INPUT",
        "stream: a stored response is answered whole, not replayed as events",
        {
          param: "stream",
        },
      );
    return responses.retrieve(response, id, caller);
  }

  return {
    async handle(request, response, path, auth) {
      try {
        await route(request, response, path, auth);
      } catch (error) {
        sendApiError(response, error, deps.logger);
      }
    },
  };
}
