import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { destroySocket, send } from "./fake-answer.js";
import { errorJson, type FakeBehavior } from "./fake-completion.js";

/** Vector length when the request names no `dimensions`. */
export const FAKE_EMBEDDING_DIMENSIONS = 64;

export interface FakeEmbeddingBody {
  model?: string;
  input?: unknown;
  dimensions?: number;
  encoding_format?: string;
  [key: string]: unknown;
}

function bucket(word: string, dimensions: number): { index: number; sign: number } {
  const digest = createHash("sha256").update(word).digest();
  return { index: digest.readUInt32LE(0) % dimensions, sign: (digest[4] as number) & 1 ? 1 : -1 };
}

/**
 * A deterministic unit vector for a text: its lower-cased words hashed into buckets (feature
 * hashing), so the same text always gets the same vector and texts sharing words point the same
 * way (cosine similarity behaves like a real model's, roughly). The model name is one more word:
 * two models never give the same vectors.
 */
export function fakeVector(model: string, text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  for (const word of [...words, `model:${model}`]) {
    const { index, sign } = bucket(word, dimensions);
    vector[index] = (vector[index] as number) + sign;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => Math.fround(value / norm));
}

function base64(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [index, value] of vector.entries()) bytes.writeFloatLE(value, index * 4);
  return bytes.toString("base64");
}

function inputsOf(input: unknown): string[] | undefined {
  if (typeof input === "string") return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((entry) => typeof entry === "string"))
    return input;
  return undefined;
}

/** Plays one scripted behaviour on an embeddings request (the same behaviours as chat completions). */
export function answerEmbeddings(context: {
  response: ServerResponse;
  body: FakeEmbeddingBody;
  behavior: FakeBehavior;
  defaultLatencyMs: number;
  schedule(delayMs: number, action: () => void): void;
  dimensions: number;
}): void {
  const { response, body, behavior } = context;
  switch (behavior.type) {
    case "timeout":
      return;
    case "reset":
      destroySocket(response.socket);
      return;
    case "malformed":
      send(response, 200, '{"object":"list","data":[{"object":"embedding","embedding":[0.1,');
      return;
    case "status":
      context.schedule(behavior.latencyMs ?? 0, () => {
        const headers: Record<string, string> = {};
        if (behavior.retryAfter !== undefined) headers["retry-after"] = String(behavior.retryAfter);
        if (behavior.retryAfterMs !== undefined) headers["retry-after-ms"] = String(behavior.retryAfterMs);
        send(response, behavior.status, errorJson(behavior.status, behavior.body), headers);
      });
      return;
    default: {
      const inputs = inputsOf(body.input);
      if (!inputs) {
        send(
          response,
          400,
          errorJson(400, {
            error: { message: "input: expected a string or strings", type: "invalid_request_error" },
          }),
        );
        return;
      }
      const model = body.model ?? "";
      const dimensions = body.dimensions ?? context.dimensions;
      const prompt =
        behavior.type === "ok" && behavior.usage?.prompt_tokens !== undefined
          ? behavior.usage.prompt_tokens
          : inputs.reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)), 0);
      context.schedule(
        behavior.type === "ok" ? (behavior.latencyMs ?? context.defaultLatencyMs) : context.defaultLatencyMs,
        () => {
          const data = inputs.map((text, index) => {
            const vector = fakeVector(model, text, dimensions);
            return {
              object: "embedding",
              index,
              embedding: body.encoding_format === "base64" ? base64(vector) : vector,
            };
          });
          send(
            response,
            200,
            JSON.stringify({
              object: "list",
              data,
              model,
              usage: { prompt_tokens: prompt, total_tokens: prompt },
            }),
          );
        },
      );
    }
  }
}
