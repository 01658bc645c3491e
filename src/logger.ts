import { destination, type Logger, pino } from "pino";

export type { Logger };

/** Field paths whose values are never written to logs. */
export const REDACTED_PATHS = [
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "token",
  "*.token",
];

/**
 * Structured JSON logs on stderr only: on stdio, stdout belongs to the MCP protocol.
 * Level from MODELMUX_LOG_LEVEL (default info; `silent` turns logging off).
 */
export function createLogger(level = process.env.MODELMUX_LOG_LEVEL ?? "info"): Logger {
  return pino(
    {
      name: "modelmux",
      level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      base: { pid: process.pid },
    },
    destination({ fd: 2, sync: false }),
  );
}
