import type { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { freePort } from "../test/support/free-port.js";
import {
  bodyFor,
  completionsUrl,
  LISTENING_LINE,
  MODEL,
  modelmuxCommand,
  SLOW_MODEL,
  START_TIMEOUT_MS,
  startBareProxy,
  startChild,
  startFakeUpstream,
  stopChildren,
  waitForOutput,
} from "./servers.js";
import { formatMs, percentile, printTable } from "./stats.js";

/** Seconds of measured load per target, after a short unmeasured warm-up on the same connections. */
const DURATION_S = 6;
/** The measured seconds are taken in this many turns (see measureInTurns). */
const ROUNDS = 3;
const WARM_UP_S = 3;
/**
 * Unmeasured load each server process gets once, before any of its figures: a fresh Node process
 * runs slowly until V8 has optimized its hot code, which under load here takes modelmux about 8 s
 * (c1 p50 1.7 ms in the first 2 s, 0.34 ms from 8 s on). Every target gets the same.
 */
const PROCESS_WARM_UP_S = 10;
const PROCESS_WARM_UP_CONNECTIONS = 16;
const CACHE_DURATION_S = 4;
const CONCURRENCIES = [1, 64] as const;
/** The upstream latency of the throughput run that, like real models, is not CPU-bound. */
const SLOW_UPSTREAM_MS = 20;
const BODY = bodyFor(MODEL);
/** The same request streamed, as chat UIs send it: the fake upstream answers in 11 server-sent events. */
const STREAM_BODY = bodyFor(MODEL, true);

interface AutocannonOptions {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
}
type AutocannonRun = EventEmitter & PromiseLike<{ errors: number; timeouts: number; duration: number }>;
// autocannon ships no types; this is the part of its API the bench uses.
const autocannon = createRequire(import.meta.url)("autocannon") as (
  options: AutocannonOptions,
) => AutocannonRun;

export interface LoadResult {
  p50: number;
  p99: number;
  rps: number;
  /** Non-200 answers, connection errors and timeouts. */
  failures: number;
  /** CPU time the server under test spent per answered request (µs), where it could be read. */
  cpuPerRequestUs: number | undefined;
}

/** What one load run saw: every 200 answer's latency, and everything else as failures. */
interface RawLoad {
  samples: number[];
  failures: number;
  seconds: number;
  /** CPU time (ms) the server process used during the run. */
  cpuMs: number | undefined;
}

/** Linux reports process CPU times in clock ticks of 10 ms (USER_HZ 100). */
const CLOCK_TICK_MS = 10;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc; undefined without one (not
 * Linux, or the process is gone). Per request it says what a gateway costs apart from the load
 * generator and the upstream, whatever else the shared machine is doing.
 */
function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return Number.isFinite(ticks) ? ticks * CLOCK_TICK_MS : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Drives `connections` concurrent keep-alive clients at `url` for `durationS` seconds. Latencies
 * are taken from every 200 answer at full (sub-millisecond) precision rather than from
 * autocannon's histogram, which rounds to whole milliseconds.
 */
async function loadRaw(
  url: string,
  headers: Record<string, string>,
  connections: number,
  durationS: number,
  body = BODY,
  pid?: number,
): Promise<RawLoad> {
  const samples: number[] = [];
  const cpuBefore = cpuTimeMs(pid);
  let failures = 0;
  const run = autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    connections,
    duration: durationS,
  });
  run.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status === 200) samples.push(ms);
    else failures++;
  });
  const result = await run;
  const cpuAfter = cpuTimeMs(pid);
  return {
    samples,
    failures: failures + result.errors + result.timeouts,
    seconds: durationS,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
  };
}

/** Percentiles and rate over one or more runs, pooled. */
function summarize(runs: RawLoad[]): LoadResult {
  const samples = runs.flatMap((run) => run.samples);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const cpuMs = runs.every((run) => run.cpuMs !== undefined)
    ? runs.reduce((sum, run) => sum + (run.cpuMs ?? 0), 0)
    : undefined;
  return {
    cpuPerRequestUs:
      cpuMs === undefined || samples.length === 0 ? undefined : (cpuMs * 1000) / samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    rps: samples.length / seconds,
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}

export async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  durationS: number,
  body = BODY,
): Promise<LoadResult> {
  return summarize([await loadRaw(url, headers, connections, durationS, body)]);
}

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The server process under test, whose CPU time is read. */
  pid?: number;
}

/**
 * Warms every target up, then measures them in turns: ROUNDS rounds in which each target gets
 * DURATION_S / ROUNDS seconds. This machine is shared, and load from elsewhere comes in bursts;
 * taking turns spreads a burst over every target instead of letting it land on one, so the ratios
 * between targets hold even when the absolute figures move.
 */
export async function measureInTurns(targets: Target[], connections: number): Promise<LoadResult[]> {
  for (const target of targets) await load(target.url, target.headers, connections, WARM_UP_S, target.body);
  const runs: RawLoad[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, target] of targets.entries()) {
      runs[index]?.push(
        await loadRaw(target.url, target.headers, connections, DURATION_S / ROUNDS, target.body, target.pid),
      );
    }
  }
  return runs.map(summarize);
}

/**
 * `modelmux http` from dist/ (see modelmuxCommand), with a second provider serving SLOW_MODEL at
 * the slow upstream when given.
 */
export async function startModelmux(
  upstreamPort: number,
  cache: "off" | "memory" | "sqlite",
  slowPort?: number,
): Promise<{ url: string; pid: number | undefined }> {
  const { args, env } = modelmuxCommand(upstreamPort, cache, slowPort);
  const child = startChild(process.execPath, args, env);
  const base = await waitForOutput(child, LISTENING_LINE, `modelmux (cache ${cache})`);
  return { url: `${base}/v1/chat/completions`, pid: child.pid };
}

/** Portkey's open-source gateway (Node build), routed to the same fake upstream. */
async function startPortkey(
  upstreamPort: number,
): Promise<{ url: string; headers: Record<string, string>; pid: number | undefined }> {
  const port = await freePort();
  const script = join(
    import.meta.dirname,
    "..",
    "node_modules",
    "@portkey-ai",
    "gateway",
    "build",
    "start-server.js",
  );
  const child = startChild(process.execPath, [script, `--port=${port}`, "--headless"], process.env);
  const url = completionsUrl(port);
  const headers = {
    "x-portkey-provider": "openai",
    "x-portkey-custom-host": `http://127.0.0.1:${upstreamPort}/v1`,
    authorization: "Bearer x",
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ready = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: BODY,
    })
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) return { url, headers, pid: child.pid };
    if (Date.now() > deadline) throw new Error("portkey gateway did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A cheap check that the path under test answers 200 before loading it (a 4xx would be fast and wrong). */
export async function expectOk(
  url: string,
  headers: Record<string, string> = {},
  body = BODY,
): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
}

/** Asks until the answer comes from the cache (the store may write behind the first answer). */
async function expectCacheHit(url: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: BODY,
    });
    await response.arrayBuffer();
    if (response.headers.get("x-modelmux-cache") === "hit") return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never answered from the cache`);
}

export const rpsText = (result: LoadResult) =>
  `p50 ${formatMs(result.p50)}  p99 ${formatMs(result.p99)}  ${Math.round(result.rps)} req/s${
    result.cpuPerRequestUs === undefined ? "" : `  cpu ${Math.round(result.cpuPerRequestUs)} µs/req`
  }${result.failures > 0 ? `  (${result.failures} failed)` : ""}`;

const share = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)} %`;

/**
 * Issue 8's gateway figures: latency and throughput of POST /v1/chat/completions straight to a
 * 0 ms fake upstream, through a bare node:http proxy (the ceiling for one Node process here),
 * through modelmux and, with `peer: "portkey"`, through Portkey's gateway, at concurrency 1 and
 * 64; then concurrency 64 against a 20 ms upstream, where throughput is bounded by the upstream as
 * with real models rather than by the CPU the processes share; then the cache-hit path. Every
 * process is its own child; the targets of one comparison take turns (measureInTurns).
 */
export async function benchGateway(options: { peer?: "portkey" } = {}): Promise<void> {
  try {
    const upstream = await startFakeUpstream(0);
    const upstreamPort = upstream.port;
    const slow = await startFakeUpstream(SLOW_UPSTREAM_MS);
    const slowPort = slow.port;
    const modelmux = await startModelmux(upstreamPort, "off", slowPort);
    const portkey = options.peer === "portkey" ? await startPortkey(upstreamPort) : undefined;
    const proxy = await startBareProxy(upstreamPort);
    const targets: Target[] = [
      { name: "direct", url: completionsUrl(upstreamPort), headers: {}, pid: upstream.pid },
      { name: "node proxy", url: completionsUrl(proxy.port), headers: {}, pid: proxy.pid },
      { name: "modelmux", url: modelmux.url, headers: {}, pid: modelmux.pid },
      ...(portkey ? [{ name: "portkey", ...portkey }] : []),
    ];
    for (const target of targets) await expectOk(target.url, target.headers);
    for (const target of targets)
      await load(target.url, target.headers, PROCESS_WARM_UP_CONNECTIONS, PROCESS_WARM_UP_S);
    await load(completionsUrl(slowPort), {}, 64, PROCESS_WARM_UP_S);

    const rows: [string, string, string?][] = [];
    const results = new Map<string, LoadResult>();
    for (const connections of CONCURRENCIES) {
      const measured = await measureInTurns(targets, connections);
      for (const [index, target] of targets.entries()) {
        const result = measured[index] as LoadResult;
        results.set(`${target.name}@${connections}`, result);
        rows.push([`c${connections} ${target.name}`, rpsText(result)]);
      }
    }
    const get = (key: string) => results.get(key) as LoadResult;
    const overhead = (name: string, connections: number, p: "p50" | "p99") =>
      get(`${name}@${connections}`)[p] - get(`direct@${connections}`)[p];
    rows.push(
      ["c1 modelmux overhead p50", formatMs(overhead("modelmux", 1, "p50")), "< 1 ms"],
      ["c1 modelmux overhead p99", formatMs(overhead("modelmux", 1, "p99")), "< 3 ms"],
      [
        "c64 modelmux overhead p50 / p99",
        `${formatMs(overhead("modelmux", 64, "p50"))} / ${formatMs(overhead("modelmux", 64, "p99"))}`,
      ],
      [
        "c64 req/s vs direct, 0 ms upstream: modelmux",
        share(get("modelmux@64").rps, get("direct@64").rps),
        "≥ 80 %",
      ],
      [
        "c64 req/s vs direct, 0 ms upstream: node proxy",
        `${share(get("node proxy@64").rps, get("direct@64").rps)}  (the most one Node process gets here)`,
      ],
      ["c64 req/s, modelmux / node proxy", share(get("modelmux@64").rps, get("node proxy@64").rps)],
    );
    if (portkey) {
      for (const connections of CONCURRENCIES) {
        rows.push([
          `c${connections} portkey overhead p50 / p99`,
          `${formatMs(overhead("portkey", connections, "p50"))} / ${formatMs(overhead("portkey", connections, "p99"))}`,
        ]);
      }
      rows.push(
        [
          "c1 overhead p50, modelmux / portkey",
          (overhead("modelmux", 1, "p50") / overhead("portkey", 1, "p50")).toFixed(2),
          "≤ 0.5",
        ],
        [
          "c64 overhead p50, modelmux / portkey",
          (overhead("modelmux", 64, "p50") / overhead("portkey", 64, "p50")).toFixed(2),
        ],
        ["c64 req/s, modelmux / portkey", (get("modelmux@64").rps / get("portkey@64").rps).toFixed(2)],
      );
    }

    // Streamed answers pass through event by event: each delta is re-framed and written as it arrives.
    const streamTargets: Target[] = [
      {
        name: "direct",
        url: completionsUrl(upstreamPort),
        headers: {},
        body: STREAM_BODY,
        pid: upstream.pid,
      },
      { name: "modelmux", url: modelmux.url, headers: {}, body: STREAM_BODY, pid: modelmux.pid },
    ];
    const [streamDirect, streamModelmux] = (await measureInTurns(streamTargets, 1)) as [
      LoadResult,
      LoadResult,
    ];
    rows.push(
      ["c1 streamed, direct", rpsText(streamDirect)],
      ["c1 streamed, modelmux", rpsText(streamModelmux)],
      [
        "c1 streamed, modelmux overhead p50 / p99",
        `${formatMs(streamModelmux.p50 - streamDirect.p50)} / ${formatMs(streamModelmux.p99 - streamDirect.p99)}`,
      ],
    );

    // With an upstream that takes time, as every real model does, the gateway's job at c64 is to
    // keep up with it; 20 ms is still far quicker than any real completion.
    const slowTargets: Target[] = [
      { name: "direct", url: completionsUrl(slowPort), headers: {}, pid: slow.pid },
      { name: "modelmux", url: modelmux.url, headers: {}, body: bodyFor(SLOW_MODEL), pid: modelmux.pid },
      ...(portkey
        ? [
            {
              name: "portkey",
              url: portkey.url,
              headers: { ...portkey.headers, "x-portkey-custom-host": `http://127.0.0.1:${slowPort}/v1` },
              pid: portkey.pid,
            },
          ]
        : []),
    ];
    const [slowDirect, slowModelmux, slowPortkey] = (await measureInTurns(slowTargets, 64)) as [
      LoadResult,
      LoadResult,
      LoadResult | undefined,
    ];
    rows.push(
      [`c64 direct, ${SLOW_UPSTREAM_MS} ms upstream`, rpsText(slowDirect)],
      [`c64 modelmux, ${SLOW_UPSTREAM_MS} ms upstream`, rpsText(slowModelmux)],
      [
        `c64 modelmux req/s vs direct, ${SLOW_UPSTREAM_MS} ms upstream`,
        share(slowModelmux.rps, slowDirect.rps),
        "≥ 80 %",
      ],
    );
    // One process runs on one core at a time: its CPU per request bounds its requests/s.
    const cpu = slowModelmux.cpuPerRequestUs;
    if (cpu !== undefined) {
      const ceiling = 1_000_000 / cpu;
      rows.push([
        `c64 modelmux, ${SLOW_UPSTREAM_MS} ms upstream: one-core ceiling`,
        `${Math.round(ceiling)} req/s at ${Math.round(cpu)} µs CPU per request (${share(ceiling, slowDirect.rps)} of direct)`,
      ]);
    }
    if (slowPortkey) {
      rows.push(
        [`c64 portkey, ${SLOW_UPSTREAM_MS} ms upstream`, rpsText(slowPortkey)],
        [
          `c64 portkey req/s vs direct, ${SLOW_UPSTREAM_MS} ms upstream`,
          share(slowPortkey.rps, slowDirect.rps),
        ],
      );
    }

    for (const store of ["memory", "sqlite"] as const) {
      const { url: cached } = await startModelmux(upstreamPort, store);
      await expectCacheHit(cached);
      await load(cached, {}, PROCESS_WARM_UP_CONNECTIONS, PROCESS_WARM_UP_S);
      await load(cached, {}, 1, WARM_UP_S);
      const hit = await load(cached, {}, 1, CACHE_DURATION_S);
      rows.push([
        `cache hit via /v1 (${store}), c1`,
        rpsText(hit),
        store === "memory" ? "p50 < 1 ms" : undefined,
      ]);
    }
    printTable(
      `Gateway (issue 8): POST /v1/chat/completions, fake upstream at 0 ms unless marked, ${DURATION_S} s per target in ${ROUNDS} turns`,
      rows,
    );
  } finally {
    await stopChildren();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchGateway({ peer: process.argv.includes("portkey") ? "portkey" : undefined });
}
