import type { IncomingMessage, ServerResponse } from "node:http";
import { Cancellation } from "../cancel-signal.js";
import type { Embedder, EmbedResult } from "../core/embed.js";
import { ModelmuxError } from "../errors.js";
import type { Caller } from "../http/auth.js";
import { type BodyLimits, readJsonBody } from "../http/read-body.js";
import { nextTurn } from "../next-turn.js";
import { encodeBase64Floats } from "../providers/base64-floats.js";
import { parseEmbeddingBody } from "./embedding-request.js";
import { OPTION_HEADERS, parseOptionHeaders } from "./parse-options.js";
import { resultHeaders } from "./response-headers.js";

/** The ledger's `tool` column for requests through POST /v1/embeddings. */
export const EMBEDDINGS_TOOL = "v1/embeddings";

export type EmbeddingsHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  caller: Caller,
) => Promise<void>;

/** Vector values serialized between yields: a 2,048 × 3,072 answer must not hold the event loop. */
const FLOATS_PER_TURN = 100_000;

/**
 * OpenAI's embeddings list as JSON bytes, built item by item (each encoded as it is made, so no
 * long string is ever flattened or measured at once) with a yield every FLOATS_PER_TURN values;
 * base64 vectors are float32 little-endian, whatever the provider sent.
 */
export async function embeddingsPayload(
  result: EmbedResult,
  encodingFormat: "float" | "base64",
): Promise<Buffer> {
  const parts: Buffer[] = [Buffer.from('{"object":"list","data":[')];
  let sinceYield = 0;
  for (const [index, vector] of result.vectors.entries()) {
    const embedding =
      encodingFormat === "base64" ? `"${encodeBase64Floats(vector)}"` : JSON.stringify(vector);
    parts.push(
      Buffer.from(`${index > 0 ? "," : ""}{"object":"embedding","index":${index},"embedding":${embedding}}`),
    );
    sinceYield += vector.length;
    if (sinceYield >= FLOATS_PER_TURN) {
      sinceYield = 0;
      await nextTurn();
    }
  }
  const usage = JSON.stringify({ prompt_tokens: result.inputTokens, total_tokens: result.inputTokens });
  parts.push(Buffer.from(`],"model":${JSON.stringify(result.model)},"usage":${usage}}`));
  return Buffer.concat(parts);
}

/**
 * POST /v1/embeddings: OpenAI's request in, the embeddings pipeline's answer out in OpenAI's
 * shape, with the same `x-modelmux-*` headers as chat. Errors are thrown for the caller to answer.
 */
export function createEmbeddingsHandler(
  deps: { embedder: Embedder },
  bodyLimits: BodyLimits,
): EmbeddingsHandler {
  return async (request, response, caller) => {
    const body = parseEmbeddingBody(await readJsonBody(request, bodyLimits));
    const options = parseOptionHeaders(request.headers);
    // Vectors of two models live in different spaces: one answer never mixes them.
    if (options.fallbackModels)
      throw new ModelmuxError(
        "INVALID_INPUT",
        `${OPTION_HEADERS.fallbackModels}: not supported on /v1/embeddings (vectors of different models cannot be compared); failover stays within the model's providers`,
        { param: OPTION_HEADERS.fallbackModels },
      );
    if (options.task)
      throw new ModelmuxError("INVALID_INPUT", `${OPTION_HEADERS.task}: only chat requests take a task`, {
        param: OPTION_HEADERS.task,
      });
    const cancellation = new Cancellation();
    response.once("close", () => {
      if (!response.writableFinished) cancellation.abort();
    });
    const result = await deps.embedder.embed({
      model: body.model,
      input: body.input,
      ...(body.dimensions !== undefined && { dimensions: body.dimensions }),
      ...(body.user !== undefined && { user: body.user }),
      ...(Object.keys(body.extra).length > 0 && { extra: body.extra }),
      ...(options.preset && { preset: options.preset }),
      ...(options.cache && { cache: options.cache }),
      caller: {
        key: caller.key,
        tool: EMBEDDINGS_TOOL,
        ...(!caller.allowedModels.includes("*") && { allowedModels: caller.allowedModels }),
      },
      signal: cancellation,
    });
    const payload = await embeddingsPayload(result, body.encodingFormat);
    if (response.destroyed) return;
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": payload.length,
      ...resultHeaders(result),
      "x-modelmux-cached-inputs": String(result.cachedInputs),
    });
    response.end(payload);
  };
}
