import { checkAgainstSchema, compiledSchema } from "../core/schema-validation.js";
import type { GuardrailsConfigInput } from "../guardrails/config.js";
import { createGuardrails } from "../guardrails/create-guardrails.js";
import {
  type GuardrailKind,
  type Guardrails,
  type GuardrailsCheckInput,
  MAX_LISTED_FINDINGS,
  type SourcedText,
} from "../guardrails/types.js";
import { warmUpDetectors } from "../guardrails/warm-up.js";
import { countFamilyChat, countFamilyText, loadFamilyTokenizer } from "../tokens/family-tokenizer.js";
import { packMap } from "./packed-strings.js";

/** The detectors of each guardrails config seen (by its JSON), built and warmed up once per thread (a process has one or two). */
const guardrailsByConfig = new Map<string, Guardrails>();

/** A config, or its JSON as a parallel check posts it (one string to copy, and the key as it is). */
function guardrailsFor(config: GuardrailsConfigInput | string): Guardrails {
  const key = typeof config === "string" ? config : JSON.stringify(config);
  let guardrails = guardrailsByConfig.get(key);
  if (!guardrails) {
    guardrails = createGuardrails(
      typeof config === "string" ? (JSON.parse(config) as GuardrailsConfigInput) : config,
    );
    warmUpDetectors(guardrails);
    guardrailsByConfig.set(key, guardrails);
  }
  return guardrails;
}

/** What the worker thread runs: the same functions the request thread runs for small inputs. */
export const OFF_THREAD_JOBS = {
  /** Builds a config's detectors ahead of the first long check (at the server's warm-up). */
  warmUp(config: GuardrailsConfigInput) {
    guardrailsFor(config);
    return true;
  },
  checkGuardrails(input: { config: GuardrailsConfigInput; check: GuardrailsCheckInput }) {
    const { placeholders, ...check } = guardrailsFor(input.config).check(input.check);
    const omitted = check.findings.length - MAX_LISTED_FINDINGS;
    return {
      ...check,
      placeholders: packMap(placeholders),
      // Reading 40,000 findings back costs the request thread what listing them did: send the first.
      ...(omitted > 0 && {
        findings: check.findings.slice(0, MAX_LISTED_FINDINGS),
        findingsOmitted: omitted,
      }),
    };
  },
  /** checkAsync's worker-thread part of a mid-size check (create-guardrails.ts), beside the request thread's. */
  scanOffThreadPart(input: {
    /** The parsed config's JSON: posted with every check, a string is copied in one go, an object key by key. */
    config: string;
    texts: SourcedText[];
    only?: readonly GuardrailKind[];
  }) {
    return guardrailsFor(input.config).scanOffThreadPart(input.texts, input.only);
  },
  compileSchema: async (schemaJson: string) => {
    await compiledSchema(schemaJson);
    return true;
  },
  checkJson: (input: { schemaJson: string; text: string }) =>
    checkAgainstSchema(input.schemaJson, input.text),
  /** Open model families' own tokenizers: loading one takes about a second (family-tokenizer.ts). */
  loadFamilyTokenizer,
  countFamilyText,
  countFamilyChat,
};

export type OffThreadJobs = typeof OFF_THREAD_JOBS;
