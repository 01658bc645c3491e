import { describe, expect, it } from "vitest";
import { createSecretDetector } from "../../src/guardrails/secrets.js";
import { alnum, base64, hex } from "./fake-values.js";

// Rules ported by hand from Trivy (src/guardrails/trivy-secret-rules.ts). Values are drawn at test
// time (fake-values.ts); assertions compare spans and ids, so no value is printed on success.
const secrets = createSecretDetector();
const findings = (text: string) => secrets.scan(text).filter((finding) => finding.score >= 0.5);

describe("the rules ported from Trivy", () => {
  const cases: [id: string, secret: string, line: (secret: string) => string, nearMiss: string][] = [
    [
      "trivy.openai-service-api-key",
      `sk-service-${alnum(8, 1)}-${alnum(20, 2)}T3BlbkFJ${alnum(20, 3)}`,
      (secret) => `the batch job runs as ${secret}`,
      `the batch job runs as sk-service-${alnum(8, 1)}-${alnum(20, 2)}T3BlbkFX${alnum(20, 3)}`,
    ],
    [
      "trivy.openai-realtime-client-secret",
      `ek_${hex(32, 4)}`,
      (secret) => `const ephemeral = "${secret}";`,
      `peek_${hex(32, 4)} and ek_${hex(20, 4)}`,
    ],
    [
      "trivy.azure-app-config-connection-string",
      `${base64(43, 5)}=`,
      (secret) =>
        `Endpoint=https://orders-config.azconfig.io;Id=${alnum(4, 6)}-l0-s0:${alnum(20, 7)};Secret=${secret}`,
      `Endpoint=https://orders-config.azconfig.io;Id=${alnum(4, 6)};Secret=${alnum(20, 5)}`,
    ],
  ];

  it.each(cases)("%s finds its token and only it", (id, secret, line) => {
    const text = line(secret);
    const found = findings(text).find((finding) => finding.detector === `secrets/${id}`);
    expect(found && text.slice(found.start, found.end) === secret).toBe(true);
  });

  it.each(cases)("%s leaves its near-miss alone", (id, _secret, _line, nearMiss) => {
    expect(findings(nearMiss).filter((finding) => finding.detector === `secrets/${id}`)).toEqual([]);
  });
});
