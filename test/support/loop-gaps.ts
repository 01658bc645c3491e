/**
 * How long the event loop was held while `work` ran, measured in this process: a tick is scheduled
 * again and again, and the gap between two ticks is how long the loop could not take one.
 * `immediate` (default) ticks as often as the loop allows; `timer` waits ~1 ms between ticks, which
 * leaves the CPU to worker threads on a machine with few cores. Each gap goes to `onGap`.
 */
async function probeLoop(
  work: () => Promise<unknown>,
  pace: "immediate" | "timer",
  onGap: (gap: number) => void,
): Promise<void> {
  let running = true;
  let last = performance.now();
  const schedule = () => (pace === "immediate" ? setImmediate(tick) : setTimeout(tick, 1));
  function tick() {
    const now = performance.now();
    onGap(now - last);
    last = now;
    if (running) schedule();
  }
  schedule();
  try {
    await work();
  } finally {
    running = false;
  }
}

/** Every gap between two ticks of the loop while `work` ran. */
export async function loopGaps(
  work: () => Promise<unknown>,
  pace: "immediate" | "timer" = "immediate",
): Promise<number[]> {
  const gaps: number[] = [];
  await probeLoop(work, pace, (gap) => gaps.push(gap));
  return gaps;
}

/**
 * The longest gap: the longest the event loop was held while `work` ran. Only the longest is kept:
 * storing every gap of a long look (the bench's 1 s noise floor) made garbage enough for collections
 * of its own.
 */
export async function longestStall(
  work: () => Promise<unknown>,
  pace: "immediate" | "timer" = "immediate",
): Promise<number> {
  let longest = 0;
  await probeLoop(work, pace, (gap) => {
    longest = Math.max(longest, gap);
  });
  return longest;
}
