/**
 * What a gap measures. `wall`: the time between two ticks. `held`: the lesser of that and the CPU
 * time this process spent over the gap, so a gap the operating system made by running other
 * processes (a loaded machine) does not read as the loop being held, while work on this thread
 * counts in both. (CPU time alone would count collector and worker threads running beside the loop.)
 */
export type GapClock = "wall" | "held";

/**
 * How long the event loop was held while `work` ran, measured in this process: a tick is scheduled
 * again and again, and the gap between two ticks is how long the loop could not take one.
 * `immediate` (default) ticks as often as the loop allows; `timer` waits ~1 ms between ticks, which
 * leaves the CPU to worker threads on a machine with few cores. Each gap goes to `onGap`, in ms.
 */
async function probeLoop(
  work: () => Promise<unknown>,
  pace: "immediate" | "timer",
  clock: GapClock,
  onGap: (gap: number) => void,
): Promise<void> {
  let running = true;
  let last = performance.now();
  let lastCpu = clock === "held" ? process.cpuUsage() : undefined;
  const schedule = () => (pace === "immediate" ? setImmediate(tick) : setTimeout(tick, 1));
  const measure = () => {
    const now = performance.now();
    if (lastCpu) {
      const cpu = process.cpuUsage(lastCpu);
      onGap(Math.min(now - last, (cpu.user + cpu.system) / 1000));
      lastCpu = process.cpuUsage();
    } else onGap(now - last);
    last = now;
  };
  function tick() {
    if (!running) return;
    measure();
    schedule();
  }
  schedule();
  try {
    await work();
  } finally {
    // The stretch since the last tick: work that ends in one long turn shows here, not at a tick.
    running = false;
    measure();
  }
}

/** Every gap between two ticks of the loop while `work` ran. */
export async function loopGaps(
  work: () => Promise<unknown>,
  pace: "immediate" | "timer" = "immediate",
  clock: GapClock = "wall",
): Promise<number[]> {
  const gaps: number[] = [];
  await probeLoop(work, pace, clock, (gap) => gaps.push(gap));
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
  clock: GapClock = "wall",
): Promise<number> {
  let longest = 0;
  await probeLoop(work, pace, clock, (gap) => {
    longest = Math.max(longest, gap);
  });
  return longest;
}
