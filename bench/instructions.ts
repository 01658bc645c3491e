import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  benchServerArgs,
  bodyFor,
  completionsUrl,
  LISTENING_LINE,
  MODEL,
  modelmuxCommand,
  PORT_LINE,
  startChild,
  startFakeUpstream,
  stopChildren,
  toolsBodyFor,
  waitForOutput,
} from "./servers.js";
import { printTable } from "./stats.js";

/**
 * Instructions per /v1 request, counted by valgrind's callgrind: the steady-state count (without
 * V8's GC and JIT compiles, see V8_OVERHEAD) hardly moves with the shared machine's load, so it
 * shows a 2 % change that timings cannot. The whole count does move: on a loaded machine the same
 * build counted 1,056k against 744k quiet, of which +195k GC and +99k TurboFan (V8's memory reducer
 * starts major GCs on timers, and they flush code that is then compiled again). User-space instructions only: the kernel's share (loopback
 * TCP, wake-ups) is not counted. Each server runs under callgrind with counting off through a
 * warm-up (V8 optimizes the hot code), then on for the measured requests, one at a time.
 * `npm run bench -- --instructions`, or alone: `npx tsx bench/instructions.ts` (needs valgrind).
 */
const CALLGRIND_START_TIMEOUT_MS = 300_000;
const WARM_UP = 5_000;
const MEASURED = 2_000;
const STREAMED_WARM_UP = 3_000;
const STREAMED_MEASURED = 1_000;
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
  const server = startChild(
    "valgrind",
    ["--tool=callgrind", "--instr-atstart=no", `--callgrind-out-file=${out}`, process.execPath, ...args],
    env,
  );
  // Start-up under callgrind is ~50x slower than plain node: on a busy machine it takes minutes.
  const match = await waitForOutput(server, ready, name, CALLGRIND_START_TIMEOUT_MS);
  let dumps = 0;
  return {
    match,
    /** Instructions per request over `measured` requests, after `warmUp` uncounted ones. */
    async measure(url: string, body: string, warmUp: number, measured: number): Promise<Count> {
      await send(url, body, warmUp);
      execFileSync("callgrind_control", ["--instr=on", String(server.pid)], { stdio: "ignore" });
      await send(url, body, measured);
      execFileSync("callgrind_control", ["--instr=off", String(server.pid)], { stdio: "ignore" });
      execFileSync("callgrind_control", ["--dump", String(server.pid)], { stdio: "ignore" });
      dumps++;
      const dump = `${out}.${dumps}`;
      const totals = /^totals: (\d+)/m.exec(readFileSync(dump, "utf8"));
      if (!totals?.[1]) throw new Error(`${name}: callgrind wrote no totals`);
      const all = Number(totals[1]);
      const overhead = v8Overhead(dump);
      return {
        all: Math.round(all / measured),
        withoutGc: Math.round((all - overhead.gc) / measured),
        steady: Math.round((all - overhead.gc - overhead.compiles) / measured),
      };
    },
  };
}

interface Count {
  all: number;
  withoutGc: number;
  /** Without GC and without JIT compiles: the request's own work once V8 has settled. */
  steady: number;
}

/** V8's garbage collector in callgrind's per-function listing: scavenges, marking, sweeping, heap bookkeeping. */
const GC_FUNCTION =
  /Scaveng|Mark|Sweep|heap::|Heap::|HeapObject::SizeFromMap|Evacuat|RememberedSet|IterateObjectCache|RecordMigrated|LiveObject|BodyDescriptor|PretenuringHandler|StringTableCleaner|Concurrent|MemoryChunk|RecordWrite|ActiveSystemPages|RootVisitor|VisitRootPointer/;
/** V8's optimizing compilers (TurboFan, Maglev): compiling code, not running it. */
const COMPILE_FUNCTION = /v8::internal::compiler::|v8::internal::maglev::|OptimizingCompileDispatcher/;

/**
 * Instructions V8's garbage collector and its optimizing compilers spent in a dump. Whether a major
 * collection falls inside the counted window moves the total by up to ±30 % between runs of one
 * build (one mark-compact added ~500k per request to a 2,000-request window), and code flushed by
 * a collection is compiled again; so builds compare by the steady count, without either.
 */
function v8Overhead(dump: string): { gc: number; compiles: number } {
  const listing = execFileSync("callgrind_annotate", ["--inclusive=no", "--threshold=100", dump], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  let gc = 0;
  let compiles = 0;
  for (const line of listing.split("\n")) {
    const match = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (!match?.[1] || !match[2] || match[2].includes("PROGRAM TOTALS")) continue;
    const count = Number(match[1].replaceAll(",", ""));
    if (GC_FUNCTION.test(match[2])) gc += count;
    else if (COMPILE_FUNCTION.test(match[2])) compiles += count;
  }
  return { gc, compiles };
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
    const upstream = await startFakeUpstream(0);
    const command = modelmuxCommand(upstream.port, "off");
    const modelmux = await underCallgrind("modelmux", command.args, command.env, LISTENING_LINE);
    const modelmuxUrl = `${modelmux.match}/v1/chat/completions`;
    const whole = await modelmux.measure(modelmuxUrl, bodyFor(MODEL), WARM_UP, MEASURED);
    const streamed = await modelmux.measure(
      modelmuxUrl,
      bodyFor(MODEL, true),
      STREAMED_WARM_UP,
      STREAMED_MEASURED,
    );
    const tools = await modelmux.measure(modelmuxUrl, toolsBodyFor(MODEL), WARM_UP, MEASURED);
    const proxy = await underCallgrind(
      "bare proxy",
      benchServerArgs("bare-proxy-server", ["--upstream", String(upstream.port)]),
      process.env,
      PORT_LINE,
    );
    const bare = await proxy.measure(completionsUrl(Number(proxy.match)), bodyFor(MODEL), WARM_UP, MEASURED);
    const thousands = (count: number) => `${(count / 1000).toFixed(0)}k`;
    const both = (count: Count) =>
      `${thousands(count.all)}  (without GC ${thousands(count.withoutGc)}, steady ${thousands(count.steady)})`;
    printTable(
      "Instructions per /v1 request (callgrind, user space, c1 after warm-up; steady: without V8's GC and JIT compiles)",
      [
        ["modelmux, whole answer", both(whole)],
        ["modelmux, streamed (11 events)", both(streamed)],
        ["modelmux, 5 tools and 10 messages, whole answer", both(tools)],
        ["bare node:http proxy, whole answer", both(bare)],
        ["modelmux / bare proxy, whole answer", (whole.all / bare.all).toFixed(2)],
        ["modelmux / bare proxy, whole answer, without GC", (whole.withoutGc / bare.withoutGc).toFixed(2)],
        ["modelmux / bare proxy, whole answer, steady", (whole.steady / bare.steady).toFixed(2)],
      ],
    );
  } finally {
    agent.destroy();
    await stopChildren();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchInstructions();
}
