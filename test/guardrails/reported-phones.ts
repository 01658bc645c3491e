import { DEFAULT_PHONE_REGIONS, DEFAULT_THRESHOLDS } from "../../src/guardrails/config.js";
import { createPiiDetector } from "../../src/guardrails/pii.js";

// The phone numbers the PII detector reports under the default config (its phone regions and the pii
// threshold), as written in the text. One detector for all tests.
const detector = createPiiDetector({ phoneRegions: DEFAULT_PHONE_REGIONS });

export const reportedPhones = (text: string) =>
  detector
    .scan(text)
    .filter((finding) => finding.type === "phone" && finding.score >= DEFAULT_THRESHOLDS.pii)
    .map((finding) => text.slice(finding.start, finding.end));
