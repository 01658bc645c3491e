import { describe } from "vitest";
import { alnum, fakeChars, hex } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// More token formats read from the vendors' own code (src/guardrails/vendor-code-rules-2.ts). Values
// are drawn at test time (fake-values.ts), never real keys, and checked by ported-rule-cases.ts.
const letters = (length: number, seed: number) =>
  fakeChars(length, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", seed);
const base32 = (length: number, seed: number) => fakeChars(length, "abcdefghijklmnopqrstuvwxyz234567", seed);
const heliconeBody = (seed: number) => [0, 1, 2, 3].map((group) => base32(7, seed + group)).join("-");
// A Matrix access token's localpart: unpadded base64 of "alice".
const alice = Buffer.from("alice").toString("base64").replace(/=+$/, "");

describe("more rules read from vendors' own code", () => {
  const cases: PortedRuleCase[] = [
    [
      "vendor-code.matrix-synapse",
      `syt_${alice}_${letters(20, 1)}_${alnum(6, 2)}`,
      (secret) =>
        `curl -H "Authorization: Bearer ${secret}" https://matrix.example.org/_matrix/client/v3/sync`,
      "syt_<base64 local part>_<random string>_<base62 crc check>",
    ],
    [
      "vendor-code.matrix-synapse",
      `syr_${alice}_${letters(20, 3)}_${alnum(6, 4)}`,
      (secret) => `{"refresh": "${secret}", "expires_in_ms": 300000}`,
      `syr_${alice}_${letters(12, 3)}_${alnum(6, 4)} is cut short`,
    ],
    [
      "vendor-code.woocommerce-secret",
      `cs_${hex(40, 5)}`,
      (secret) => `curl https://shop.example.com/wp-json/wc/v3/orders -u ck_x:${secret}`,
      `cs_${hex(32, 5)} is too short for a consumer secret`,
    ],
    [
      "vendor-code.woocommerce-key",
      `ck_${hex(40, 6)}`,
      (secret) => `curl https://shop.example.com/wp-json/wc/v3/products -u ${secret}:cs_x`,
      "consumerKey: 'ck_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'",
    ],
    [
      "vendor-code.mollie",
      `live_${alnum(30, 7)}`,
      (secret) => `$mollie->setApiKey("${secret}");`,
      "def test_ShouldReturn404WhenTheOrderIsMissing(self):",
    ],
    [
      "vendor-code.mollie",
      `test_${alnum(30, 8)}`,
      (secret) => `mollie_client.set_api_key("${secret}")`,
      "public void test_ParseUtf8HeaderFromRawResponseBody()",
    ],
    [
      "vendor-code.helicone",
      `sk-helicone-${heliconeBody(9)}`,
      (secret) => `HELICONE_API_KEY="${secret}"`,
      'HELICONE_API_KEY="sk-helicone-xxxxxxx-xxxxxxx-xxxxxxx-xxxxxxx"',
    ],
    [
      "vendor-code.helicone",
      `sk-helicone-eu-${heliconeBody(13)}`,
      (secret) => `headers: { "Helicone-Auth": "Bearer ${secret}" }`,
      "Authorization: Bearer sk-helicone-...",
    ],
    [
      "vendor-code.statsig-server-secret",
      `secret-${alnum(43, 17)}`,
      (secret) => `await Statsig.initialize("${secret}", { environment: { tier: "production" } });`,
      "kubectl describe secret-0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d",
    ],
  ];

  checkPortedRules(cases);
});
