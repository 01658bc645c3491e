import { parseArgs } from "node:util";
import { errorMessage, ModelmuxError } from "../errors.js";
import { GROUP_BY, type GroupBy } from "../usage/usage-types.js";

export type Command = "stdio" | "http" | "usage" | "migrate-ledger" | "prices";

export const USAGE_FORMATS = ["table", "json", "csv"] as const;
export type UsageFormat = (typeof USAGE_FORMATS)[number];

/** `modelmux usage` flags. */
export interface UsageArgs {
  since?: string;
  until?: string;
  groupBy?: GroupBy;
  format: UsageFormat;
}

export interface CliArgs {
  command: Command;
  help: boolean;
  version: boolean;
  config?: string;
  host?: string;
  port?: number;
  /** Set for `modelmux usage`. */
  usage?: UsageArgs;
  /** Set for `modelmux migrate-ledger`. */
  migrate?: { to: string; from?: string };
  /** Set for `modelmux prices update`. */
  prices?: { from?: string; url?: string };
}

const COMMANDS: readonly string[] = ["http", "usage", "migrate-ledger", "prices"];

/** Parses argv; unknown flags or commands and bad values throw INVALID_INPUT naming the flag. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
        since: { type: "string" },
        until: { type: "string" },
        "group-by": { type: "string" },
        format: { type: "string" },
        to: { type: "string" },
        from: { type: "string" },
        url: { type: "string" },
      },
    });
  } catch (error) {
    throw new ModelmuxError("INVALID_INPUT", errorMessage(error).replace(/\. To specify.*$/s, ""));
  }
  const [command, ...rest] = parsed.positionals;
  if (command !== undefined && !COMMANDS.includes(command)) {
    throw new ModelmuxError(
      "INVALID_INPUT",
      `unknown command "${command}"; expected one of: ${COMMANDS.join(", ")} (or none for stdio)`,
    );
  }
  if (command === "prices" && rest[0] !== "update")
    throw new ModelmuxError(
      "INVALID_INPUT",
      "prices: expected `modelmux prices update [--from FILE | --url URL]`",
    );
  if (command === "prices") rest.shift();
  if (rest.length > 0) throw new ModelmuxError("INVALID_INPUT", `unexpected argument "${rest[0]}"`);
  const values = parsed.values as {
    config?: string;
    host?: string;
    port?: string;
    help?: boolean;
    version?: boolean;
    since?: string;
    until?: string;
    "group-by"?: string;
    format?: string;
    to?: string;
    from?: string;
    url?: string;
  };
  if (values.url !== undefined && command !== "prices")
    throw new ModelmuxError("INVALID_INPUT", "--url applies to `modelmux prices update` only");
  if (command === "prices" && values.to !== undefined)
    throw new ModelmuxError("INVALID_INPUT", "--to applies to `modelmux migrate-ledger` only");
  if (command === "prices" && values.from !== undefined && values.url !== undefined)
    throw new ModelmuxError("INVALID_INPUT", "--from and --url: give one, not both");
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65_535) {
      throw new ModelmuxError(
        "INVALID_INPUT",
        `--port: expected an integer from 0 to 65535, got "${values.port}"`,
      );
    }
  }
  if ((values.host !== undefined || port !== undefined) && command !== "http") {
    throw new ModelmuxError("INVALID_INPUT", "--host and --port apply to `modelmux http` only");
  }
  const usage = usageArgs(values, command === "usage");
  // --from belongs to migrate-ledger and prices update; prices checks its own flags above.
  const migrate = command === "prices" ? undefined : migrateArgs(values, command === "migrate-ledger");
  return {
    command:
      command === "http" || command === "usage" || command === "migrate-ledger" || command === "prices"
        ? command
        : "stdio",
    help: values.help ?? false,
    version: values.version ?? false,
    config: values.config,
    host: values.host,
    port,
    ...(usage && { usage }),
    ...(migrate && { migrate }),
    ...(command === "prices" && {
      prices: {
        ...(values.from !== undefined && { from: values.from }),
        ...(values.url !== undefined && { url: values.url }),
      },
    }),
  };
}

/** `migrate-ledger` needs --to; --to and --from belong to it alone. */
function migrateArgs(
  values: { to?: string; from?: string },
  isMigrate: boolean,
): { to: string; from?: string } | undefined {
  if (!isMigrate) {
    const given = (["to", "from"] as const).find((flag) => values[flag] !== undefined);
    if (given)
      throw new ModelmuxError("INVALID_INPUT", `--${given} applies to \`modelmux migrate-ledger\` only`);
    return undefined;
  }
  if (!values.to) {
    throw new ModelmuxError(
      "INVALID_INPUT",
      "--to: expected the PostgreSQL URL to copy the ledger into (postgres://…)",
    );
  }
  return { to: values.to, ...(values.from !== undefined && { from: values.from }) };
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || allowed.includes(value as T)) return value as T | undefined;
  throw new ModelmuxError("INVALID_INPUT", `${flag}: expected one of ${allowed.join(", ")}; got "${value}"`);
}

/** Validates the `usage` flags; they are refused on other commands. */
function usageArgs(
  values: { since?: string; until?: string; "group-by"?: string; format?: string },
  isUsage: boolean,
): UsageArgs | undefined {
  const given = (["since", "until", "group-by", "format"] as const).filter(
    (flag) => values[flag] !== undefined,
  );
  if (!isUsage) {
    if (given.length > 0)
      throw new ModelmuxError("INVALID_INPUT", `--${given[0]} applies to \`modelmux usage\` only`);
    return undefined;
  }
  const groupBy = oneOf("--group-by", values["group-by"], GROUP_BY);
  return {
    ...(values.since !== undefined && { since: values.since }),
    ...(values.until !== undefined && { until: values.until }),
    ...(groupBy && { groupBy }),
    format: oneOf("--format", values.format, USAGE_FORMATS) ?? "table",
  };
}
