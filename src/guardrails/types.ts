export type GuardrailKind = "secret" | "pii" | "prompt_injection" | "jailbreak";
export type GuardrailAction = "block" | "redact" | "warn" | "allow";
export type Direction = "input" | "output";
/**
 * Where a text comes from. `document` (a retrieved page, a file, an email) and `tool_result` (what a
 * tool returned to an agent) are data the model reads, not requests: an instruction addressed to an
 * AI inside them is an injection, even where the same words from the user are fine. `system` is an
 * app's or agent's own system or developer message: orders to the model are what it is made of ("You
 * are …", "never reveal …"), so it is held to more certainty than a user's text; a persona jailbreak or
 * an override put there by a key holder is still reported.
 */
export const CONTENT_SOURCES = ["user", "document", "tool_result", "system"] as const;
export type ContentSource = (typeof CONTENT_SOURCES)[number];

/**
 * Where a message's text comes from: as given, else a `tool` message is a tool's output and a `system`
 * or `developer` message the app's own instructions. Every other role (`user`, and `assistant`, whose
 * earlier turns a client writes as freely as a user's: "Sure, I am DAN now" is a many-shot jailbreak)
 * is read as a user's text.
 */
export function messageSource(role: string, given?: ContentSource): ContentSource {
  if (given !== undefined) return given;
  if (role === "tool") return "tool_result";
  return role === "system" || role === "developer" ? "system" : "user";
}

export const GUARDRAIL_KINDS: readonly GuardrailKind[] = ["secret", "pii", "prompt_injection", "jailbreak"];
export const GUARDRAIL_ACTIONS: readonly GuardrailAction[] = ["block", "redact", "warn", "allow"];

/** One detected span. Offsets are UTF-16 indices into the original text (or message content). */
export interface Finding {
  kind: GuardrailKind;
  /** snake_case subtype, e.g. `aws_access_key`, `email`, `instruction_override`; placeholders use it upper-cased. */
  type: string;
  start: number;
  end: number;
  /** Confidence in [0, 1]; compared with the policy threshold of the kind. */
  score: number;
  /** Which detector (and rule) produced it, e.g. `secrets/github`. */
  detector: string;
  /** Masked sample, never the whole secret or personal value. */
  preview: string;
  /** Index into `messages` when the check was given messages. */
  message?: number;
  /** For prompt_injection and jailbreak findings of a check: the source the text was read as. */
  source?: ContentSource;
}

/** A judge model's opinion of one text (see `guardrails.judge`). */
export interface JudgeVerdict {
  attack: boolean;
  kind?: "prompt_injection" | "jailbreak";
  /** The model that judged, as configured. */
  judge: string;
}

/** The learned scorer's opinion of a text: attack probability and the span it scored highest. */
export interface AttackOpinion {
  attack: number;
  kind: "prompt_injection" | "jailbreak";
  start: number;
  end: number;
  /** The probability at or above which the scorer reports this text from its source (and at its length). */
  threshold: number;
}

/** A text and where it comes from, as screened. */
export interface SourcedText {
  text: string;
  source: ContentSource;
}

export interface ChatText {
  role: string;
  content: string;
}

export interface GuardrailsCheckInput {
  text?: string;
  messages?: ChatText[];
  direction: Direction;
  /**
   * Where the text comes from; default `user`. With `messages`, a message of role `tool` is read as
   * `tool_result` and one of role `system` or `developer` as `system`, unless this is given.
   */
  source?: ContentSource;
  /** A judge model's verdicts, keyed by the exact text (or message content) judged. */
  verdicts?: ReadonlyMap<string, JudgeVerdict>;
  /** Run only the detectors of these kinds (a streamed piece needs only what the policy changes). */
  only?: readonly GuardrailKind[];
  /** Replace the configured action of a kind for this one check. */
  overrides?: Partial<Record<GuardrailKind, GuardrailAction>>;
}

/**
 * Findings an answer lists; the rest are counted. A megabyte of e-mail addresses has 40,000:
 * listing them all (or sending them back from the worker thread) held the server up for a second.
 */
export const MAX_LISTED_FINDINGS = 1000;

export interface GuardrailsCheck {
  /** Strictest action among findings: block > redact > warn > allow. */
  action: GuardrailAction;
  findings: Finding[];
  /** The text with every finding whose action is `redact` or `block` replaced by a placeholder. */
  redactedText?: string;
  /** Same, per message, when the check was given messages. */
  redactedMessages?: ChatText[];
  /** Placeholder (`[EMAIL_1]`) → original value; stays in memory, never sent to a provider. */
  placeholders: Map<string, string>;
  latencyMs: number;
  /** Findings past the first MAX_LISTED_FINDINGS that a worker-thread check counted but did not send back. */
  findingsOmitted?: number;
}

export interface Guardrails {
  /** Every detector (or those of the `only` kinds), no policy: raw findings above no threshold. */
  scan(text: string, source?: ContentSource, only?: readonly GuardrailKind[]): Finding[];
  check(input: GuardrailsCheckInput): GuardrailsCheck;
  /**
   * The same check, same result; over 64 KB of text it runs on the worker thread, so the event loop
   * stays free, and from 4 KB (once warmUpOffThread is done) the learned scorer's and the secret
   * detector's part runs there while the other detectors run here.
   */
  checkAsync(input: GuardrailsCheckInput): Promise<GuardrailsCheck>;
  /**
   * The part of checkAsync a worker thread runs while the request thread reads the same texts: the
   * raw findings, per text, of each of its detectors (the secret detector and the learned scorer)
   * that `only` asks for, in their order.
   */
  scanOffThreadPart(texts: readonly SourcedText[], only?: readonly GuardrailKind[]): Finding[][][];
  /** Starts a worker thread and builds the detectors there, so the first long check pays neither. */
  warmUpOffThread(): Promise<void>;
  /** The learned attack scorer's opinion of a text from `source` (default user); undefined when the scorer is off. */
  attackScore(text: string, source?: ContentSource): AttackOpinion | undefined;
  /** The configured action for a kind of finding in one direction. */
  actionFor(kind: GuardrailKind, direction: Direction): GuardrailAction;
  /** Puts the user's own values back into a model answer (no-op when `restorePlaceholders` is off). */
  restore(text: string, placeholders: Map<string, string>): string;
}

/** A detector scans one text synchronously; set up once, called on every request. */
export interface Detector {
  readonly name: string;
  scan(text: string, source?: ContentSource): Finding[];
}
