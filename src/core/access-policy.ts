import { ModelmuxError } from "../errors.js";

/**
 * Who may see and use what, decided here and nowhere else. Every front door (MCP tools and
 * resources, /v1, /api/dashboard, /metrics) and the orchestrator (fresh calls and cache hits)
 * asks these functions.
 *
 * - A virtual key uses only its allowed models and sees only its own usage and budgets.
 * - The operator sees every tenant: the local caller (stdio, or HTTP without keys) and keys
 *   configured with `admin: true`.
 */
export interface Principal {
  /** The virtual key's name, or `local`. */
  key: string;
  /** True for the operator (see above); absent or false for a tenant's key. */
  admin?: boolean;
  /** Models the key may use (`*`, `provider/*`, `provider/model`, bare ids); absent means all. */
  allowedModels?: readonly string[];
}

/** The key name of the local operator (stdio, or HTTP without virtual keys); config may not use it. */
export const LOCAL_KEY = "local";

/** True when `model` (a catalog id or `provider/model`) matches an allowed pattern (`*`, `groq/*`, `gpt-4o`). */
export function isModelAllowed(allowedModels: readonly string[], model: string): boolean {
  return allowedModels.some((pattern) => {
    if (pattern === "*" || pattern === model) return true;
    if (pattern.endsWith("*")) return model.startsWith(pattern.slice(0, -1));
    // A bare model id allows it on every provider (`gpt-4o` allows `openai/gpt-4o`).
    return !pattern.includes("/") && model.endsWith(`/${pattern}`);
  });
}

/** True when the principal may use this deployment (`provider/model`) or model id. */
export function mayUseModel(principal: Pick<Principal, "allowedModels">, model: string): boolean {
  return principal.allowedModels === undefined || isModelAllowed(principal.allowedModels, model);
}

/** Throws UNAUTHORIZED naming the model when the caller's key may not use it. */
export function assertModelAllowed(caller: Pick<Principal, "key" | "allowedModels">, model: string): void {
  if (mayUseModel(caller, model)) return;
  const allowed = caller.allowedModels ?? [];
  throw new ModelmuxError(
    "UNAUTHORIZED",
    `model "${model}" is not allowed for key "${caller.key}"; allowed: ${allowed.join(", ")}`,
    { key: caller.key, model, allowed_models: allowed },
  );
}

/** True for the operator, who sees every tenant's usage, budgets and metrics. */
export function seesAllTenants(principal: Pick<Principal, "admin">): boolean {
  return principal.admin === true;
}

/** True when the principal may see a deployment's health: the operator all, a key those it may use. */
export function seesDeployment(
  principal: Pick<Principal, "admin" | "allowedModels">,
  deployment: string,
): boolean {
  return seesAllTenants(principal) || mayUseModel(principal, deployment);
}

/**
 * True when the principal may learn that a request of `key` just finished (a resource-updated
 * notification says as much): its own requests, or anyone's for the operator. A change of no
 * particular key (undefined) is the operator's to see.
 */
export function seesActivityOf(
  principal: Pick<Principal, "key" | "admin">,
  key: string | undefined,
): boolean {
  return seesAllTenants(principal) || (key !== undefined && key === principal.key);
}

/**
 * The key whose usage the principal reads: a tenant reads only its own (asking for another key
 * is UNAUTHORIZED); the operator reads `requested`, or every key when it names none (undefined).
 */
export function usageKeyFor(
  principal: Pick<Principal, "key" | "admin">,
  requested?: string,
): string | undefined {
  if (seesAllTenants(principal)) return requested;
  if (requested !== undefined && requested !== principal.key) {
    throw new ModelmuxError(
      "UNAUTHORIZED",
      `key: a virtual key can read only its own usage ("${principal.key}")`,
    );
  }
  return principal.key;
}

/** Throws UNAUTHORIZED unless the principal is the operator: for views of every tenant at once. */
export function assertSeesAllTenants(principal: Pick<Principal, "key" | "admin">, what: string): void {
  if (seesAllTenants(principal)) return;
  throw new ModelmuxError(
    "UNAUTHORIZED",
    `${what} shows every tenant's traffic: key "${principal.key}" may not read it (it needs "admin": true in config)`,
    { key: principal.key },
  );
}
