import { Agent, request } from "node:http";

export interface StallProbe {
  /** Stops probing; resolves to the longest /healthz round trip seen, in ms. */
  stop(): Promise<number>;
}

/**
 * Asks `/healthz` again and again from a second client (this process, not the server's) while
 * something else runs on the server: the longest round trip is how long the server's event loop
 * was blocked, give or take the machine's noise.
 */
export function probeHealthz(baseUrl: string, everyMs = 10): StallProbe {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let longest = 0;
  let running = true;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const outgoing = request(`${baseUrl}/healthz`, { agent }, (response) => {
        response.resume();
        response.on("end", () => {
          longest = Math.max(longest, performance.now() - started);
          resolve();
        });
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
  const loop = (async () => {
    while (running) {
      await once();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      return longest;
    },
  };
}

/** Runs `work` while probing; returns its result, how long it took and the longest /healthz wait. */
export async function withStallProbe<T>(
  baseUrl: string,
  work: () => Promise<T>,
): Promise<{ result: T; elapsedMs: number; stallMs: number }> {
  const probe = probeHealthz(baseUrl);
  // Let the probe's connection open first, so its set-up is not counted as a stall.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  try {
    const result = await work();
    return { result, elapsedMs: performance.now() - started, stallMs: await probe.stop() };
  } catch (error) {
    await probe.stop();
    throw error;
  }
}

/**
 * The server's own longest event-loop delay since the last scrape, in ms (prom-client's
 * `nodejs_eventloop_lag_max_seconds`, which each /metrics scrape resets). For work whose fake
 * upstream runs in this process, where a /healthz probe from here would count the upstream's own
 * work as the server's stall.
 */
export async function serverLagMaxMs(baseUrl: string): Promise<number> {
  const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
  const match = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(metrics);
  return match?.[1] ? Number(match[1]) * 1000 : Number.NaN;
}
