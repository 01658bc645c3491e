import { describe } from "vitest";
import { alnum, base64, fakeChars, hex, urlSafe } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// Token formats read from the vendors' own code (src/guardrails/vendor-code-rules.ts). Values are
// drawn at test time (fake-values.ts), never real keys, and checked by ported-rule-cases.ts.
const upper = (length: number, seed: number) =>
  fakeChars(length, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", seed);
const uuid = (seed: number) =>
  `${hex(8, seed)}-${hex(4, seed + 1)}-4${hex(3, seed + 2)}-a${hex(3, seed + 3)}-${hex(12, seed + 4)}`;
const shortUuid = (length: number, seed: number) =>
  fakeChars(length, "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz", seed);
// A Sentry org token's payload: base64 of {"iat":…,"url":…,"org":…} with its padding.
const sentryPayload = Buffer.from(
  '{"iat":1704374159.069583,"url":"https://sentry.example.com","org":"acme"}',
).toString("base64");

describe("the rules read from vendors' own code", () => {
  const cases: PortedRuleCase[] = [
    [
      "vendor-code.sentry-org",
      `sntrys_${sentryPayload}_${base64(43, 1)}`,
      (secret) => `sentry-cli --auth-token ${secret} sourcemaps upload`,
      `sntrys_${sentryPayload}_${base64(20, 1)} is cut short`,
    ],
    [
      "vendor-code.posthog-secret",
      `phx_${alnum(47, 2)}`,
      (secret) => `POSTHOG_PERSONAL_API_KEY=${secret}`,
      "personal_api_key='phx_xxx'",
    ],
    [
      "vendor-code.posthog-secret",
      `phs_${alnum(48, 3)}`,
      (secret) => `feature flags are evaluated locally with ${secret} on the server`,
      "POSTHOG_SECRET_KEY=phs_your_secret_api_key_here",
    ],
    [
      "vendor-code.posthog-project",
      `phc_${alnum(43, 4)}`,
      (secret) => `posthog.init('${secret}', { api_host: 'https://us.i.posthog.com' })`,
      "POSTHOG_PROJECT_API_KEY=phc_your_project_api_key_here",
    ],
    [
      "vendor-code.langfuse-secret",
      `sk-lf-${uuid(5)}`,
      (secret) => `LANGFUSE_SECRET_KEY="${secret}"`,
      "LANGFUSE_SECRET_KEY=sk-lf-...",
    ],
    [
      "vendor-code.langfuse-public",
      `pk-lf-${uuid(6)}`,
      (secret) => `langfuse = Langfuse(public_key="${secret}")`,
      `pk-lf-${hex(8, 6)}-not-a-uuid`,
    ],
    [
      "vendor-code.flagsmith-server",
      `ser.${shortUuid(22, 7)}`,
      (secret) => `flagsmith = Flagsmith(environment_key="${secret}")`,
      "parser.parse_known_args() and user.is_authenticated",
    ],
    [
      "vendor-code.scaleway-access-key",
      `SCW${upper(17, 8)}`,
      (secret) => `export SCW_ACCESS_KEY=${secret}`,
      "export SCW_ACCESS_KEY=SCWXXXXXXXXXXXXXXXXX",
    ],
    [
      "vendor-code.polar",
      `polar_oat_${alnum(43, 9)}`,
      (secret) => `polar = Polar(access_token="${secret}")`,
      `polar_ci_${alnum(43, 9)} is a client id`,
    ],
    [
      "vendor-code.polar",
      `polar_at_u_${alnum(43, 10)}`,
      (secret) => `Authorization: Bearer ${secret}`,
      "POLAR_ACCESS_TOKEN=polar_oat_...",
    ],
    [
      "vendor-code.e2b",
      `e2b_${hex(40, 11)}`,
      (secret) => `E2B_API_KEY=${secret} e2b template build`,
      `e2b_${"0".repeat(40)} is the SDK's example`,
    ],
    [
      "vendor-code.newrelic-license",
      `${hex(36, 12)}NRAL`,
      (secret) => `license_key: ${secret}`,
      `${hex(30, 12)}NRAL is too short`,
    ],
    [
      "vendor-code.newrelic-license",
      `eu01xx${hex(30, 13)}NRAL`,
      (secret) => `NEW_RELIC_LICENSE_KEY=${secret}`,
      "NRAL on its own ends a license key",
    ],
    [
      "vendor-code.newrelic-user-nraa",
      `NRAA-${upper(27, 14)}`,
      (secret) => `-H 'API-Key: ${secret}'`,
      "User API keys have a prefix of NRAK- or NRAA-.",
    ],
    [
      "vendor-code.resend",
      `re_${alnum(8, 15)}_${alnum(24, 16)}`,
      (secret) => `const resend = new Resend('${secret}');`,
      "const resend = new Resend('re_xxxx...xxxxxx'); re_compile_pattern_for_the_matcher",
    ],
    [
      "vendor-code.nvidia",
      `nvapi-${urlSafe(64, 17)}`,
      (secret) => `NVIDIA_API_KEY=${secret}`,
      'assert nvapi_key.startswith("nvapi-"), f"{nvapi_key[:5]}... is not a valid key"',
    ],
    [
      "vendor-code.pinecone",
      `pcsk_${alnum(6, 18)}_${alnum(63, 19)}`,
      (secret) => `pc = Pinecone(api_key="${secret}")`,
      "'pcsk_abc123_secretvalue'",
    ],
    [
      "vendor-code.stytch",
      `secret-live-${urlSafe(35, 20)}=`,
      (secret) => `const client = new stytch.Client({ project_id: "project-live-1", secret: "${secret}" });`,
      'secret: "secret-test-11111111-1111-4111-8111-111111111111"',
    ],
    [
      "vendor-code.modal-secret",
      `as-${alnum(22, 21)}`,
      (secret) => `export MODAL_TOKEN_SECRET=${secret}`,
      "export MODAL_TOKEN_SECRET=as-FAKESECRETSTRINGABCDEF",
    ],
    [
      "vendor-code.modal-id",
      `ak-${alnum(22, 22)}`,
      (secret) => `modal token set --token-id ${secret}`,
      "the peak-to-peak amplitude, ak-47 and as-is",
    ],
    [
      "vendor-code.vercel",
      `vcp_${alnum(56, 23)}`,
      (secret) => `vercel deploy --prod --token ${secret}`,
      "VERCEL_TOKEN=vcp_your_token_here",
    ],
    [
      "vendor-code.honeycomb-ingest",
      `hcxic_${fakeChars(58, "abcdefghijklmnopqrstuvwxyz0123456789", 24)}`,
      (secret) => `HONEYCOMB_API_KEY=${secret}`,
      "hcxic_1234567890123456789012345678901234567890123456789012345678",
    ],
    [
      "vendor-code.axiom",
      `xaat-${uuid(25)}`,
      (secret) => `axiom.SetToken("${secret}")`,
      'apiToken = "xaat-XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"',
    ],
    [
      "vendor-code.svix-webhook-secret",
      `whsec_${base64(31, 30)}+`,
      (secret) => `const wh = new Webhook("${secret}");`,
      'endpoint_secret: "whsec_XXXXX="',
    ],
    [
      "vendor-code.trigger-api-key",
      `tr_prod_sk_${alnum(24, 31)}`,
      (secret) => `TRIGGER_SECRET_KEY=${secret}`,
      "TRIGGER_SECRET_KEY=tr_dev_••••••••ab12",
    ],
    [
      "vendor-code.trigger-pat",
      `tr_pat_${fakeChars(40, "123456789abcdefghijkmnopqrstuvwxyz", 32)}`,
      (secret) => `npx trigger.dev@latest login --token ${secret}`,
      "tr_pat_bhbd••••••••••••••••••fd4a",
    ],
    [
      "vendor-code.inngest-signing-key",
      `signkey-prod-${hex(64, 33)}`,
      (secret) => `INNGEST_SIGNING_KEY=${secret}`,
      `signkey-test-${"0".repeat(64)}`,
    ],
    [
      "vendor-code.mongodb-atlas-sa-secret",
      `mdb_sa_sk_${urlSafe(40, 34)}`,
      (secret) => `MDB_MCP_API_CLIENT_SECRET=${secret}`,
      "secret: example: mdb_sa_sk_...",
    ],
    [
      "vendor-code.logfire",
      `pylf_v1_us_${alnum(44, 35)}`,
      (secret) => `LOGFIRE_TOKEN=${secret}`,
      "conn = logfire.db_api.connect(read_token='pylf_v1_us_...')",
    ],
    [
      "vendor-code.akamai-edgegrid-token",
      `akab-${fakeChars(26, "abcdefghijklmnopqrstuvwxyz0123456789", 36)}-${fakeChars(6, "abcdefghijklmnopqrstuvwxyz0123456789", 37)}`,
      (secret) => `access_token = ${secret}`,
      "host = akab-h05tnam3wl42son7nktnlnnx-kbob3i3v.luna.akamaiapis.net",
    ],
    [
      "vendor-code.socket",
      `sktsec_${urlSafe(40, 38)}`,
      (secret) => `SOCKET_SECURITY_API_KEY=${secret} socket scan create`,
      '{"apiToken":"sktsec_abcdefghijklmnopqrstuvwxyz"}',
    ],
    [
      "vendor-code.plaid-access-token",
      `access-production-${uuid(39)}`,
      (secret) => `client.accounts_get(AccountsGetRequest(access_token="${secret}"))`,
      "access-production-<uuid> is the format of an access token",
    ],
    [
      "vendor-code.plaid-other-token",
      `link-sandbox-${uuid(44)}`,
      (secret) => `Link opened with ${secret} for the sandbox user`,
      "the [type]-[environment]-[uuid] format, e.g. link-sandbox-",
    ],
    [
      "vendor-code.typeform",
      `tfp_${alnum(44, 49)}_${alnum(14, 50)}`,
      (secret) => `curl -H "Authorization: Bearer ${secret}" https://api.typeform.com/forms`,
      "use a placeholder like tfp_ACCESS_TOKEN instead",
    ],
    [
      "vendor-code.neon",
      `napi_${fakeChars(64, "abcdefghijklmnopqrstuvwxyz0123456789", 51)}`,
      (secret) => `neonctl projects list --api-key ${secret}`,
      "napi_examplekey is how the docs write one",
    ],
  ];

  checkPortedRules(cases);
});
