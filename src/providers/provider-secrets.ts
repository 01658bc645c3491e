/** What a provider is configured with that may carry a credential. */
export interface ProviderCredentials {
  apiKey?: string | undefined;
  /** `providers.<id>.headers` (already resolved from `env:`). */
  headers?: Record<string, string> | undefined;
  /** May carry a key as a query parameter (Azure's `?api-key=`) or as `user:password@`. */
  baseURL?: string | undefined;
}

/**
 * Every value in a provider's configuration that may be a credential, to scrub from messages,
 * logs and errors: the API key, each configured header's value (`x-api-key`, `api-key`, or any
 * other: a header that is no secret loses nothing by being scrubbed), and the base URL's query
 * parameter values and password. Values too short to be keys are dropped by redactSecrets.
 */
export function providerSecrets(provider: ProviderCredentials): string[] {
  const secrets: string[] = [];
  if (provider.apiKey) secrets.push(provider.apiKey);
  for (const value of Object.values(provider.headers ?? {})) {
    secrets.push(value);
    // `Authorization: Bearer <key>` / `Basic <key>`: the key alone may be echoed too.
    const credential = /^\s*(?:Bearer|Basic|Token)\s+(\S+)\s*$/i.exec(value)?.[1];
    if (credential) secrets.push(credential);
  }
  if (provider.baseURL) {
    try {
      const url = new URL(provider.baseURL);
      for (const value of url.searchParams.values()) secrets.push(value, encodeURIComponent(value));
      if (url.password) secrets.push(url.password, decodeURIComponent(url.password));
    } catch {
      // Not a URL: config validation reports it; nothing to scrub here.
    }
  }
  return [...new Set(secrets.filter((secret) => secret.length > 0))];
}
