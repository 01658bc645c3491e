import { resolveHeaders, resolveSecret } from "../config/load-config.js";
import type { Config } from "../config/schema.js";
import { providerSecrets } from "../providers/provider-secrets.js";

/**
 * Every credential a config's providers resolve to (literal or `env:NAME`): API keys, header
 * values and base-URL query values, so the logger scrubs them even when the variable has a name
 * no pattern would guess (`env:LAB_KEY`) or the key travels in a header (`x-api-key`).
 */
export function configSecrets(config: Config, env: NodeJS.ProcessEnv = process.env): string[] {
  const keys = Object.values(config.providers).flatMap((provider) =>
    providerSecrets({
      apiKey: resolveSecret(provider.apiKey, env),
      headers: resolveHeaders(provider.headers, env),
      baseURL: provider.baseURL,
    }),
  );
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
