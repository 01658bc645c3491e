import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { DestinationStream } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { createLogger } from "../../src/logger.js";
import { registerGetUsageTool } from "../../src/tools/get-usage.js";
import { DEAD_LETTER_FILE } from "../../src/usage/dead-letter-file.js";
import { createBudgetGate, createLedger, type Ledger } from "../../src/usage/index.js";
import { spillRecords } from "../../src/usage/spill-file.js";
import { tempDataDir } from "../support/cli-process.js";
import { errorText } from "../support/in-memory-server.js";
import { useLedgerFixture } from "./ledger-backends.js";
import { usageRecord } from "./usage-record.js";

const ALL_TIME = { since: 0, until: Number.MAX_SAFE_INTEGER };
const fixture = useLedgerFixture();
const opened: Ledger[] = [];
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((ledger) => ledger.close()));
});

/** A logger whose JSON lines land in `lines`. */
function capturingLogger(lines: string[]) {
  const destination = { write: (line: string) => void lines.push(line) } as unknown as DestinationStream;
  return createLogger("info", { destination });
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; outcome: T | unknown }> {
  const started = performance.now();
  const outcome = await work().catch((error: unknown) => error);
  return { ms: performance.now() - started, outcome };
}

describe("PostgreSQL ledger failures", () => {
  it("moves records the database refuses to the dead-letter file; the rest of their batch and spill file is stored", async () => {
    const dataDir = tempDataDir();
    const databaseUrl = await fixture.server().createDatabase();
    // A spill file from an earlier run, with a record PostgreSQL refuses (a NUL byte in a text column).
    const spilled = Array.from({ length: 10 }, (_, index) => usageRecord({ requestId: `spill-${index}` }));
    spilled.splice(
      5,
      0,
      usageRecord({ requestId: "spill-poison", requestedModel: "gpt-4o\u0000private-model" }),
    );
    spillRecords(dataDir, spilled);
    const lines: string[] = [];
    const ledger = createLedger({
      dataDir,
      databaseUrl,
      logger: capturingLogger(lines),
      flushIntervalMs: 20,
    });
    opened.push(ledger);
    // And live records with one the database cannot store (tokens beyond BIGINT).
    for (let index = 0; index < 10; index++) ledger.record(usageRecord({ requestId: `live-${index}` }));
    ledger.record(usageRecord({ requestId: "live-poison", tokensIn: 1e30 }));
    for (let index = 10; index < 20; index++) ledger.record(usageRecord({ requestId: `live-${index}` }));
    await until(
      async () =>
        readdirSync(dataDir).every((name) => !name.startsWith("usage-spill")) &&
        (await ledger.query(ALL_TIME)).length === 30,
    );
    const stored = (await ledger.query(ALL_TIME)).map((row) => row.requestId).sort();
    expect(stored).toEqual(
      [
        ...Array.from({ length: 10 }, (_, index) => `spill-${index}`),
        ...Array.from({ length: 20 }, (_, index) => `live-${index}`),
      ].sort(),
    );
    const letters = readFileSync(join(dataDir, DEAD_LETTER_FILE), "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { record: { requestId: string }; code: string; error: string });
    expect(letters.map((letter) => letter.record.requestId).sort()).toEqual(["live-poison", "spill-poison"]);
    for (const letter of letters) expect(letter.code).toMatch(/^22/); // SQLSTATE class 22: data exception
    // Logs name the request and the SQLSTATE, never the refused value.
    const refusals = lines.filter((line) => line.includes("dead-letter"));
    expect(refusals).toHaveLength(2);
    expect(refusals.join("")).toContain("spill-poison");
    expect(lines.join("")).not.toContain("private-model");
    expect(lines.join("")).not.toContain("1e+30");
    // The ledger is healthy afterwards: no outage was declared, new records go straight in.
    expect(lines.join("")).not.toContain("database unavailable");
    ledger.record(usageRecord({ requestId: "after" }));
    expect((await ledger.query(ALL_TIME)).length).toBe(31);
  });

  it("fails reads at once, with LEDGER_UNAVAILABLE, while the database is known to be down; budgets do not wait", async () => {
    // A database that accepts connections and never answers: each connection attempt waits the pool's 3 s timeout.
    const sockets: Socket[] = [];
    const blackHole = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    const { port } = blackHole.address() as { port: number };
    try {
      const dataDir = tempDataDir();
      const ledger = createLedger({
        dataDir,
        databaseUrl: `postgres://modelmux:hunter2@127.0.0.1:${port}/modelmux`,
        logger: createLogger("silent"),
      });
      opened.push(ledger);
      ledger.record(usageRecord({ requestId: "during" }));
      await ledger.flush(); // the first write finds out (after the connect timeout) and spills
      expect(existsSync(join(dataDir, "usage-spill.jsonl"))).toBe(true);
      for (let read = 0; read < 3; read++) {
        const { ms, outcome } = await timed(() => ledger.summarize(ALL_TIME));
        expect(outcome).toMatchObject({ code: "LEDGER_UNAVAILABLE" });
        expect(String(outcome)).toMatch(/unavailable since .*timeout/);
        expect(String(outcome)).not.toContain("hunter2");
        // A stall bound, far below the 3 s a connection attempt waits.
        expect(ms).toBeLessThan(1_000);
        await new Promise((resolve) => setTimeout(resolve, 400)); // across a retry attempt
      }
      // get_usage says why, as a tool error (the server stays up).
      const server = new McpServer({ name: "modelmux-test", version: "1.0.0" });
      registerGetUsageTool(server, { ledger });
      const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
      const client = new Client({ name: "modelmux-test", version: "1.0.0" });
      await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
      const answer = await client.callTool({ name: "get_usage", arguments: { last: "7d" } });
      expect(errorText(answer)).toMatch(/LEDGER_UNAVAILABLE.*unavailable since/s);
      await client.close();
      // A budget's first reservation of the period seeds from the ledger: it counts zero and goes on.
      const gate = createBudgetGate({
        config: parseConfig({ budgets: { global: { dailyUsd: 1 } } }),
        ledger,
        logger: createLogger("silent"),
      });
      const { ms, outcome } = await timed(async () =>
        gate.reserve({ key: "local", tool: "route_completion" }, 0.1),
      );
      expect(outcome).toMatchObject({ settle: expect.any(Function) });
      expect(ms).toBeLessThan(1_000);
      await gate.close();
    } finally {
      for (const socket of sockets) socket.destroy();
      blackHole.close();
    }
  });
});
