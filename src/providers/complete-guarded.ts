import { type CancelSignal, throwIfCancelled } from "../cancel-signal.js";
import type { StreamDelta } from "../chat/types.js";
import { ProviderError } from "./provider-error.js";
import { type ProviderErrorContext, toProviderError } from "./to-provider-error.js";
import type { CompletionRequest, CompletionResult } from "./types.js";

/** How an adapter makes one call: whole, or streamed into `onDelta`. */
export interface CompletionCalls {
  once(request: CompletionRequest, startedAt: number): Promise<CompletionResult>;
  streaming(
    request: CompletionRequest,
    onDelta: (delta: StreamDelta) => void,
    startedAt: number,
  ): Promise<CompletionResult>;
}

/**
 * One completion, whole or streamed (when the request has `onDelta`), with anything the call
 * throws mapped to a key-free ProviderError, except what the caller's own onDelta throws: that is
 * the caller's error, not the provider's, and is rethrown untouched.
 */
export async function completeGuarded(
  request: CompletionRequest,
  calls: CompletionCalls,
  context: Omit<ProviderErrorContext, "signal">,
): Promise<CompletionResult> {
  const startedAt = performance.now();
  const onDelta = request.onDelta;
  let callerError: { error: unknown } | undefined;
  const guardedDelta = onDelta
    ? (delta: StreamDelta) => {
        try {
          onDelta(delta);
        } catch (error) {
          callerError = { error };
          throw error;
        }
      }
    : undefined;
  try {
    return guardedDelta
      ? await calls.streaming(request, guardedDelta, startedAt)
      : await calls.once(request, startedAt);
  } catch (error) {
    if (callerError) throw callerError.error;
    throw toProviderError(error, { ...context, signal: request.signal });
  }
}

/** An answer that cannot be read (retryable: another deployment may answer properly). */
export function malformedAnswer(provider: string, detail: string): ProviderError {
  return new ProviderError(`${provider} sent a malformed response: ${detail}`, {
    provider,
    kind: "malformed",
    isRetryable: true,
  });
}

/** What turns a provider's stream events into an answer: both adapters' readers have this shape. */
export interface StreamEventReader<Event> {
  /** Takes one event; true when it carried part of the answer (a token). */
  push(event: Event): boolean;
  finished(): boolean;
}

/**
 * Feeds a whole stream to `reader`, then refuses a stream the caller cancelled or that ended
 * before the answer did (a partial answer must never pass as a success). Returns the timings.
 */
export async function readWholeStream<Event>(
  stream: (onEvent: (event: unknown) => void) => Promise<void>,
  reader: StreamEventReader<Event>,
  context: { provider: string; signal: CancelSignal | undefined; startedAt: number; unfinished: string },
): Promise<{ timeToFirstTokenMs: number; totalMs: number }> {
  let firstTokenAt: number | undefined;
  await stream((event) => {
    if (reader.push(event as Event)) firstTokenAt ??= performance.now();
  });
  throwIfCancelled(context.signal);
  if (!reader.finished()) throw malformedAnswer(context.provider, context.unfinished);
  const now = performance.now();
  return { timeToFirstTokenMs: (firstTokenAt ?? now) - context.startedAt, totalMs: now - context.startedAt };
}
