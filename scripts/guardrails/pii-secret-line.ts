/** Train and dev lines may be tuned on (train: rules were written from them); test lines are only measured. */
export type PiiSecretSplit = "train" | "dev" | "test";

/** One labelled text of the held-out PII/secret corpus (.attack-corpus/pii-secrets.jsonl). */
export interface PiiSecretLine {
  text: string;
  /** The kind this line is evaluated for: a PII source's lines say nothing about secrets, and the reverse. */
  evaluates: "pii" | "secret";
  /** Whether the line holds a `pii` (or `secret`) the source labels, of a type modelmux claims to detect. */
  positive: boolean;
  /** The source's names for what the line holds and modelmux claims (EMAIL_ADDRESS, github-pat, aws_key…). */
  types: string[];
  /** Entity types in the line modelmux does not claim to detect (PERSON, LOCATION…): reported, never scored. */
  unclaimed: string[];
  /**
   * The modelmux types (`phone`, `ipv4`…) whose findings count for this line, when the source labels
   * only those: a phone-number spec's case without a result says there is no phone number, not that
   * there is no IP address. Absent: every finding of the line's kind counts.
   */
  scoredTypes?: string[];
  /** The language of the line, where the source names it (English, Chinese…). */
  language?: string;
  /** Labelled spans of claimed types, where the source gives them: [type, start, end]. */
  spans?: [string, number, number][];
  /**
   * Left out of the figures, and why: `weak` (the source expects only a match it scores under 0.5,
   * or, libphonenumber's matcher tests, one found only at a leniency looser than its default),
   * `conflict` (the source labels the same text both ways, e.g. by file type or setting),
   * `unsupported` (the source marks every implementation it tests as not supporting the case, so no
   * implementation is held to the expected result; or, libphonenumber's matcher tests, the number
   * exists only in the test metadata the source runs against, not in any real numbering plan).
   */
  excluded?: "weak" | "conflict" | "unsupported";
  source: string;
  split: PiiSecretSplit;
  licence: string;
  /** Where in the source: rule function, test file or record index. */
  origin: string;
}
