import { describe } from "vitest";
import { alnum, base64, fakeChars, hex, urlSafe } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// Rules ported by hand from Veles, OSV-SCALIBR's secret detectors (src/guardrails/veles-secret-rules.ts).
// Values are drawn at test time (fake-values.ts) and checked by ported-rule-cases.ts.
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const lowerAlnum = (length: number, seed: number) =>
  fakeChars(length, "abcdefghijklmnopqrstuvwxyz0123456789", seed);

describe("the rules ported from Veles (OSV-SCALIBR)", () => {
  const cases: PortedRuleCase[] = [
    [
      "veles.circleci",
      `CCIPAT_${alnum(22, 1)}_${hex(40, 2)}`,
      (s) => `circleci token ${s}`,
      `CCIPAT_${alnum(22, 1)}`,
    ],
    ["veles.cratesio", `cio${alnum(32, 3)}`, (s) => `cargo login ${s}`, `the cio${"a".repeat(32)} filler`],
    [
      "veles.cursor",
      `key_${lowerAlnum(64, 4)}`,
      (s) => `cursor agent --api ${s}`,
      `key_${lowerAlnum(20, 4)}`,
    ],
    ["veles.deno", `ddp_${alnum(36, 5)}`, (s) => `deployctl deploy --token=${s}`, `ddp_${alnum(12, 5)}`],
    [
      "veles.discord-bot",
      `MT${alnum(22, 6)}.${urlSafe(6, 7)}.${urlSafe(27, 8)}`,
      (s) => `discord client.run("${s}")`,
      `client.run("MT${alnum(22, 6)}.${urlSafe(6, 7)}.${urlSafe(27, 8)}")`,
    ],
    [
      "veles.elastic-cloud",
      `essu_${base64(92, 9)}`,
      (s) => `Authorization: ApiKey ${s}`,
      `essu_${base64(40, 9)}`,
    ],
    [
      "veles.gcp-express-mode",
      `AQ.Ab8R${urlSafe(46, 10)}`,
      (s) => `vertex key ${s} here`,
      `AQ.Ab8R${urlSafe(20, 10)}`,
    ],
    [
      "veles.gcp-service-account-base64",
      `ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs${base64(200, 11)}`,
      (s) => `  key.json: ${s}`,
      "ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs",
    ],
    [
      "veles.gcs-hmac",
      `GOOG1E${fakeChars(55, UPPER, 12)}`,
      (s) => `hmac id ${s}`,
      `GOOG1E${fakeChars(20, UPPER, 12)}`,
    ],
    ["veles.github-base64", `Z2hzX${base64(51, 13)}`, (s) => `  token: ${s}`, `Z2hzX${base64(20, 13)}`],
    ["veles.xai-management", `xai-token-${alnum(80, 14)}`, (s) => `mgmt ${s}`, `xai-token-${alnum(20, 14)}`],
    ["veles.vault-batch", `hvb.${urlSafe(120, 15)}`, (s) => `vault read with ${s}`, "hvb.short"],
    [
      "veles.heroku-platform",
      `HRKU-${urlSafe(60, 16)}`,
      (s) => `heroku auth ${s}`,
      `HRKU-${urlSafe(30, 16)}`,
    ],
    [
      "veles.mistral",
      alnum(32, 17),
      (s) => `client = Mistral(api_key_from("${s}"))`,
      `mistral-large-latest ${"a".repeat(32)}`,
    ],
    [
      "veles.1password-recovery",
      `1PRK${Array.from({ length: 13 }, (_, i) => `-${fakeChars(4, UPPER, 18 + i)}`).join("")}`,
      (s) => `recovery: ${s}`,
      `1PRK-${fakeChars(4, UPPER, 18)}`,
    ],
    ["veles.openrouter", `sk-or-v1-${hex(64, 19)}`, (s) => `OpenRouter(${s})`, "sk-or-v1-short"],
    [
      "veles.packagist",
      `packagist_out_${hex(68, 20)}`,
      (s) => `composer config ${s}`,
      `packagist_out_${hex(20, 20)}`,
    ],
    ["veles.postman-pmat", `PMAT-${alnum(26, 21)}`, (s) => `collection ${s}`, `PMAT-${alnum(10, 21)}`],
    ["veles.pyx", `sk-pyx-${alnum(64, 22)}`, (s) => `uv publish ${s}`, `sk-pyx-${alnum(10, 22)}`],
    [
      "veles.salesforce-access",
      `00D${alnum(15, 23)}!${alnum(90, 24)}`,
      (s) => `sf org login access-token ${s}`,
      `00D${alnum(15, 23)}! is an org id`,
    ],
    ["veles.slack-app", `xoxe-1-${alnum(147, 25)}`, (s) => `refresh with ${s}`, `xoxe-1-${alnum(40, 25)}`],
    ["veles.supabase", `sbp_${hex(40, 29)}`, (s) => `supabase login --token ${s}`, `sbp_${hex(20, 29)}`],
  ];

  checkPortedRules(cases);
});
