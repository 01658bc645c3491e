import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { NATIVE_REGEXP_FLAG } from "../../src/native-regexps.js";
import { type FakeUpstream, startFakeUpstream } from "./fake-upstream.js";

export const CLI = join(import.meta.dirname, "..", "..", "dist", "cli.js");
/** node's arguments that run the built `modelmux` as its `#!` line and the README's client configs do. */
export const CLI_ARGS = [NATIVE_REGEXP_FLAG, CLI] as const;

/** A fresh data dir per test run, so tests never touch ~/.modelmux. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "modelmux-test-"));
}

/** Environment for a spawned server: no provider keys leak in from the machine. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /_API_KEY$|^MODELMUX_/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, MODELMUX_DATA_DIR: tempDataDir(), MODELMUX_LOG_LEVEL: "warn", ...extra };
}

/** Spawns `modelmux` over stdio and connects the real SDK client to it. */
export async function connectStdio(options: { args?: string[]; env?: Record<string, string> } = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...CLI_ARGS, ...(options.args ?? [])],
    env: cleanEnv(options.env),
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: "modelmux-test", version: "1.0.0" });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

export interface HttpProcess {
  url: string;
  mcpUrl: string;
  child: ChildProcess;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Spawns `modelmux http --port 0` and waits for it to print its URL. */
export async function spawnHttp(
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<HttpProcess> {
  const child = spawn(process.execPath, [...CLI_ARGS, "http", "--port", "0", ...(options.args ?? [])], {
    env: cleanEnv(options.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`modelmux http did not start: ${stderr}`)), 15_000);
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`modelmux http exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    mcpUrl: `${url}/mcp`,
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export interface LabServerOptions {
  /** The `lab` provider's entry besides its URL and key: `models`, `embeddingModels`, `headers`. */
  lab: Record<string, unknown>;
  /** Every other config section; the cache is off unless given. */
  config?: Record<string, unknown>;
  /** The server's environment; `LAB_KEY` (the provider key) is `lab-key` unless given. */
  env?: Record<string, string>;
}

export interface LabServer {
  server: HttpProcess;
  upstream: FakeUpstream;
  /** Stops the server, then the upstream. */
  stop(): Promise<void>;
}

/**
 * Spawns the built `modelmux http` with one provider, `lab`, whose base URL is a fresh fake
 * upstream and whose key is `env:LAB_KEY`; the config file goes to a fresh temp dir.
 */
export async function spawnLabServer(options: LabServerOptions): Promise<LabServer> {
  const upstream = await startFakeUpstream();
  const file = join(tempDataDir(), "config.json");
  writeFileSync(
    file,
    JSON.stringify({
      cache: { store: "off" },
      ...options.config,
      providers: { lab: { baseURL: upstream.url, apiKey: "env:LAB_KEY", ...options.lab } },
    }),
  );
  try {
    const server = await spawnHttp({
      args: ["--config", file],
      env: { LAB_KEY: "lab-key", ...options.env },
    });
    return {
      server,
      upstream,
      async stop() {
        await server.stop();
        await upstream.close();
      },
    };
  } catch (error) {
    await upstream.close();
    throw error;
  }
}

export async function connectHttp(mcpUrl: string, headers: Record<string, string> = {}) {
  const client = new Client({ name: "modelmux-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers } }));
  return client;
}

/** Runs the CLI to completion and returns its exit code and output. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI_ARGS, ...args], {
      env: cleanEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
