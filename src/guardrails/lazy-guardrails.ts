import type { GuardrailsConfigInput } from "./config.js";
import type { Guardrails } from "./types.js";

/**
 * Guardrails whose detectors (and libphonenumber's metadata) load on first use, not at start-up, and
 * are warmed up then (warm-up.ts).
 */
export interface LazyGuardrails {
  load(): Promise<Guardrails>;
}

export function createLazyGuardrails(config: GuardrailsConfigInput): LazyGuardrails {
  let loading: Promise<Guardrails> | undefined;
  return {
    load() {
      loading ??= Promise.all([import("./create-guardrails.js"), import("./warm-up.js")]).then(
        async ([{ createGuardrails }, { warmUpDetectorsBetweenTasks }]) => {
          const guardrails = createGuardrails(config);
          await warmUpDetectorsBetweenTasks(guardrails);
          return guardrails;
        },
      );
      return loading;
    },
  };
}

/**
 * The detectors, and how long this call waited for them. The first request of a process waits for
 * their one-time load (imports, compiling, warm-up: seconds on a loaded machine); that wait is not
 * the request's own work, so the pipelines start the routing deadline after it.
 */
export async function loadDetectors(
  guardrails: LazyGuardrails | undefined,
  now: () => number,
): Promise<{ detectors: Guardrails | undefined; waitedMs: number }> {
  if (!guardrails) return { detectors: undefined, waitedMs: 0 };
  const asked = now();
  const detectors = await guardrails.load();
  return { detectors, waitedMs: now() - asked };
}
