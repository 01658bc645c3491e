import { isModelmuxError, ModelmuxError } from "../errors.js";
import type { Logger } from "../logger.js";
import { createLedger } from "../usage/ledger.js";
import { parseWindow } from "../usage/parse-window.js";
import type { UsageRow, UsageSummary, UsageWindow } from "../usage/usage-types.js";
import type { UsageArgs, UsageFormat } from "./parse-args.js";

const COLUMNS: [keyof UsageRow, string][] = [
  ["requests", "requests"],
  ["error_rate", "errors"],
  ["tokens_in", "tokens in"],
  ["tokens_out", "tokens out"],
  ["tokens_cached", "cached"],
  ["cost_usd", "cost USD"],
  ["cache_hit_rate", "cache hits"],
  ["latency_p50_ms", "p50 ms"],
  ["latency_p95_ms", "p95 ms"],
  ["saved_by_cache_usd", "saved cache USD"],
  ["saved_by_routing_usd", "saved routing USD"],
];

function cell(row: UsageRow, field: keyof UsageRow): string {
  const value = row[field];
  if (field === "error_rate" || field === "cache_hit_rate") return `${Math.round(value * 1000) / 10}%`;
  return String(value);
}

function table(summary: UsageSummary): string {
  const label = summary.group_by ?? "window";
  const rows: [string, UsageRow][] = [
    ...summary.groups.map((row): [string, UsageRow] => [row.group, row]),
    ["total", summary.totals],
  ];
  const lines = [
    [label, ...COLUMNS.map(([, title]) => title)],
    ...rows.map(([name, row]) => [name, ...COLUMNS.map(([field]) => cell(row, field))]),
  ];
  const widths =
    lines[0]?.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? "").length))) ?? [];
  const render = (line: string[]) =>
    line
      .map((value, column) =>
        column === 0 ? value.padEnd(widths[column] ?? 0) : value.padStart(widths[column] ?? 0),
      )
      .join("  ");
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const body = lines.map(render);
  body.splice(1, 0, rule);
  if (summary.groups.length > 0) body.splice(body.length - 1, 0, rule);
  return `modelmux usage ${summary.since} → ${summary.until}\n${body.join("\n")}\n`;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csv(summary: UsageSummary): string {
  const header = ["group", ...COLUMNS.map(([field]) => field)];
  const rows: [string, UsageRow][] = [
    ...summary.groups.map((row): [string, UsageRow] => [row.group, row]),
    ["(total)", summary.totals],
  ];
  const lines = [
    header,
    ...rows.map(([name, row]) => [name, ...COLUMNS.map(([field]) => String(row[field]))]),
  ];
  return `${lines.map((line) => line.map(csvField).join(",")).join("\n")}\n`;
}

/** Renders a summary for `modelmux usage`: an aligned table, the summary JSON, or CSV with a `(total)` row. */
export function formatUsage(summary: UsageSummary, format: UsageFormat): string {
  if (format === "json") return `${JSON.stringify(summary, null, 2)}\n`;
  if (format === "csv") return csv(summary);
  return table(summary);
}

/** The window from the flags; errors name the flag (`--since: expected …`). */
function windowOf(options: UsageArgs, now: number | undefined): UsageWindow {
  try {
    return parseWindow({ since: options.since, until: options.until }, now);
  } catch (error) {
    if (!isModelmuxError(error)) throw error;
    throw new ModelmuxError(error.code, error.message.replace(/^(since|until):/, "--$1:"));
  }
}

/**
 * `modelmux usage`: reads the ledger (the shared PostgreSQL one when configured, else the SQLite
 * file in the data dir) and prints to stdout (this is not the MCP stdio server).
 */
export async function runUsageCommand(
  options: UsageArgs,
  context: {
    dataDir: string;
    databaseUrl?: string;
    logger: Logger;
    now?: number;
    write?: (text: string) => void;
  },
): Promise<void> {
  const window = windowOf(options, context.now);
  const ledger = createLedger({
    dataDir: context.dataDir,
    logger: context.logger,
    ...(context.databaseUrl && { databaseUrl: context.databaseUrl }),
  });
  try {
    const summary = await ledger.summarize({ ...window, groupBy: options.groupBy });
    (context.write ?? ((text) => process.stdout.write(text)))(formatUsage(summary, options.format));
  } finally {
    await ledger.close();
  }
}
