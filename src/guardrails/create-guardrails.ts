import type { CountryCode } from "libphonenumber-js/max";
import { ModelmuxError } from "../errors.js";
import { applyVerdict } from "./attacks/apply-verdict.js";
import { loadAttackModel } from "./attacks/attack-model.js";
import { createAttackScorer } from "./attacks/attack-scorer.js";
import { dropRedundantLearned } from "./attacks/drop-redundant-learned.js";
import { createEmbeddedInstructionDetector } from "./attacks/embedded-instructions.js";
import { createLearnedAttackDetector } from "./attacks/learned-detector.js";
import { type GuardrailsConfigInput, guardrailsConfigSchema } from "./config.js";
import { createInjectionDetector } from "./injection.js";
import { createPiiDetector } from "./pii.js";
import { createPolicy, strictestAction } from "./policy.js";
import { PlaceholderBook, redactText, restorePlaceholders } from "./redact.js";
import { createSecretDetector } from "./secrets.js";
import type {
  ChatText,
  ContentSource,
  Detector,
  Finding,
  GuardrailAction,
  Guardrails,
  GuardrailsCheck,
  GuardrailsCheckInput,
} from "./types.js";

/**
 * Builds the guardrails once (regexes compiled, config parsed) for the hot path of every request.
 * Accepts the parsed `guardrails` config section or raw input (parsed again; parsing is idempotent).
 * `check` is synchronous; `checkAsync` lets the event loop run between detectors and messages,
 * so screening a megabyte does not hold other requests up.
 */
export function createGuardrails(config: GuardrailsConfigInput = {}): Guardrails {
  const parsed = guardrailsConfigSchema.parse(config);
  const detectors: Detector[] = [
    createSecretDetector(),
    // The schema checks only the shape; loadConfig checks configured regions against libphonenumber.
    createPiiDetector({ phoneRegions: parsed.phoneRegions as CountryCode[] }),
    createInjectionDetector(),
    createEmbeddedInstructionDetector(),
  ];
  const model = parsed.learnedAttackScorer ? loadAttackModel() : undefined;
  if (model) detectors.push(createLearnedAttackDetector(model));
  const scorer = model ? createAttackScorer(model) : undefined;
  const policy = createPolicy(parsed);

  function ordered(findings: Finding[]): Finding[] {
    return dropRedundantLearned(dropPiiInsideSecrets(findings)).sort(
      (left, right) => left.start - right.start || left.end - right.end,
    );
  }

  /** The plain scan: the hot path of every short request, kept free of the steps' machinery. */
  function scan(text: string, source: ContentSource = "user"): Finding[] {
    if (text.length === 0) return [];
    return ordered(detectors.flatMap((detector) => detector.scan(text, source)));
  }

  /** The scan, one detector per step: a caller may yield to the event loop between steps. */
  function* scanSteps(text: string, source: ContentSource = "user"): Generator<void, Finding[]> {
    if (text.length === 0) return [];
    const findings: Finding[] = [];
    for (const detector of detectors) {
      findings.push(...detector.scan(text, source));
      yield;
    }
    return ordered(findings);
  }

  function* checkSteps(input: GuardrailsCheckInput): Generator<void, GuardrailsCheck> {
    const started = performance.now();
    if (input.text === undefined && input.messages === undefined) {
      throw new ModelmuxError("INVALID_INPUT", "guardrails check needs `text` or `messages`");
    }
    const book = new PlaceholderBook();
    const findings: Finding[] = [];
    const actions: GuardrailAction[] = [];
    // Tool results are untrusted input: their own policy applies over the input one.
    const toolOverrides = { ...parsed.toolResults, ...input.overrides };
    function* screen(
      content: string,
      source: ContentSource,
      message?: number,
      role?: string,
    ): Generator<void, string> {
      const verdict = input.verdicts?.get(content);
      const scanned = yield* scanSteps(content, source);
      const judged = verdict ? applyVerdict(scanned, verdict, content, scorer?.score(content)) : scanned;
      const counted = judged.filter((finding) => policy.counts(finding, content));
      const hidden: Finding[] = [];
      const overrides = role === "tool" && input.direction === "input" ? toolOverrides : input.overrides;
      for (const finding of counted) {
        const action = policy.actionFor(finding.kind, input.direction, overrides);
        if (action === "allow") continue;
        actions.push(action);
        findings.push(message === undefined ? finding : { ...finding, message });
        if (action === "redact" || action === "block") hidden.push(finding);
      }
      return redactText(content, hidden, book);
    }
    const result: GuardrailsCheck = {
      action: "allow",
      findings,
      placeholders: book.placeholders,
      latencyMs: 0,
    };
    if (input.text !== undefined) result.redactedText = yield* screen(input.text, input.source ?? "user");
    if (input.messages !== undefined) {
      const redacted: ChatText[] = [];
      for (const [index, message] of input.messages.entries()) {
        const source = input.source ?? (message.role === "tool" ? "tool_result" : "user");
        redacted.push({ ...message, content: yield* screen(message.content, source, index, message.role) });
      }
      result.redactedMessages = redacted;
    }
    result.action = strictestAction(actions);
    result.latencyMs = performance.now() - started;
    return result;
  }

  /** Runs the steps to the end at once. */
  function run<T>(steps: Generator<void, T>): T {
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  async function runPausing<T>(steps: Generator<void, T>, pause: () => Promise<void>): Promise<T> {
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await pause();
    }
  }

  return {
    scan,
    check: (input) => run(checkSteps(input)),
    checkAsync: (input, pause) => runPausing(checkSteps(input), pause),
    attackScore: (text) => scorer?.score(text),
    attackThreshold: model?.threshold,
    actionFor: (kind, direction) => policy.actionFor(kind, direction),
    restore(text, placeholders) {
      return parsed.restorePlaceholders ? restorePlaceholders(text, placeholders) : text;
    },
  };
}

/** A password inside a database URL can look like an email or a phone number: the secret wins. */
function dropPiiInsideSecrets(findings: Finding[]): Finding[] {
  const secrets = findings
    .filter((finding) => finding.kind === "secret")
    .sort((left, right) => left.start - right.start);
  if (secrets.length === 0) return findings;
  return findings.filter((finding) => finding.kind !== "pii" || !overlapsAny(finding, secrets));
}

/** `sortedSpans` are disjoint (the secret detector keeps the strongest of overlapping ones), sorted by start. */
function overlapsAny(finding: Finding, sortedSpans: Finding[]): boolean {
  let low = 0;
  let high = sortedSpans.length;
  // First span starting at or after the finding's end; only the span before it can overlap.
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sortedSpans[middle]?.start ?? 0) < finding.end) low = middle + 1;
    else high = middle;
  }
  return low > 0 && (sortedSpans[low - 1]?.end ?? 0) > finding.start;
}
