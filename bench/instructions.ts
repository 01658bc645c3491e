import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, cleanEnv } from "../test/support/cli-process.js";
import { printTable } from "./stats.js";

/**
 * Instructions per /v1 request, counted by valgrind's callgrind: unlike timings, the count hardly
 * moves with the shared machine's load or speed (repeated runs agree within about 1 %), so it shows
 * a 2 % change that timings cannot. User-space instructions only: the kernel's share (loopback
 * TCP, wake-ups) is not counted. Each server runs under callgrind with counting off through a
 * warm-up (V8 optimizes the hot code), then on for the measured requests, one at a time.
 * `npm run bench -- --instructions`, or alone: `npx tsx bench/instructions.ts` (needs valgrind).
 */
const WARM_UP = 5_000;
const MEASURED = 2_000;
const STREAMED_WARM_UP = 3_000;
const STREAMED_MEASURED = 1_000;
const MODEL = "bench-model";
const bodyFor = (stream: boolean) =>
  JSON.stringify({
    model: MODEL,
    ...(stream && { stream: true }),
    messages: [{ role: "user", content: "Say hello in French, in one short sentence." }],
  });

const children = new Set<ChildProcess>();

function start(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ pid: number; match: string }> {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1] && child.pid !== undefined) resolve({ pid: child.pid, match: match[1] });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${command} exited with ${code}: ${output}`)));
  });
}

/**
 * One kept-alive connection for the warm-up and the measured requests alike. A fresh connection
 * after the warm-up counted 1.5-2.3x the instructions per request (modelmux 869k against 560k, the
 * bare proxy 591k against 261k), so warm-up and measurement must share one.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** Sends `count` requests one after another; each must answer 200. */
async function send(url: string, body: string, count: number): Promise<void> {
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (answer) => {
          answer.resume();
          answer.once("end", () =>
            answer.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${answer.statusCode}`)),
          );
        },
      );
      outgoing.once("error", reject);
      outgoing.end(body);
    });
  for (let index = 0; index < count; index++) await one();
}

/** A server under callgrind, counting off; `measure` counts the instructions of some requests. */
async function underCallgrind(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp) {
  const dir = mkdtempSync(join(tmpdir(), "modelmux-instructions-"));
  const out = join(dir, "callgrind.out");
  const server = await start(
    "valgrind",
    ["--tool=callgrind", "--instr-atstart=no", `--callgrind-out-file=${out}`, process.execPath, ...args],
    env,
    ready,
  );
  let dumps = 0;
  return {
    match: server.match,
    /** Instructions per request over `measured` requests, after `warmUp` uncounted ones. */
    async measure(url: string, body: string, warmUp: number, measured: number): Promise<number> {
      await send(url, body, warmUp);
      execFileSync("callgrind_control", ["--instr=on", String(server.pid)], { stdio: "ignore" });
      await send(url, body, measured);
      execFileSync("callgrind_control", ["--instr=off", String(server.pid)], { stdio: "ignore" });
      execFileSync("callgrind_control", ["--dump", String(server.pid)], { stdio: "ignore" });
      dumps++;
      const totals = /^totals: (\d+)/m.exec(readFileSync(`${out}.${dumps}`, "utf8"));
      if (!totals?.[1]) throw new Error(`${name}: callgrind wrote no totals`);
      return Math.round(Number(totals[1]) / measured);
    },
  };
}

function hasValgrind(): boolean {
  try {
    execFileSync("callgrind_control", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function benchInstructions(): Promise<void> {
  if (!hasValgrind()) {
    throw new Error("bench/instructions.ts needs valgrind (apt-get install -y valgrind)");
  }
  try {
    const upstream = await start(
      process.execPath,
      [
        "--import",
        "tsx",
        join(import.meta.dirname, "fake-upstream-server.ts"),
        "--port",
        "0",
        "--latency-ms",
        "0",
      ],
      process.env,
      /\{"port":(\d+)\}/,
    );
    const upstreamPort = upstream.match;
    const dir = mkdtempSync(join(tmpdir(), "modelmux-instructions-"));
    const config = join(dir, "modelmux.config.json");
    writeFileSync(
      config,
      JSON.stringify({
        providers: {
          fake: {
            baseURL: `http://127.0.0.1:${upstreamPort}/v1`,
            models: { [MODEL]: { price: { input: 0.1, output: 0.2 }, tier: "small" } },
          },
        },
        routing: { exploration: 0 },
        cache: { store: "off" },
      }),
    );
    const modelmux = await underCallgrind(
      "modelmux",
      [CLI, "http", "--port", "0", "--config", config],
      cleanEnv({ MODELMUX_LOG_LEVEL: "silent", MODELMUX_DATA_DIR: dir }),
      /listening on (http:\/\/\S+)/,
    );
    const modelmuxUrl = `${modelmux.match}/v1/chat/completions`;
    const whole = await modelmux.measure(modelmuxUrl, bodyFor(false), WARM_UP, MEASURED);
    const streamed = await modelmux.measure(modelmuxUrl, bodyFor(true), STREAMED_WARM_UP, STREAMED_MEASURED);
    const proxy = await underCallgrind(
      "bare proxy",
      ["--import", "tsx", join(import.meta.dirname, "bare-proxy-server.ts"), "--upstream", upstreamPort],
      process.env,
      /\{"port":(\d+)\}/,
    );
    const bare = await proxy.measure(
      `http://127.0.0.1:${proxy.match}/v1/chat/completions`,
      bodyFor(false),
      WARM_UP,
      MEASURED,
    );
    const thousands = (count: number) => `${(count / 1000).toFixed(0)}k`;
    printTable("Instructions per /v1 request (callgrind, user space, c1 after warm-up)", [
      ["modelmux, whole answer", thousands(whole)],
      ["modelmux, streamed (11 events)", thousands(streamed)],
      ["bare node:http proxy, whole answer", thousands(bare)],
      ["modelmux / bare proxy, whole answer", (whole / bare).toFixed(2)],
    ]);
  } finally {
    agent.destroy();
    for (const child of children) child.kill("SIGKILL");
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchInstructions();
}
