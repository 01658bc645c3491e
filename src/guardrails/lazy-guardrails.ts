import type { GuardrailsConfigInput } from "./config.js";
import type { Guardrails } from "./types.js";

/** Guardrails whose detectors (and libphonenumber's metadata) load on first use, not at start-up. */
export interface LazyGuardrails {
  load(): Promise<Guardrails>;
}

export function createLazyGuardrails(config: GuardrailsConfigInput): LazyGuardrails {
  let loading: Promise<Guardrails> | undefined;
  return {
    load() {
      loading ??= import("./create-guardrails.js").then((module) => module.createGuardrails(config));
      return loading;
    },
  };
}
