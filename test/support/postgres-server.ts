import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust auth, loopback only). */
  url: string;
  port: number;
  /** A fresh, empty database on this server; its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Fast shutdown (pg_ctl stop -m fast). */
  stop(): Promise<void>;
  /** Crash it: SIGKILL to the postmaster, as a test of "the database died mid-run". */
  kill(): Promise<void>;
  /** Starts it again on the same port and data (after stop or kill). */
  start(): Promise<void>;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
}

/** initdb, pg_ctl, postgres: Debian puts them under /usr/lib/postgresql/<major>/bin, not on PATH. */
export function findPostgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((name) => existsSync(join(root, name, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (majors[0]) return join(root, majors[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  const found = which.stdout.trim();
  return found ? join(found, "..") : undefined;
}

/** initdb refuses to run as root: run the server as the `postgres` user when we are root. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

/** Every started server's data dir, so a test process that dies never leaves a postgres running. */
const running = new Set<string>();
let exitHookInstalled = false;

function postmasterPid(directory: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(directory, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const directory of running) {
      const pid = postmasterPid(directory);
      if (pid) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {}
      }
    }
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a real, throwaway PostgreSQL: initdb in a temp dir (trust auth, no fsync: tests own their
 * data), listening on 127.0.0.1 on a free port, its socket in the same dir. Needs Debian's
 * `postgresql` package (or initdb on PATH); rejects with a clear message otherwise.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql)");
  installExitHook();
  const user = runAs();
  const directory = mkdtempSync(join(tmpdir(), "modelmux-pg-"));
  if (user) chownSync(directory, user.uid, user.gid);
  const data = join(directory, "data");
  const run = (command: string, args: string[]) =>
    spawnSync(join(bin, command), args, {
      encoding: "utf8",
      cwd: directory,
      ...(user && { uid: user.uid, gid: user.gid }),
      env: { ...process.env, LC_ALL: "C" },
    });
  const init = run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const options = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;

  async function start(): Promise<void> {
    const started = run("pg_ctl", [
      "-D",
      data,
      "-o",
      options,
      "-l",
      join(directory, "log"),
      "-w",
      "-t",
      "30",
      "start",
    ]);
    if (started.status !== 0) {
      const log = existsSync(join(directory, "log")) ? readFileSync(join(directory, "log"), "utf8") : "";
      throw new Error(`pg_ctl start failed: ${started.stderr || started.stdout}\n${log.slice(-2000)}`);
    }
    running.add(data);
  }

  async function stop(): Promise<void> {
    if (!postmasterPid(data)) return;
    run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
    running.delete(data);
  }

  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    port,
    async createDatabase(name) {
      databases += 1;
      const database = name ?? `test_${process.pid}_${databases}`;
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${database}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${database}`;
    },
    stop,
    async kill() {
      const pid = postmasterPid(data);
      if (!pid) return;
      process.kill(pid, "SIGKILL");
      // Its backends notice the postmaster is gone and exit; wait until the port is free again.
      for (let waited = 0; isAlive(pid) && waited < 5_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      running.delete(data);
    },
    async start() {
      // After a SIGKILL, postmaster.pid is stale; pg_ctl start copes (it checks the pid).
      await start();
    },
    async destroy() {
      await stop();
      const pid = postmasterPid(data);
      if (pid && isAlive(pid)) process.kill(pid, "SIGKILL");
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
