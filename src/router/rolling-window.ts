/**
 * The last N outcomes of one deployment and the last N successful timings, with running sums so
 * every read is O(1). Sums are rebuilt once per lap of the ring so float drift cannot build up.
 */
export interface RollingWindow {
  readonly outcomes: number;
  readonly successes: number;
  /** Successful calls in the timing window. */
  readonly timings: number;
  readonly latencySum: number;
  readonly ttftSum: number;
  readonly outputTokensSum: number;
  /** Time spent generating (after the first token, or the whole call when not streamed). */
  readonly generationMsSum: number;
  addOutcome(success: boolean): void;
  addTiming(latencyMs: number, ttftMs: number, outputTokens: number): void;
}

/** Below this, latency minus TTFT is noise (a non-streamed answer): use the whole call instead. */
const MIN_GENERATION_MS = 1;

export function createRollingWindow(size: number): RollingWindow {
  const outcomeRing = new Uint8Array(size);
  const latencyRing = new Float64Array(size);
  const ttftRing = new Float64Array(size);
  const tokensRing = new Float64Array(size);
  const generationRing = new Float64Array(size);
  let outcomePosition = 0;
  let timingPosition = 0;

  const window = {
    outcomes: 0,
    successes: 0,
    timings: 0,
    latencySum: 0,
    ttftSum: 0,
    outputTokensSum: 0,
    generationMsSum: 0,
    addOutcome(success: boolean): void {
      if (window.outcomes === size) window.successes -= outcomeRing[outcomePosition] ?? 0;
      else window.outcomes++;
      outcomeRing[outcomePosition] = success ? 1 : 0;
      if (success) window.successes++;
      outcomePosition = (outcomePosition + 1) % size;
    },
    addTiming(latencyMs: number, ttftMs: number, outputTokens: number): void {
      const generationMs = latencyMs - ttftMs >= MIN_GENERATION_MS ? latencyMs - ttftMs : latencyMs;
      if (window.timings === size) {
        window.latencySum -= latencyRing[timingPosition] ?? 0;
        window.ttftSum -= ttftRing[timingPosition] ?? 0;
        window.outputTokensSum -= tokensRing[timingPosition] ?? 0;
        window.generationMsSum -= generationRing[timingPosition] ?? 0;
      } else {
        window.timings++;
      }
      latencyRing[timingPosition] = latencyMs;
      ttftRing[timingPosition] = ttftMs;
      tokensRing[timingPosition] = outputTokens;
      generationRing[timingPosition] = generationMs;
      window.latencySum += latencyMs;
      window.ttftSum += ttftMs;
      window.outputTokensSum += outputTokens;
      window.generationMsSum += generationMs;
      timingPosition = (timingPosition + 1) % size;
      if (timingPosition === 0) resum();
    },
  };

  function resum(): void {
    window.latencySum = sum(latencyRing, window.timings);
    window.ttftSum = sum(ttftRing, window.timings);
    window.outputTokensSum = sum(tokensRing, window.timings);
    window.generationMsSum = sum(generationRing, window.timings);
  }

  return window;
}

function sum(values: Float64Array, count: number): number {
  let total = 0;
  for (let index = 0; index < count; index++) total += values[index] ?? 0;
  return total;
}
