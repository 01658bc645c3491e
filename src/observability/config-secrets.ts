import { resolveSecret } from "../config/load-config.js";
import type { Config } from "../config/schema.js";

/**
 * The provider keys a config resolves to (literal or `env:NAME`), so the logger can scrub their
 * values even when the variable has a name no pattern would guess (`env:LAB_KEY`).
 */
export function configSecrets(config: Config, env: NodeJS.ProcessEnv = process.env): string[] {
  const keys = Object.values(config.providers).flatMap((provider) => {
    const value = resolveSecret(provider.apiKey, env);
    return value ? [value] : [];
  });
  return [...keys, ...databasePassword(config.usage.databaseUrl)];
}

/** The ledger database's password, if its URL holds one (a pg error may quote the URL). */
function databasePassword(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}
