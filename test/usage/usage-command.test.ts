import { beforeAll, describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/cli/parse-args.js";
import { formatUsage, runUsageCommand } from "../../src/cli/usage-command.js";
import { createLogger } from "../../src/logger.js";
import { createLedger, type UsageSummary } from "../../src/usage/index.js";
import { runCli, tempDataDir } from "../support/cli-process.js";
import { usageRecord } from "./usage-record.js";

const logger = createLogger("silent");
const HOUR = 3_600_000;

async function seededDataDir(now: number): Promise<string> {
  const dataDir = tempDataDir();
  const ledger = createLedger({ dataDir, logger });
  ledger.record(usageRecord({ time: now - HOUR, costUsd: 0.25, latencyMs: 120 }));
  ledger.record(
    usageRecord({
      time: now - 2 * HOUR,
      model: "llama, 70b",
      provider: "groq",
      costUsd: 0.05,
      latencyMs: 80,
    }),
  );
  ledger.record(usageRecord({ time: now - 3 * 24 * HOUR, costUsd: 1 }));
  await ledger.close();
  return dataDir;
}

async function run(args: string[], dataDir: string, now: number): Promise<string> {
  const parsed = parseCliArgs(args);
  if (!parsed.usage) throw new Error("not a usage command");
  let output = "";
  await runUsageCommand(parsed.usage, { dataDir, logger, now, write: (text) => (output += text) });
  return output;
}

describe("modelmux usage", () => {
  const now = Date.UTC(2025, 5, 10, 12);
  let dataDir = "";
  beforeAll(async () => {
    dataDir = await seededDataDir(now);
  });

  it("prints a table with a total row, defaulting to the last 24 hours", async () => {
    const lines = (await run(["usage", "--group-by", "model"], dataDir, now)).trimEnd().split("\n");
    expect(lines[0]).toBe("modelmux usage 2025-06-09T12:00:00.000Z → 2025-06-10T12:00:00.000Z");
    expect(lines[1]).toMatch(
      /^model\s+requests\s+errors\s+tokens in\s+tokens out\s+cached\s+cost USD\s+cache hits\s+p50 ms/,
    );
    expect(lines[3]).toMatch(/^gpt-4o\s+1\s+0%\s+100\s+50\s+0\s+0.25\s+0%\s+120\s+120\s+0\s+0$/);
    expect(lines[4]).toMatch(/^llama, 70b\s+1 /);
    expect(lines.at(-1)).toMatch(/^total\s+2\s+0%\s+200\s+100\s+0\s+0.3\s+/);
  });

  it("prints the summary as JSON and as CSV", async () => {
    const json = JSON.parse(
      await run(["usage", "--since", "7d", "--format", "json"], dataDir, now),
    ) as UsageSummary;
    expect(json.totals).toMatchObject({ requests: 3, cost_usd: 1.3 });
    const csv = await run(
      ["usage", "--since", "2025-06-10", "--group-by", "provider", "--format", "csv"],
      dataDir,
      now,
    );
    expect(csv.split("\n")).toEqual([
      "group,requests,error_rate,tokens_in,tokens_out,tokens_cached,cost_usd,cache_hit_rate,latency_p50_ms,latency_p95_ms,saved_by_cache_usd,saved_by_routing_usd",
      "openai,1,0,100,50,0,0.25,0,120,120,0,0",
      "groq,1,0,100,50,0,0.05,0,80,80,0,0",
      "(total),2,0,200,100,0,0.3,0,100,118,0,0", // p50 and p95 of 80 and 120, interpolated
      "",
    ]);
    expect(formatUsage({ ...json, groups: [{ ...json.totals, group: 'a "b"' }] }, "csv")).toContain(
      '"a ""b""",',
    );
  });

  it("refuses bad flags naming the flag", async () => {
    expect(() => parseCliArgs(["usage", "--format", "xml"])).toThrow(
      '--format: expected one of table, json, csv; got "xml"',
    );
    expect(() => parseCliArgs(["usage", "--group-by", "colour"])).toThrow(
      /^--group-by: expected one of model, provider, key, tool, day/,
    );
    expect(() => parseCliArgs(["http", "--since", "7d"])).toThrow("--since applies to `modelmux usage` only");
    await expect(run(["usage", "--since", "last week"], dataDir, now)).rejects.toThrow(
      /^--since: expected an ISO 8601 date/,
    );
    await expect(run(["usage", "--until", "2000-01-01"], dataDir, now)).rejects.toThrow(
      /^--since: must be before until/,
    );
  });

  it("runs as a process: report on stdout, exit 2 on a bad flag", async () => {
    const processDir = await seededDataDir(Date.now());
    const report = await runCli(["usage", "--since", "7d", "--format", "json"], {
      MODELMUX_DATA_DIR: processDir,
    });
    expect(report.code).toBe(0);
    expect((JSON.parse(report.stdout) as UsageSummary).totals.requests).toBe(3);
    const bad = await runCli(["usage", "--format", "xml"], { MODELMUX_DATA_DIR: processDir });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("--format: expected one of table, json, csv");
  });
});
