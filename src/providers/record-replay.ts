import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { throwIfCancelled } from "../cancel-signal.js";
import type { StreamDelta } from "../chat/types.js";
import type { AdapterPool } from "../core/adapter-pool.js";
import { ModelmuxError } from "../errors.js";
import { nodeCrypto } from "../node-crypto.js";
import { ProviderError } from "./provider-error.js";
import type { CompletionRequest, CompletionResult, ProviderAdapter } from "./types.js";

/** One recorded upstream exchange: what was asked and what came back (with streamed deltas). */
interface Recording {
  provider: string;
  request: {
    model: string;
    messages: CompletionRequest["messages"];
    temperature?: number;
    maxTokens?: number;
    responseFormat?: unknown;
    params?: unknown;
  };
  result: CompletionResult;
  /** Older recordings hold plain text deltas. */
  deltas: (StreamDelta | string)[];
}

/** The request hash: provider, model and everything in the body that changes the answer. */
export function exchangeKey(provider: string, request: CompletionRequest): string {
  const body = JSON.stringify([
    provider,
    request.model,
    request.messages,
    request.temperature ?? null,
    request.maxTokens ?? null,
    request.responseFormat ?? null,
    // Only when present, so recordings made before parameters were forwarded keep their hash.
    ...(request.params && Object.keys(request.params).length > 0 ? [request.params] : []),
  ]);
  return nodeCrypto().createHash("sha256").update(body).digest("hex").slice(0, 32);
}

function recordingAdapter(inner: ProviderAdapter, directory: string): ProviderAdapter {
  return {
    provider: inner.provider,
    // Embeddings are not recorded (a replay has none): they pass through to the provider.
    ...(inner.embed && { embed: inner.embed }),
    async complete(request) {
      const deltas: StreamDelta[] = [];
      const onDelta = request.onDelta;
      const result = await inner.complete(
        onDelta
          ? {
              ...request,
              onDelta: (delta) => {
                deltas.push(delta);
                onDelta(delta);
              },
            }
          : request,
      );
      const recording: Recording = {
        provider: inner.provider,
        request: {
          model: request.model,
          messages: request.messages,
          temperature: request.temperature,
          maxTokens: request.maxTokens,
          responseFormat: request.responseFormat,
          params: request.params,
        },
        result,
        deltas,
      };
      writeFileSync(
        join(directory, `${exchangeKey(inner.provider, request)}.json`),
        JSON.stringify(recording, null, 2),
      );
      return result;
    },
  };
}

function replayAdapter(provider: string, directory: string): ProviderAdapter {
  return {
    provider,
    async complete(request) {
      const key = exchangeKey(provider, request);
      let recording: Recording;
      try {
        recording = JSON.parse(readFileSync(join(directory, `${key}.json`), "utf8")) as Recording;
      } catch {
        throw new ProviderError(
          `replay: no recorded exchange for ${provider}/${request.model} with this request (hash ${key}) in ${directory}; record it first with MODELMUX_RECORD`,
          { provider, kind: "http", isRetryable: false, status: 404, providerCode: "not_recorded" },
        );
      }
      throwIfCancelled(request.signal);
      if (request.onDelta)
        for (const delta of recording.deltas.length ? recording.deltas : [recording.result.text])
          request.onDelta(typeof delta === "string" ? { choice: 0, content: delta } : delta);
      return recording.result;
    },
  };
}

/**
 * MODELMUX_RECORD=DIR writes every upstream exchange to DIR; MODELMUX_REPLAY=DIR answers from
 * those files with no network at all, and a request not on record is a clear error.
 */
export function withRecordReplay(pool: AdapterPool, mode: { record?: string; replay?: string }): AdapterPool {
  if (mode.replay) {
    const directory = mode.replay;
    const adapters = new Map<string, ProviderAdapter>();
    return {
      warmUp: () => Promise.resolve(),
      async get(providerId) {
        let adapter = adapters.get(providerId);
        if (!adapter) {
          adapter = replayAdapter(providerId, directory);
          adapters.set(providerId, adapter);
        }
        return adapter;
      },
    };
  }
  if (mode.record) {
    const directory = mode.record;
    mkdirSync(directory, { recursive: true });
    const adapters = new Map<string, ProviderAdapter>();
    return {
      warmUp: () => pool.warmUp(),
      async get(providerId) {
        let adapter = adapters.get(providerId);
        if (!adapter) {
          adapter = recordingAdapter(await pool.get(providerId), directory);
          adapters.set(providerId, adapter);
        }
        return adapter;
      },
    };
  }
  return pool;
}

/** Providers that appear in a recording directory: replay enables exactly these, with no keys. */
export function recordedProviders(directory: string): string[] {
  const providers = new Set<string>();
  let files: string[];
  try {
    files = readdirSync(directory).filter((file) => file.endsWith(".json"));
  } catch {
    throw new ModelmuxError(
      "INVALID_CONFIG",
      `MODELMUX_REPLAY: cannot read the recording directory ${directory}`,
    );
  }
  for (const file of files) {
    try {
      providers.add((JSON.parse(readFileSync(join(directory, file), "utf8")) as Recording).provider);
    } catch {
      // A file that is not a recording is ignored; its request would simply not be on record.
    }
  }
  return [...providers];
}
