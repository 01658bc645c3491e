import { type DestinationStream, destination, type Logger, pino } from "pino";
import { redactSecrets } from "./providers/redact-secrets.js";

export type { Logger };

/** Field paths whose values are never written to logs. */
export const REDACTED_PATHS = [
  "apiKey",
  "*.apiKey",
  "*.*.apiKey",
  "config.providers.*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "headers.cookie",
  "*.headers.cookie",
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  "token",
  "*.token",
  "authInfo.token",
  "*.authInfo.token",
  "password",
  "*.password",
  "secret",
  "*.secret",
];

// Environment variables whose values are secrets: provider keys and the like.
const SECRET_VARIABLE = /(_API_KEY|_TOKEN|_SECRET|_PASSWORD)$/;

/** Values of secret-looking environment variables, to scrub from every log line. */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(env).flatMap(([name, value]) => (SECRET_VARIABLE.test(name) && value ? [value] : []));
}

export interface LoggerOptions {
  /** Extra values never to print (beyond the environment's keys). */
  secrets?: readonly string[];
  /** Where lines go; stderr by default. */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs on stderr only: on stdio, stdout belongs to the MCP protocol.
 * Level from MODELMUX_LOG_LEVEL (default info; `silent` turns logging off).
 * Secrets are removed twice: by field path, and from the finished line (known key values,
 * vendor key shapes, `Bearer …`), so a key inside an error message is caught too.
 */
export function createLogger(
  level = process.env.MODELMUX_LOG_LEVEL ?? "info",
  options: LoggerOptions = {},
): Logger {
  const secrets = [...environmentSecrets(), ...(options.secrets ?? [])];
  return pino(
    {
      name: "modelmux",
      level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      base: { pid: process.pid },
      hooks: { streamWrite: (line) => redactSecrets(line, secrets) },
    },
    options.destination ?? destination({ fd: 2, sync: false }),
  );
}
