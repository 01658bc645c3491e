import { describe } from "vitest";
import { alnum, fakeChars, hex, urlSafe } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// Token formats written from the vendors' own documentation (src/guardrails/vendor-doc-rules.ts).
// Values are drawn at test time (fake-values.ts) and checked by ported-rule-cases.ts.
const upper = (length: number, seed: number) =>
  fakeChars(length, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", seed);

describe("the rules written from vendors' documentation", () => {
  const cases: PortedRuleCase[] = [
    [
      "vendor-doc.doppler",
      `dp.st.prd.${alnum(44, 1)}`,
      (secret) => `DOPPLER_TOKEN="${secret}" doppler run -- npm start`,
      "dp.st. tokens are Doppler service tokens",
    ],
    [
      "vendor-doc.doppler",
      `dp.sa.${alnum(43, 2)}`,
      (secret) => `doppler configure set token ${secret}`,
      `dp.sa.${alnum(30, 2)} is too short`,
    ],
    [
      "vendor-doc.buildkite-api",
      `bkua_MTA.${hex(40, 3)}`,
      (secret) => `curl -H "Authorization: Bearer ${secret}" https://api.buildkite.com/v2/user`,
      "bkua_ marks a Buildkite API access token",
    ],
    [
      "vendor-doc.buildkite-agent",
      `bkaa_MTA.${alnum(77, 4)}`,
      (secret) => `BUILDKITE_AGENT_ACCESS_TOKEN=${secret}`,
      `bkaa_${alnum(20, 4)}`,
    ],
    [
      "vendor-doc.buildkite-job",
      `bkaj_eyJhbGciOiJIUzUxMiJ9.eyJ${urlSafe(200, 5)}.${urlSafe(86, 6)}`,
      (secret) => `job token: ${secret}`,
      "bkaj_eyJhbGciOiJIUzUxMiJ9 alone is a header",
    ],
    [
      "vendor-doc.sonarqube",
      `sqp_${hex(40, 7)}`,
      (secret) => `curl -u ${secret}: https://sq.example.com/api/projects/search`,
      `sqp_${hex(20, 7)} is cut short`,
    ],
    [
      "vendor-doc.mapbox-secret",
      `sk.eyJ1IjoiZXhhbXBsZSIsImEiOiJj${urlSafe(24, 8)}.${urlSafe(22, 9)}`,
      (secret) => `MAPBOX_DOWNLOADS_TOKEN=${secret}`,
      "sk.eyJ1Ijoi is how a secret Mapbox token starts",
    ],
    [
      "vendor-doc.mapbox-public",
      `pk.eyJ1IjoiZXhhbXBsZSIsImEiOiJj${urlSafe(24, 10)}.${urlSafe(22, 11)}`,
      (secret) => `mapboxgl.accessToken = '${secret}';`,
      "mapboxgl.accessToken = 'pk.YOUR_TOKEN';",
    ],
    [
      "vendor-doc.discord-webhook",
      `discord.com/api/webhooks/1234567890123456789/${urlSafe(68, 12)}`,
      (secret) => `curl -X POST https://${secret} -d '{"content":"deployed"}'`,
      "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}",
    ],
    [
      "vendor-doc.langsmith",
      `lsv2_pt_${hex(32, 13)}_${hex(10, 14)}`,
      (secret) => `export LANGSMITH_API_KEY=${secret}`,
      "keys start with lsv2_pt_ or lsv2_sk_",
    ],
    [
      "vendor-doc.newrelic-user",
      `NRAK-${upper(27, 15)}`,
      (secret) => `-H 'API-Key: ${secret}'`,
      "-H 'API-Key: NRAK-YOUR-USER-KEY'",
    ],
  ];

  checkPortedRules(cases);
});
