import { DEFAULT_THRESHOLDS } from "../../src/guardrails/config.js";
import { createSecretDetector } from "../../src/guardrails/secrets.js";

// What the secret detector reports under the default policy: findings at or over the secret
// threshold (the config's default, so the tests follow it). One detector for all tests.
const secrets = createSecretDetector();

export const reportedSecrets = (text: string) =>
  secrets.scan(text).filter((finding) => finding.score >= DEFAULT_THRESHOLDS.secret);

/** The reported secrets' values, as written in `text`. */
export const reportedSecretValues = (text: string) =>
  reportedSecrets(text).map((finding) => text.slice(finding.start, finding.end));

/** The reported secrets' spans in `text`. */
export const reportedSecretSpans = (text: string) =>
  reportedSecrets(text).map((finding) => [finding.start, finding.end]);
