import type { CorpusLine } from "./corpus-line.js";
import { loadPiiSecretCorpus } from "./load-pii-secret-corpus.js";

/** A user's message, a document and a tool result in turn: credentials are pasted, read in files and returned by tools. */
const CONTEXTS = [undefined, "document", "tool_result"] as const;

/**
 * The secret lines of the PII/secret corpus's train split (its scanners' rule samples: `password =
 * P@ssw0rd123`, `amqp://user:password@host`, `AWS_ECRPASSWORD: …`), as benign lines for the attack
 * scorer. Without them it had met "password" and "secret" almost only in attacks that ask for one
 * (CyberSecEval's secret keys, system-prompt extraction), and scored a bare credential as an
 * injection: `user=app&password=secret` 0.64 from a user. A credential is the secret detectors'
 * finding, not an order. No language (lang ""): they stay out of the per-language balance, like the
 * training noise. Train only; the corpus's dev and test secrets stay held out. `every`: every n-th
 * line (0: none).
 */
export function secretSampleLines(every = 1): CorpusLine[] {
  const { lines, labelledPresent } = loadPiiSecretCorpus("train");
  if (!labelledPresent || every <= 0) return [];
  return lines
    .filter((line) => line.evaluates === "secret")
    .filter((_, index) => index % every === 0)
    .map((line, index) => {
      const context = CONTEXTS[index % CONTEXTS.length];
      return {
        text: line.text,
        kind: "benign" as const,
        source: "pii-secret-train-samples",
        split: "train",
        lang: "",
        licence: line.licence,
        ...(context !== undefined && { context }),
      };
    });
}
