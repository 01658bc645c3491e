import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI_ARGS, cleanEnv } from "../test/support/cli-process.js";

/**
 * The processes the gateway and instruction benches load: the fake upstream, the bare node:http
 * proxy and `modelmux http` on a config pointing at the fake. Each runs as its own process, so a
 * bench measures the server and not itself.
 */
export const START_TIMEOUT_MS = 20_000;
export const MODEL = "bench-model";
/** The same model name on a second provider, whose upstream answers after a delay (the gateway bench's 20 ms one). */
export const SLOW_MODEL = "bench-model-slow";
/** The embedding model the fake provider serves (1,536-dimension vectors, like text-embedding-3-small). */
export const EMBEDDING_MODEL = "bench-embed";
export const EMBEDDING_DIMENSIONS = 1536;
/** One short text, asked in base64 as the openai SDK asks by default. */
export const embeddingBody = (model: string) =>
  JSON.stringify({ model, input: "Say hello in French, in one short sentence.", encoding_format: "base64" });
export const bodyFor = (model: string, stream = false) =>
  JSON.stringify({
    model,
    ...(stream && { stream: true }),
    messages: [{ role: "user", content: "Say hello in French, in one short sentence." }],
  });

/** A tool-calling conversation: 5 function tools and 10 messages (the agent shape of issue 16). */
export function toolsBodyFor(model: string): string {
  const tool = (name: string, description: string, properties: Record<string, object>) => ({
    type: "function",
    function: {
      name,
      description,
      parameters: { type: "object", properties, required: Object.keys(properties) },
    },
  });
  const tools = [
    tool("get_weather", "Current weather for a city.", {
      city: { type: "string", description: "City name" },
    }),
    tool("get_time", "Local time in a time zone.", { zone: { type: "string", description: "IANA zone" } }),
    tool("search_docs", "Search the product documentation.", {
      query: { type: "string" },
      limit: { type: "integer" },
    }),
    tool("read_ticket", "Read a support ticket.", { id: { type: "string", description: "Ticket id" } }),
    tool("convert", "Convert units.", {
      value: { type: "number" },
      unit: { type: "string", enum: ["c", "f", "k"] },
    }),
  ];
  const call = (id: string, name: string, args: object) => ({
    role: "assistant",
    content: null,
    tool_calls: [{ id, type: "function", function: { name, arguments: JSON.stringify(args) } }],
  });
  const messages = [
    { role: "system", content: "You are a helpful support agent. Use the tools when they help." },
    { role: "user", content: "What's the weather in Paris, and what time is it there?" },
    call("call_1", "get_weather", { city: "Paris" }),
    { role: "tool", tool_call_id: "call_1", content: '{"temp_c":18,"sky":"clear"}' },
    call("call_2", "get_time", { zone: "Europe/Paris" }),
    { role: "tool", tool_call_id: "call_2", content: '{"time":"14:05"}' },
    { role: "assistant", content: "It is 18 °C and clear in Paris, and 14:05 local time." },
    { role: "user", content: "Convert 18 °C to Fahrenheit, and look up ticket T-42." },
    call("call_3", "read_ticket", { id: "T-42" }),
    { role: "tool", tool_call_id: "call_3", content: "Printer on floor 2 is out of toner." },
  ];
  return JSON.stringify({ model, messages, tools, tool_choice: "auto" });
}

/** Children to stop at the end, whatever happens. */
const children = new Set<ChildProcess>();

export function startChild(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  // Keep both pipes drained: a child whose output nobody reads blocks once the pipe is full.
  child.stdout?.resume();
  child.stderr?.resume();
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Resolves with the first match of `pattern` in the child's stdout or stderr. */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
  timeoutMs = START_TIMEOUT_MS,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}: ${output}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}

/** Stops every child the bench started. */
export function stopChildren(): Promise<unknown> {
  return Promise.all([...children].map(stopChild));
}

/** A server the bench started: where it listens and its process. */
export interface Started {
  port: number;
  pid: number | undefined;
}

/** Node's arguments for one of the bench's own servers (bench/NAME.ts). */
export function benchServerArgs(name: string, args: string[]): string[] {
  return ["--import", "tsx", join(import.meta.dirname, `${name}.ts`), ...args];
}

/** The pattern a bench server prints once listening: `{"port":N}`. */
export const PORT_LINE = /\{"port":(\d+)\}/;

/** Starts one of the bench's own servers; it prints its port as `{"port":N}`. */
async function startBenchServer(name: string, args: string[]): Promise<Started> {
  const child = startChild(process.execPath, benchServerArgs(name, args), process.env);
  return { port: Number(await waitForOutput(child, PORT_LINE, name)), pid: child.pid };
}

export function startFakeUpstream(latencyMs: number): Promise<Started> {
  return startBenchServer("fake-upstream-server", [
    "--port",
    "0",
    "--latency-ms",
    String(latencyMs),
    "--embedding-dimensions",
    String(EMBEDDING_DIMENSIONS),
  ]);
}

export const completionsUrl = (port: number) => `http://127.0.0.1:${port}/v1/chat/completions`;
export const embeddingsUrl = (port: number) => `http://127.0.0.1:${port}/v1/embeddings`;

/** The bare node:http proxy (bare-proxy-server.ts): the ceiling for any one Node process here. */
export function startBareProxy(upstreamPort: number): Promise<Started> {
  return startBenchServer("bare-proxy-server", ["--upstream", String(upstreamPort)]);
}

/** What `modelmux http` prints once listening; the match is its base URL. */
export const LISTENING_LINE = /listening on (http:\/\/\S+)/;

/**
 * Node's arguments and environment for `modelmux http` from dist/, with a config file pointing a
 * custom provider at the fake upstream and, when given, a second one serving SLOW_MODEL at the
 * slow upstream. Logs are silent and the data dir is new.
 */
export function modelmuxCommand(
  upstreamPort: number,
  cache: "off" | "memory" | "sqlite",
  slowPort?: number,
): { args: string[]; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), "modelmux-bench-"));
  const config = join(dir, "modelmux.config.json");
  writeFileSync(
    config,
    JSON.stringify({
      providers: {
        fake: {
          baseURL: `http://127.0.0.1:${upstreamPort}/v1`,
          models: {
            [MODEL]: { price: { input: 0.1, output: 0.2 }, tier: "small", capabilities: ["json", "tools"] },
          },
          embeddingModels: {
            [EMBEDDING_MODEL]: { price: { input: 0.02 }, dimensions: EMBEDDING_DIMENSIONS },
          },
        },
        ...(slowPort && {
          slow: {
            baseURL: `http://127.0.0.1:${slowPort}/v1`,
            models: { [SLOW_MODEL]: { price: { input: 0.1, output: 0.2 }, tier: "small" } },
          },
        }),
      },
      routing: { exploration: 0 },
      cache: { store: cache },
    }),
  );
  return {
    args: [...CLI_ARGS, "http", "--port", "0", "--config", config],
    env: cleanEnv({ MODELMUX_LOG_LEVEL: "silent", MODELMUX_DATA_DIR: dir }),
  };
}
