import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

export interface RedisServer {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Graceful shutdown (SIGTERM, SIGKILL after 5 s); resolves once the process is gone. */
  stop(): Promise<void>;
  /** Crash it (SIGKILL), as a test of "Redis died mid-run"; resolves once the process is gone. */
  kill(): Promise<void>;
}

export interface RedisServerOptions {
  /** Reuse a port (restart "the same" Redis after a kill); default: a free one. */
  port?: number;
  /** How long to wait for "Ready to accept connections". Default 10 s. */
  timeoutMs?: number;
}

const READY = /Ready to accept connections/;
const PORT_IN_USE = /Address already in use|bind: |Could not create server TCP listening socket/i;
const START_ATTEMPTS = 5;

/** Every child still running, so a test process that dies never leaves a redis-server behind. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const gone = exited(child);
  child.kill(signal);
  if (signal === "SIGKILL") return gone;
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await gone;
  clearTimeout(timer);
}

/** Spawns redis-server and resolves once it accepts connections; rejects with its output otherwise. */
function launch(port: number, directory: string, timeoutMs: number): Promise<ChildProcess> {
  // No persistence at all: tests own their data and a killed server must come back empty.
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  args.push("--dir", directory, "--daemonize", "no", "--logfile", "", "--loglevel", "notice");
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  let settled = false;
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${message}\n${output.trim()}`));
    };
    const timer = setTimeout(
      () => fail(`redis-server on port ${port} not ready after ${timeoutMs} ms`),
      timeoutMs,
    );
    const collect = (chunk: Buffer) => {
      if (settled) return;
      output += chunk.toString();
      if (!READY.test(output)) return;
      settled = true;
      clearTimeout(timer);
      resolve(child);
    };
    // Both pipes keep flowing after start-up so redis never blocks on a full pipe.
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.once("error", (error: NodeJS.ErrnoException) => {
      const hint = error.code === "ENOENT" ? " (install it: apt-get install -y redis-server)" : "";
      fail(`cannot start redis-server: ${error.message}${hint}`);
    });
    child.once("exit", (code, signal) => fail(`redis-server exited early (${code ?? signal})`));
  });
}

/** Starts a real, throwaway redis-server on 127.0.0.1 (no RDB, no AOF, its own temp dir). */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  installExitHook();
  const directory = mkdtempSync(join(tmpdir(), "modelmux-redis-"));
  const timeoutMs = options.timeoutMs ?? 10_000;
  let child: ChildProcess | undefined;
  let port = options.port ?? 0;
  for (let attempt = 1; child === undefined; attempt++) {
    // A free port can be taken between the probe and redis' bind: retry with another one.
    if (options.port === undefined) port = await freePort();
    try {
      child = await launch(port, directory, timeoutMs);
    } catch (error) {
      const retryable =
        options.port === undefined && error instanceof Error && PORT_IN_USE.test(error.message);
      if (!retryable || attempt >= START_ATTEMPTS) {
        rmSync(directory, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const server = child;
  const finish = async (signal: NodeJS.Signals) => {
    await terminate(server, signal);
    rmSync(directory, { recursive: true, force: true });
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => finish("SIGTERM"),
    kill: () => finish("SIGKILL"),
  };
}
