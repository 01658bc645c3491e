import type { CountryCode } from "libphonenumber-js/max";
import { ModelmuxError } from "../errors.js";
import { runOffThread, runOnIdleThread } from "../workers/offload.js";
import { unpackMap } from "../workers/packed-strings.js";
import { applyVerdict } from "./attacks/apply-verdict.js";
import { loadAttackModel } from "./attacks/attack-model.js";
import { createAttackScorer } from "./attacks/attack-scorer.js";
import { credentialAssignments } from "./attacks/credential-assignments.js";
import { dropRedundantLearned } from "./attacks/drop-redundant-learned.js";
import { createEmbeddedDocumentDetector } from "./attacks/embedded-document.js";
import { createEmbeddedInstructionDetector } from "./attacks/embedded-instructions.js";
import { createLearnedAttackDetector, thresholdFor } from "./attacks/learned-detector.js";
import { type GuardrailsConfigInput, guardrailsConfigSchema } from "./config.js";
import { createDefensiveClauseFinder, createInjectionDetector } from "./injection.js";
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
  GuardrailKind,
  Guardrails,
  GuardrailsCheck,
  GuardrailsCheckInput,
  SourcedText,
} from "./types.js";
import { messageSource } from "./types.js";

/**
 * Builds the guardrails once (regexes compiled, config parsed) for the hot path of every request.
 * Accepts the parsed `guardrails` config section or raw input (parsed again; parsing is idempotent).
 * `check` is synchronous; `checkAsync` runs the same check on the worker thread when the text is
 * long, so screening a megabyte does not hold other requests up.
 */
export function createGuardrails(config: GuardrailsConfigInput = {}): Guardrails {
  const parsed = guardrailsConfigSchema.parse(config);
  const secretDetector = createSecretDetector();
  // The schema checks only the shape; loadConfig checks configured regions against libphonenumber.
  const piiDetector = createPiiDetector({
    phoneRegions: parsed.phoneRegions as CountryCode[],
    privateIpAddresses: parsed.privateIpAddresses,
  });
  const embeddedInstructions = createEmbeddedInstructionDetector();
  const ruleDetectors: Detector[] = [
    secretDetector,
    piiDetector,
    createInjectionDetector(),
    embeddedInstructions,
  ];
  const model = parsed.learnedAttackScorer ? loadAttackModel() : undefined;
  // What the learned scorer reads a report again without: clauses that forbid an attack (a user's
  // text, a system message), and credentials given as a name and value (any text).
  const learned = model
    ? createLearnedAttackDetector(model, createDefensiveClauseFinder(), credentialAssignments)
    : undefined;
  // A document pasted into a user's text is read again as a document, by the detectors that read one
  // differently: the embedded-instruction rules, and the learned scorer at its document threshold.
  const embeddedDocument = createEmbeddedDocumentDetector([embeddedInstructions], learned);
  const learnedDetectors: Detector[] = learned ? [learned, embeddedDocument] : [embeddedDocument];
  // In this order (the order of findings that sort alike), whichever thread reads them.
  const detectors = [...ruleDetectors, ...learnedDetectors];
  // What checkAsync reads on a worker thread while the rest are read here: the secret detector and the
  // learned scorer. Profiled over a 10 KB scan: secrets 29 %, the learned scorer 18 %; PII 19 %,
  // injection rules 23 %, and the pasted-document readings 7 % (the embedded-instruction rules read
  // only inside them: a user's text they skip). The worker's part also waits for the hand-off
  // (posting, waking the thread, the reply): with the pasted-document readings there too, it was the
  // longer part (each part looped alone, 10 KB mixed: 1.77-1.91 ms there, 1.32-1.36 ms here; now
  // 1.39-1.47 and 1.61-1.70).
  const offThreadDetectors = detectors.filter(
    (detector) => detector === secretDetector || detector === learned,
  );
  const requestThreadDetectors = detectors.filter((detector) => !offThreadDetectors.includes(detector));
  const scorer = model ? createAttackScorer(model) : undefined;
  const policy = createPolicy(parsed);
  // What a parallel check posts for the config, made once: the worker thread keys its detectors by it.
  const configJson = JSON.stringify(parsed);
  /** Set once a worker thread has these detectors built: until then checkAsync does not wait on one. */
  let offThreadReady = false;
  const warmUpOffThread = () =>
    runOffThread("warmUp", parsed).then(() => {
      offThreadReady = true;
    });

  /** The detectors of a group that can find these kinds (the secret and PII detectors, or the attack ones). */
  const detectorsFor = (group: readonly Detector[], kinds: readonly GuardrailKind[] | undefined) =>
    kinds === undefined
      ? group
      : group.filter((detector) =>
          detector === secretDetector
            ? kinds.includes("secret")
            : detector === piiDetector
              ? kinds.includes("pii")
              : kinds.includes("prompt_injection") || kinds.includes("jailbreak"),
        );

  /** One group's raw findings on one text, before the findings of all groups are reconciled. */
  function scanWith(group: readonly Detector[], text: string, source: ContentSource): Finding[] {
    // A loop, not flatMap: the generic builtin cost ~3k instructions per text, a tenth of a short
    // prompt's whole scan.
    const findings: Finding[] = [];
    if (text.length === 0) return findings;
    for (const detector of group) {
      for (const finding of detector.scan(text, source)) findings.push(finding);
    }
    return findings;
  }

  function scan(text: string, source: ContentSource = "user", only?: readonly GuardrailKind[]): Finding[] {
    return reconcile(scanWith(detectorsFor(detectors, only), text, source));
  }

  /**
   * The policy's part of a check, shared by check and the parallel checkAsync: `scanned[i]` are the
   * findings of the i-th of checkedTexts(input), reconciled. Judge verdicts, policy, redaction.
   */
  function decide(
    input: GuardrailsCheckInput,
    scanned: readonly Finding[][],
    started: number,
  ): GuardrailsCheck {
    const book = new PlaceholderBook();
    const findings: Finding[] = [];
    const actions: GuardrailAction[] = [];
    // Tool results are untrusted input: their own policy applies over the input one.
    const toolOverrides = { ...parsed.toolResults, ...input.overrides };
    let next = 0;
    const screen = (content: string, source: ContentSource, message?: number, role?: string) => {
      const verdict = input.verdicts?.get(content);
      const found = scanned[next++] ?? [];
      const judged = verdict ? applyVerdict(found, verdict, content, scorer?.score(content, source)) : found;
      const counted = judged.filter((finding) => policy.counts(finding, content));
      const hidden: Finding[] = [];
      const overrides = role === "tool" && input.direction === "input" ? toolOverrides : input.overrides;
      for (const finding of counted) {
        const action = policy.actionFor(finding.kind, input.direction, overrides);
        if (action === "allow") continue;
        actions.push(action);
        // An attack finding says how its text was read: the same words mean more in a document than
        // from a user, and less in the app's own system message.
        const attack = finding.kind === "prompt_injection" || finding.kind === "jailbreak";
        findings.push(
          message === undefined && !attack ? finding : withContext(finding, message, attack && source),
        );
        if (action === "redact" || action === "block") hidden.push(finding);
      }
      return redactText(content, hidden, book);
    };
    const result: GuardrailsCheck = {
      action: "allow",
      findings,
      placeholders: book.placeholders,
      latencyMs: 0,
    };
    if (input.text !== undefined) result.redactedText = screen(input.text, input.source ?? "user");
    if (input.messages !== undefined) {
      const redacted: ChatText[] = [];
      for (const [index, message] of input.messages.entries()) {
        const source = messageSource(message.role, input.source);
        redacted.push({ ...message, content: screen(message.content, source, index, message.role) });
      }
      result.redactedMessages = redacted;
    }
    result.action = strictestAction(actions);
    result.latencyMs = performance.now() - started;
    return result;
  }

  function check(input: GuardrailsCheckInput): GuardrailsCheck {
    const started = performance.now();
    const texts = checkedTexts(input);
    return decide(
      input,
      texts.map(({ text, source }) => scan(text, source, input.only)),
      started,
    );
  }

  /** Each text's raw findings, kept apart by detector of `group`, in the group's order. */
  const scanByDetector = (group: readonly Detector[], texts: readonly SourcedText[]) =>
    texts.map(({ text, source }) =>
      group.map((detector) => (text.length === 0 ? [] : detector.scan(text, source))),
    );

  /** Each text's raw findings by each off-thread detector `only` asks for: the worker thread's part of checkInParallel. */
  const scanOffThreadPart = (texts: readonly SourcedText[], only?: readonly GuardrailKind[]) =>
    scanByDetector(detectorsFor(offThreadDetectors, only), texts);

  /** This thread's detectors while a worker thread runs the others over the same texts. */
  async function checkInParallel(
    input: GuardrailsCheckInput,
    texts: SourcedText[],
    offThread: Promise<Finding[][][]>,
    started: number,
  ): Promise<GuardrailsCheck> {
    const hereFindings = scanByDetector(detectorsFor(requestThreadDetectors, input.only), texts);
    const offThreadFindings = await offThread.catch(() => {
      // A lost or failed worker: read its part here (the result must not change), and build the
      // detectors on the next thread before a check waits on it again.
      offThreadReady = false;
      warmUpOffThread().catch(() => undefined);
      return scanOffThreadPart(texts, input.only);
    });
    // Each text's findings in the detectors' own order, as check lists them.
    const all = detectorsFor(detectors, input.only);
    const merged = texts.map((_, index) => {
      const ours = hereFindings[index] ?? [];
      const theirs = offThreadFindings[index] ?? [];
      let nextHere = 0;
      let nextOffThread = 0;
      const findings: Finding[] = [];
      for (const detector of all) {
        const found = offThreadDetectors.includes(detector) ? theirs[nextOffThread++] : ours[nextHere++];
        for (const finding of found ?? []) findings.push(finding);
      }
      return reconcile(findings);
    });
    return decide(input, merged, started);
  }

  return {
    scan,
    check,
    checkAsync(input) {
      const started = performance.now();
      const chars = checkedChars(input);
      if (chars > INLINE_CHECK_CHARS) {
        return runOffThread("checkGuardrails", { config: parsed, check: input }).then((check) => ({
          ...check,
          placeholders: unpackMap(check.placeholders),
        }));
      }
      // Only onto a thread that has the detectors built and nothing to do: waiting for a busy or a
      // new one would cost more than the learned group takes here.
      const parallel =
        chars >= PARALLEL_CHECK_CHARS &&
        offThreadReady &&
        detectorsFor(offThreadDetectors, input.only).length > 0 &&
        detectorsFor(requestThreadDetectors, input.only).length > 0;
      const texts = parallel ? checkedTexts(input) : [];
      const offThread = parallel
        ? runOnIdleThread("scanOffThreadPart", { config: configJson, texts, only: input.only })
        : undefined;
      return offThread ? checkInParallel(input, texts, offThread, started) : Promise.resolve(check(input));
    },
    scanOffThreadPart,
    warmUpOffThread,
    attackScore(text, source = "user") {
      const scored = scorer?.score(text, source);
      return scored && model && { ...scored, threshold: thresholdFor(model, text, source, scored.kind) };
    },
    actionFor: (kind, direction) => policy.actionFor(kind, direction),
    restore(text, placeholders) {
      return parsed.restorePlaceholders ? restorePlaceholders(text, placeholders) : text;
    },
  };
}

/**
 * Text checked on the request thread; past it the check runs on the worker thread. One detector
 * scans one text in one go, 60-500 ms for 1 MB here, and cannot be cut without changing what it finds.
 */
const INLINE_CHECK_CHARS = 64 * 1024;

/**
 * Text from which checkAsync runs the secret detector and the learned scorer on a worker thread while
 * the other detectors read the text here. Under it, posting the texts and waiting for the reply costs more than it saves.
 */
const PARALLEL_CHECK_CHARS = 4 * 1024;

/** The texts a check reads, in the order it reads them: the text, then each message. */
function checkedTexts(input: GuardrailsCheckInput): SourcedText[] {
  if (input.text === undefined && input.messages === undefined) {
    throw new ModelmuxError("INVALID_INPUT", "guardrails check needs `text` or `messages`");
  }
  const texts: SourcedText[] = [];
  if (input.text !== undefined) texts.push({ text: input.text, source: input.source ?? "user" });
  for (const message of input.messages ?? []) {
    texts.push({ text: message.content, source: messageSource(message.role, input.source) });
  }
  return texts;
}

/** Reconciles the findings of every detector on one text: overlaps dropped, sorted by span. */
function reconcile(findings: Finding[]): Finding[] {
  return dropRedundantLearned(dropPiiInsideSecrets(findings)).sort(
    (left, right) => left.start - right.start || left.end - right.end,
  );
}

function checkedChars(input: GuardrailsCheckInput): number {
  let chars = input.text?.length ?? 0;
  for (const message of input.messages ?? []) chars += message.content.length;
  return chars;
}

/**
 * A copy of the finding with the message it was found in and, for an attack, the source it was read
 * as (the same properties in the same order as before). Set one by one: spreading the conditional
 * parts (`...(attack && { source })`) took 1.3 % of a 10 KB check's profile samples.
 */
function withContext(finding: Finding, message: number | undefined, source: ContentSource | false): Finding {
  const copy: Finding = { ...finding };
  if (message !== undefined) copy.message = message;
  if (source !== false) copy.source = source;
  return copy;
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
