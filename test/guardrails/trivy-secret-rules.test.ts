import { describe } from "vitest";
import { alnum, base64, hex } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// Rules ported by hand from Trivy (src/guardrails/trivy-secret-rules.ts). Values are drawn at test
// time (fake-values.ts) and checked by ported-rule-cases.ts.

describe("the rules ported from Trivy", () => {
  const cases: PortedRuleCase[] = [
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
      "trivy.dockerconfig-secret",
      `eyJhdXRocyI6${base64(80, 8)}`,
      (secret) => `type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${secret}\n`,
      `type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${base64(80, 8)}\n`,
    ],
    [
      "trivy.azure-app-config-connection-string",
      `${base64(43, 5)}=`,
      (secret) =>
        `Endpoint=https://orders-config.azconfig.io;Id=${alnum(4, 6)}-l0-s0:${alnum(20, 7)};Secret=${secret}`,
      `Endpoint=https://orders-config.azconfig.io;Id=${alnum(4, 6)};Secret=${alnum(20, 5)}`,
    ],
  ];

  checkPortedRules(cases);
});
