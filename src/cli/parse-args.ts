import { parseArgs } from "node:util";
import { errorMessage, ModelmuxError } from "../errors.js";

export type Command = "stdio" | "http";

export interface CliArgs {
  command: Command;
  help: boolean;
  version: boolean;
  config?: string;
  host?: string;
  port?: number;
}

const COMMANDS: readonly string[] = ["http"];

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
  if (rest.length > 0) throw new ModelmuxError("INVALID_INPUT", `unexpected argument "${rest[0]}"`);
  const values = parsed.values as {
    config?: string;
    host?: string;
    port?: string;
    help?: boolean;
    version?: boolean;
  };
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
  return {
    command: command === "http" ? "http" : "stdio",
    help: values.help ?? false,
    version: values.version ?? false,
    config: values.config,
    host: values.host,
    port,
  };
}
