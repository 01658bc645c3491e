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
