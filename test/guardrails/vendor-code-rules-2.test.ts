import { describe } from "vitest";
import { alnum, fakeChars, hex, urlSafe } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// More token formats read from the vendors' own code (src/guardrails/vendor-code-rules-2.ts). Values
// are drawn at test time (fake-values.ts), never real keys, and checked by ported-rule-cases.ts.
const letters = (length: number, seed: number) =>
  fakeChars(length, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", seed);
const base32 = (length: number, seed: number) => fakeChars(length, "abcdefghijklmnopqrstuvwxyz234567", seed);
const heliconeBody = (seed: number) => [0, 1, 2, 3].map((group) => base32(7, seed + group)).join("-");
const uuid = (seed: number) =>
  `${hex(8, seed)}-${hex(4, seed + 1)}-4${hex(3, seed + 2)}-a${hex(3, seed + 3)}-${hex(12, seed + 4)}`;
// A Snyk token's claims: base64 of {"h": host} without padding.
const snykClaims = Buffer.from('{"h":"api.snyk.io"}').toString("base64").replace(/=+$/, "");
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
    [
      "vendor-code.configcat-sdk-key",
      `configcat-sdk-1/${urlSafe(22, 19)}/${urlSafe(22, 20)}`,
      (secret) => `const client = configcat.getClient("${secret}");`,
      "const localSdkKey = 'configcat-sdk-1/0000000000000000000000/0000000000000000000000';",
    ],
    [
      "vendor-code.infisical-service-token",
      `st.${uuid(21)}.${hex(32, 22)}.${hex(32, 23)}`,
      (secret) => `infisical export --env=prod --token=${secret}`,
      "the first.second.third parts, as in st.abc.def.ghi",
    ],
    [
      "vendor-code.infisical-service-token",
      `st.${hex(24, 24)}.${hex(32, 25)}`,
      (secret) => `curl -H "Authorization: Bearer ${secret}" https://app.infisical.com/api/v2/service-token`,
      `st.${hex(24, 24)}.${hex(20, 25)} is cut short`,
    ],
    [
      "vendor-code.snyk-pat",
      `snyk_uat.${hex(8, 26)}.${snykClaims}.${urlSafe(43, 27)}`,
      (secret) => `SNYK_TOKEN=${secret} snyk test`,
      "const invalidPat = 'snyk_uat.12345678.thisisa-ninvalidp.atnotvalid-123456';",
    ],
    [
      "vendor-code.mem0",
      `m0-${alnum(40, 28)}`,
      (secret) => `client = MemoryClient("${secret}")`,
      'redactKey("m0-abcdefgh12345678") is how the CLI masks one',
    ],
    [
      "vendor-code.paddle",
      `pdl_sdbx_apikey_${fakeChars(26, "0123456789abcdefghjkmnpqrstvwxyz", 29)}_${alnum(22, 30)}_${alnum(3, 31)}`,
      (secret) => `const paddle = new Paddle("${secret}", { environment: Environment.sandbox });`,
      "PADDLE_API_KEY=pdl_sdbx_apikey_... (the docs' pdl_live_apikey_01gtgztp8f4kek3yd4g1wrksa3 is cut short)",
    ],
    [
      "vendor-code.cloudflare-token",
      `cfut_${alnum(40, 32)}${hex(8, 33)}`,
      (secret) =>
        `curl https://api.cloudflare.com/client/v4/user/tokens/verify -H "Authorization: Bearer ${secret}"`,
      "| User API Token | Scoped token you create for specific permissions | `cfut_[40 characters][checksum]` |",
    ],
    [
      "vendor-code.cloudflare-token",
      `cfat_${alnum(40, 34)}${hex(8, 35)}`,
      (secret) => `wrangler deploy with ${secret} from the account`,
      `cfat_${alnum(30, 34)} is cut short`,
    ],
  ];

  checkPortedRules(cases);
});
