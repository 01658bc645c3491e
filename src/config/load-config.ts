import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { extname, join, resolve } from "node:path";
import { errorMessage, ModelmuxError } from "../errors.js";
import { formatIssues } from "../validation/format-issues.js";
import { type Config, configSchemas } from "./schema.js";

export interface LoadedConfig {
  config: Config;
  /** Absolute directory for SQLite files (cache, ledger). */
  dataDir: string;
  /** Where the config came from, for logs. */
  source: string;
}

async function parseYaml(text: string): Promise<unknown> {
  // Loaded only for YAML configs: keeps ~30 ms off every start-up.
  const { parse } = await import("yaml");
  return parse(text);
}

async function readConfigFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ModelmuxError("INVALID_CONFIG", `cannot read config file ${file}: ${errorMessage(error)}`);
  }
  try {
    const extension = extname(file).toLowerCase();
    return extension === ".yaml" || extension === ".yml" ? await parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ModelmuxError(
      "INVALID_CONFIG",
      `config file ${file} is not valid ${extname(file) || "JSON"}: ${errorMessage(error)}`,
    );
  }
}

/**
 * Validates raw config data; the error names every bad field. `jitless`: a config is parsed once
 * per process, and zod's compiled fast path (a `new Function` per object schema, ~60 of them here)
 * cost more to generate than the one parse it would speed up (~10 ms of every start-up).
 */
export function parseConfig(raw: unknown, source = "config"): Config {
  const result = configSchemas().config.safeParse(raw ?? {}, { reportInput: true, jitless: true });
  if (!result.success) {
    throw new ModelmuxError("INVALID_CONFIG", `invalid ${source}: ${formatIssues(result.error.issues)}`);
  }
  return result.data;
}

/** Written beside the bundle by scripts/build.mjs (same name there): parseConfig({}) as JSON. */
export const BUILT_DEFAULT_CONFIG_FILE = "default-config.json";

/**
 * The config without a file: every default. The build writes parseConfig({}) beside the bundle, so
 * a server started without a config file neither builds the config's zod schemas nor parses
 * (~15 ms of start-up); from source it is parsed. A test checks that the two are equal.
 */
export function defaultConfig(): Config {
  const built = join(import.meta.dirname, BUILT_DEFAULT_CONFIG_FILE);
  return existsSync(built) ? (JSON.parse(readFileSync(built, "utf8")) as Config) : parseConfig({});
}

/**
 * Reads the config file (explicit path, else MODELMUX_CONFIG, else none) and applies
 * environment overrides: MODELMUX_DATA_DIR, MODELMUX_REDIS_URL, MODELMUX_DATABASE_URL.
 */
export async function loadConfig(
  options: { file?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const file = options.file ?? env.MODELMUX_CONFIG;
  const config = file
    ? parseConfig(await readConfigFile(resolve(file)), `config file ${file}`)
    : defaultConfig();
  if (env.MODELMUX_REDIS_URL) {
    config.cache.redisUrl = env.MODELMUX_REDIS_URL;
    config.cache.store = "redis";
  }
  config.usage.databaseUrl = databaseUrlOf(env.MODELMUX_DATABASE_URL ?? config.usage.databaseUrl, env);
  const dataDir = resolve(env.MODELMUX_DATA_DIR ?? config.dataDir ?? join(homedir(), ".modelmux"));
  return { config, dataDir, source: file ? resolve(file) : "defaults" };
}

/** The ledger's PostgreSQL URL with `env:NAME` resolved; undefined (SQLite) when none is set. */
function databaseUrlOf(value: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const url = resolveSecret(value, env);
  if (!url) return undefined;
  if (!/^postgres(?:ql)?:\/\//.test(url)) {
    throw new ModelmuxError(
      "INVALID_CONFIG",
      "usage.databaseUrl (or MODELMUX_DATABASE_URL): expected a postgres:// or postgresql:// URL",
    );
  }
  return url;
}

/** Resolves `env:NAME` to the variable's value; returns literals unchanged. */
export function resolveSecret(value: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (value === undefined) return undefined;
  if (value.startsWith("env:")) return env[value.slice(4)] || undefined;
  return value;
}

/** Header values with `env:NAME` read from the environment; a header whose variable is unset is left out. */
export function resolveHeaders(
  headers: Record<string, string> | undefined,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const secret = resolveSecret(value, env);
    if (secret !== undefined) resolved[name] = secret;
  }
  return resolved;
}
