/**
 * How long the event loop was held while `work` ran, measured in this process: a tick is scheduled
 * again and again, and the gap between two ticks is how long the loop could not take one.
 * `immediate` (default) ticks as often as the loop allows; `timer` waits ~1 ms between ticks, which
 * leaves the CPU to worker threads on a machine with few cores.
 */
export async function loopGaps(
  work: () => Promise<unknown>,
  pace: "immediate" | "timer" = "immediate",
): Promise<number[]> {
  const gaps: number[] = [];
  let running = true;
  let last = performance.now();
  const schedule = () => (pace === "immediate" ? setImmediate(tick) : setTimeout(tick, 1));
  function tick() {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    if (running) schedule();
  }
  schedule();
  try {
    await work();
  } finally {
    running = false;
  }
  return gaps;
}

/** The longest gap of loopGaps: the longest the event loop was held while `work` ran. */
export async function longestStall(
  work: () => Promise<unknown>,
  pace: "immediate" | "timer" = "immediate",
): Promise<number> {
  let longest = 0;
  for (const gap of await loopGaps(work, pace)) longest = Math.max(longest, gap);
  return longest;
}
