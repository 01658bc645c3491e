import { END, type SecretPatternRule, START } from "./secret-rule-types.js";

/**
 * Token formats read from the vendors' own code: the function that generates a key, the check their
 * SDK or CLI runs on one, or their own tests' and READMEs' keys; Vercel's, Plaid's and Typeform's from
 * their own pages and Neon's from its docs repository, where no code of theirs states them. No regex here is taken from a secret scanner;
 * each rule cites the repository, commit and file it was read from, and says where the code fixes
 * the shape and where the rule bounds what the code leaves open. Every pattern is bounded on both
 * sides and every quantifier bounded; keywords are the prefixes (or the suffix, with `back`).
 */
export const VENDOR_CODE_RULES: SecretPatternRule[] = [
  {
    // getsentry/sentry-cli@fb79c59, src/utils/auth_token/org_auth_token.rs: an org auth token is
    // sntrys_ + a standard-base64 JSON payload (so eyJ, padding kept) + _ + a secret that decodes
    // (BASE64_NOPAD) to exactly 32 bytes: 43 characters. (sntryu_ user tokens were already found.)
    id: "vendor-code.sentry-org",
    type: "sentry_token",
    keywords: ["sntrys_eyj"],
    pattern: `${START}sntrys_eyJ[A-Za-z0-9+/]{20,1000}={0,2}_[A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=_-])`,
    score: 0.95,
    minEntropy: 4,
    source:
      "getsentry/sentry-cli@fb79c59a35d79135d9eb84f4845572ce4548c455 src/utils/auth_token/org_auth_token.rs",
  },
  {
    // PostHog/posthog posthog/models/utils.py: keys are a prefix + int_to_base(randbits(n * 8), 62),
    // 32 bytes (43 base-62 digits, fewer when the number is small) at 93e9907a; a later version
    // (index id 55983735031) names the prefixes PERSONAL_API_KEY_PREFIX phx_ and
    // SECRET_API_TOKEN_PREFIX phs_ (35 bytes: 48 digits), OAuth access pha_ and refresh phr_ (32).
    // Scored as Kingfisher's posthog.1 (phx_ after the word posthog), which keeps its finding there.
    id: "vendor-code.posthog-secret",
    type: "posthog_key",
    keywords: ["phx_", "phs_", "pha_", "phr_"],
    pattern: `${START}ph[xsar]_[A-Za-z0-9]{40,48}${END}`,
    score: 0.85,
    minEntropy: 4,
    source: "PostHog/posthog@93e9907a16733ddfe13a05d6834c6a30292fdb0c posthog/models/utils.py",
  },
  {
    // Same file: project API keys are phc_ ("client") + the same 32-byte base-62 run. PostHog means
    // them for browsers (they only send events), so they are reported lower, as Mapbox's pk. tokens.
    id: "vendor-code.posthog-project",
    type: "posthog_key",
    keywords: ["phc_"],
    pattern: `${START}phc_[A-Za-z0-9]{40,44}${END}`,
    score: 0.7,
    minEntropy: 4,
    source: "PostHog/posthog@93e9907a16733ddfe13a05d6834c6a30292fdb0c posthog/models/utils.py",
  },
  {
    // langfuse/langfuse@6275144, packages/shared/src/server/auth/apiKeys.ts: generateKeySet returns
    // sk-lf- and pk-lf- each followed by randomUUID(). The secret key is the credential; the public
    // key is sent with it (Basic auth pk:sk), reported lower.
    id: "vendor-code.langfuse-secret",
    type: "langfuse_key",
    keywords: ["sk-lf-"],
    pattern: `${START}sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${END}`,
    score: 0.95,
    source:
      "langfuse/langfuse@62751446149b702b419a9292ddfc2280cdf74b8c packages/shared/src/server/auth/apiKeys.ts",
  },
  {
    id: "vendor-code.langfuse-public",
    type: "langfuse_key",
    keywords: ["pk-lf-"],
    pattern: `${START}pk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${END}`,
    score: 0.7,
    source:
      "langfuse/langfuse@62751446149b702b419a9292ddfc2280cdf74b8c packages/shared/src/server/auth/apiKeys.ts",
  },
  {
    // Flagsmith/flagsmith@1ad8487, api/environments/api_keys.py: server-side environment keys are
    // SERVER_API_KEY_PREFIX "ser." + create_hash(), which is shortuuid.uuid() (api/app/utils.py): 22
    // characters of shortuuid's alphabet, digits 2-9 and letters without I, O and l.
    id: "vendor-code.flagsmith-server",
    type: "flagsmith_key",
    keywords: ["ser."],
    pattern: `${START}ser\\.[2-9A-HJ-NP-Za-km-z]{22}${END}`,
    score: 0.85,
    minEntropy: 3.8,
    source: "Flagsmith/flagsmith@1ad8487ba7aabedd3cdfbcf3e7d772784d3e1aae api/environments/api_keys.py",
  },
  {
    // scaleway/scaleway-sdk-go@2c5cd81, validation/is.go: isAccessKey is ^SCW[A-Z0-9]{17}$. An access
    // key names the secret key it is issued with, reported as AWS access key ids are.
    id: "vendor-code.scaleway-access-key",
    type: "scaleway_key",
    keywords: ["scw"],
    pattern: `${START}SCW[A-Z0-9]{17}${END}`,
    score: 0.9,
    minEntropy: 3.3,
    source: "scaleway/scaleway-sdk-go@2c5cd81b052874a3bb1492a538cda3e701ed9502 validation/is.go",
  },
  {
    // polarsource/polar@c6c3645, server/polar/kit/crypto.py generate_token: prefix + 37 random
    // letters and digits + the token's CRC32 in base 62 zero-filled to 6: 43 in all. The prefixes
    // of credentials: organization and personal access tokens (organization_access_token/service.py,
    // personal_access_token/service.py), OAuth client secrets, registration, access and refresh tokens
    // (oauth2/constants.py), customer and member session tokens, user session tokens. Client ids
    // (polar_ci_) and checkout client secrets, meant for browsers, are left out.
    id: "vendor-code.polar",
    type: "polar_token",
    keywords: [
      "polar_oat_",
      "polar_pat_",
      "polar_cs_",
      "polar_crt_",
      "polar_at_",
      "polar_rt_",
      "polar_cst_",
      "polar_mst_",
      "polar_us_",
    ],
    pattern: `${START}polar_(?:oat|pat|cs|crt|at_[uo]|rt_[uo]|cst|mst|us)_[A-Za-z0-9]{43}${END}`,
    score: 0.95,
    minEntropy: 4,
    source:
      "polarsource/polar@c6c3645e639ee8eeaa05aa0835cf8e39e330382f server/polar/kit/crypto.py, oauth2/constants.py",
  },
  {
    // e2b-dev/E2B@b802997, packages/python-sdk/e2b/api/__init__.py and packages/js-sdk/src/api/index.ts:
    // validate_api_key requires ^e2b_[0-9a-f]+$, and the SDKs' example is e2b_ + 40 hex digits.
    id: "vendor-code.e2b",
    type: "e2b_key",
    keywords: ["e2b_"],
    pattern: `${START}e2b_[0-9a-f]{40}${END}`,
    score: 0.9,
    minEntropy: 3,
    source: "e2b-dev/E2B@b8029973aa7da5f741f7bb1a9f833b38a0885438 packages/python-sdk/e2b/api/__init__.py",
  },
  {
    // newrelic/newrelic-cli@15bab5c, internal/utils/utils.go IsValidLicenseKeyFormat: a license
    // (ingest) key is 40 characters ending in NRAL, the rest hexadecimal after an optional EU
    // prefix eu01xx. Keyed by the suffix, the match starts 36 characters before it.
    id: "vendor-code.newrelic-license",
    type: "newrelic_key",
    keywords: ["nral"],
    pattern: `${START}(?:eu01xx[0-9a-fA-F]{30}|[0-9a-fA-F]{36})NRAL${END}`,
    back: 36,
    score: 0.9,
    minEntropy: 3,
    source: "newrelic/newrelic-cli@15bab5c08669a4d9d4935de84dc35073feccc236 internal/utils/utils.go",
  },
  {
    // Same file, IsValidUserAPIKeyFormat: user API keys are NRAK- or NRAA- + letters, digits and _
    // (no length checked). NRAK- was already found (vendor-doc-rules.ts); NRAA- takes the same bound.
    id: "vendor-code.newrelic-user-nraa",
    type: "newrelic_key",
    keywords: ["nraa-"],
    pattern: `${START}NRAA-[A-Za-z0-9_]{20,40}${END}`,
    score: 0.85,
    minEntropy: 3.5,
    source: "newrelic/newrelic-cli@15bab5c08669a4d9d4935de84dc35073feccc236 internal/utils/utils.go",
  },
  {
    // resend/resend-node@3f67459, src/api-keys/api-keys.spec.ts: the SDK's own tests create keys of the
    // shape re_ + 8 letters and digits + _ + 24 letters and digits (re_PKr4RCko_Lhm9…).
    id: "vendor-code.resend",
    type: "resend_key",
    keywords: ["re_"],
    pattern: `${START}re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}${END}`,
    score: 0.85,
    minEntropy: 3.8,
    source: "resend/resend-node@3f6745910bfd3f308371950523d5cd1797f66b4b src/api-keys/api-keys.spec.ts",
  },
  {
    // langchain-ai/langchain-nvidia@47a96a4, libs/ai-endpoints/README.md: NVIDIA's own integration
    // asserts the key starts with nvapi-. No length is checked: the prefix plus a bounded run of the
    // URL-safe alphabet, entropy required.
    id: "vendor-code.nvidia",
    type: "nvidia_key",
    keywords: ["nvapi-"],
    pattern: `${START}nvapi-[A-Za-z0-9_-]{40,90}${END}`,
    score: 0.85,
    minEntropy: 4,
    source:
      "langchain-ai/langchain-nvidia@47a96a45a21b7d162dcaf72ae92ebb2b64287278 libs/ai-endpoints/README.md",
  },
  {
    // pinecone-io/pinecone-python-client@523f5a8, pinecone/admin/api_keys.py: a created key's value is
    // pcsk_ + a key id + _ + the secret ('pcsk_abc123_secretvalue' in the docstring). No lengths are
    // given: an id of 4-12 letters and digits and a secret of 40-100, entropy required.
    id: "vendor-code.pinecone",
    type: "pinecone_key",
    keywords: ["pcsk_"],
    pattern: `${START}pcsk_[A-Za-z0-9]{4,12}_[A-Za-z0-9]{40,100}${END}`,
    score: 0.95,
    minEntropy: 4,
    source:
      "pinecone-io/pinecone-python-client@523f5a8df3f4cba90941497799b342d0e33862d1 pinecone/admin/api_keys.py",
  },
  {
    // stytchauth/stytch-node@72cab7d, README.md and test/shared/base64.test.ts: the client takes a
    // project secret secret-live-80JASucyk7z_G8Z-7dVwZVGXL5NT_qGAQ2I= (35 base64url characters and a
    // pad), and its tests secret-test- + a UUID. Either environment's secret, 30-40 characters of
    // base64url with up to two pads; the tests' all-ones UUID falls under the entropy floor.
    id: "vendor-code.stytch",
    type: "stytch_secret",
    keywords: ["secret-live-", "secret-test-"],
    pattern: `${START}secret-(?:live|test)-[A-Za-z0-9_-]{30,40}={0,2}(?![A-Za-z0-9_=-])`,
    score: 0.95,
    minEntropy: 3.8,
    source:
      "stytchauth/stytch-node@72cab7dd9c1ebf51f6d4408d3a7b05f0dca4b039 README.md, test/shared/base64.test.ts",
  },
  {
    // modal-labs/modal-client@69519ae, js/README.md and go/README.md: MODAL_TOKEN_ID=ak-… and
    // MODAL_TOKEN_SECRET=as-…, each placeholder 22 letters after the prefix (py/modal/config.py names
    // the same prefixes). The secret is reported; the id, like an access key id, a little lower. A
    // lower-case letter is required: the READMEs' placeholders are capitals, drawn tokens almost never.
    id: "vendor-code.modal-secret",
    type: "modal_token",
    keywords: ["as-"],
    pattern: `${START}as-(?=[A-Z0-9]{0,21}[a-z])[A-Za-z0-9]{22}${END}`,
    score: 0.9,
    minEntropy: 3.8,
    source: "modal-labs/modal-client@69519aef4cf6a3378314e3e7b91e87429490ed2a js/README.md",
  },
  {
    id: "vendor-code.modal-id",
    type: "modal_token",
    keywords: ["ak-"],
    pattern: `${START}ak-(?=[A-Z0-9]{0,21}[a-z])[A-Za-z0-9]{22}${END}`,
    score: 0.85,
    minEntropy: 3.8,
    source: "modal-labs/modal-client@69519aef4cf6a3378314e3e7b91e87429490ed2a js/README.md",
  },
  {
    // Vercel's changelog "Introducing new token formats and secret scanning"
    // (https://vercel.com/changelog/new-token-formats-and-secret-scanning): vcp_ personal access
    // tokens, vci_ integration tokens, vca_ app access tokens, vcr_ app refresh tokens, vck_ API keys.
    // No length is published: the prefix plus a bounded run of letters and digits, entropy required.
    id: "vendor-code.vercel",
    type: "vercel_token",
    keywords: ["vcp_", "vci_", "vca_", "vcr_", "vck_"],
    pattern: `${START}vc[piark]_[A-Za-z0-9]{24,80}${END}`,
    score: 0.9,
    minEntropy: 4,
    source:
      "Vercel changelog, new token formats (https://vercel.com/changelog/new-token-formats-and-secret-scanning)",
  },
  {
    // honeycombio/libhoney-go@02e9dbf, libhoney.go IsClassicKey: a 64-character ingest key matches
    // ^hc[a-z]ic_[a-z0-9]*$, so hc + one letter + ic_ + 58 lower-case letters and digits (its test's
    // key is hcxic_ + 58). Classic 32-hex keys have no prefix and are left to the generic rule.
    id: "vendor-code.honeycomb-ingest",
    type: "honeycomb_key",
    keywords: [..."abcdefghijklmnopqrstuvwxyz"].map((letter) => `hc${letter}ic_`),
    pattern: `${START}hc[a-z]ic_[a-z0-9]{58}${END}`,
    score: 0.9,
    minEntropy: 3.8,
    source: "honeycombio/libhoney-go@02e9dbf361012fafbe8698f429b65630500dc10a libhoney.go",
  },
  {
    // axiomhq/axiom-go@200ea0c, internal/config/token.go: API tokens start xaat-, personal tokens
    // xapt-; its tests write both as the prefix + a UUID (xaat-XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX).
    id: "vendor-code.axiom",
    type: "axiom_token",
    keywords: ["xaat-", "xapt-"],
    pattern: `${START}xa[ap]t-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${END}`,
    score: 0.95,
    source:
      "axiomhq/axiom-go@200ea0c44b28f754594dc0c4138b1e63f733ffee internal/config/token.go, axiom/axiom_test.go",
  },
  {
    // svix/svix-webhooks@4fc0cfb, go/webhook.go NewWebhook: a signing secret is whsec_ + standard
    // base64 of the key (its tests' secrets are 32 characters, + and / included:
    // javascript/src/mockttp.test.ts). Stripe's alphanumeric whsec_ was already found; this reads
    // the base64 alphabet and pads, 32-88 characters.
    id: "vendor-code.svix-webhook-secret",
    type: "webhook_secret",
    keywords: ["whsec_"],
    pattern: `${START}whsec_[A-Za-z0-9+/]{32,88}={0,2}(?![A-Za-z0-9+/=_-])`,
    score: 0.9,
    minEntropy: 4,
    source: "svix/svix-webhooks@4fc0cfb8b426c87ef7e2b937e7d896a71d456a47 go/webhook.go",
  },
  {
    // triggerdotdev/trigger.dev@b082e44, apps/webapp/app/utils/apiKeys.ts: secret API keys are
    // tr_dev_/tr_stg_/tr_prod_/tr_preview_, sk_ for additional keys, then nanoid's customAlphabet of
    // letters and digits, 24 long (20 in older keys: models/api-key.server.ts still mints pk_ keys
    // with 20). pk_ public keys are left out.
    id: "vendor-code.trigger-api-key",
    type: "trigger_key",
    keywords: ["tr_dev_", "tr_stg_", "tr_prod_", "tr_preview_"],
    pattern: `${START}tr_(?:dev|stg|prod|preview)_(?:sk_)?[A-Za-z0-9]{20,24}${END}`,
    score: 0.9,
    minEntropy: 3.8,
    source:
      "triggerdotdev/trigger.dev@b082e44389337dc6505d590737a6df70867cc8f4 apps/webapp/app/utils/apiKeys.ts",
  },
  {
    // Same repository, apps/webapp/app/services/personalAccessToken.server.ts: tr_pat_ + 40 of
    // customAlphabet("123456789abcdefghijkmnopqrstuvwxyz") (no 0, no l).
    id: "vendor-code.trigger-pat",
    type: "trigger_key",
    keywords: ["tr_pat_"],
    pattern: `${START}tr_pat_[1-9a-km-z]{40}${END}`,
    score: 0.95,
    minEntropy: 3.8,
    source:
      "triggerdotdev/trigger.dev@b082e44389337dc6505d590737a6df70867cc8f4 apps/webapp/app/services/personalAccessToken.server.ts",
  },
  {
    // inngest/inngest-js@abc4a63, packages/inngest/src/helpers/strings.ts: a signing key is
    // signkey-<env>- (the SDK strips /^signkey-[\w]+-/) + the key in hex, which it decodes; its tests'
    // keys are 64 hex digits (signkey-test-0000…). Environments bounded at 20 word characters.
    id: "vendor-code.inngest-signing-key",
    type: "inngest_key",
    keywords: ["signkey-"],
    pattern: `${START}signkey-[A-Za-z0-9_]{1,20}-[0-9a-f]{64}${END}`,
    score: 0.95,
    minEntropy: 3.5,
    source:
      "inngest/inngest-js@abc4a63fb8a5d8d1599ee7a3afbeb2b82d9cc875 packages/inngest/src/helpers/strings.ts",
  },
  {
    // mongodb/mongodb-atlas-cli@8ddea41, tools/internal/specs/spec.yaml (the Atlas Admin API's OpenAPI
    // spec): a service account's secret, "returned only the first time after creation", is
    // mdb_sa_sk_…; its client id is ^mdb_sa_id_[a-fA-F\d]{24}$ (an id, left out). The secret's length
    // is not given: the prefix plus a bounded URL-safe run, entropy required.
    id: "vendor-code.mongodb-atlas-sa-secret",
    type: "mongodb_atlas_secret",
    keywords: ["mdb_sa_sk_"],
    pattern: `${START}mdb_sa_sk_[A-Za-z0-9_-]{32,80}${END}`,
    score: 0.95,
    minEntropy: 4,
    source:
      "mongodb/mongodb-atlas-cli@8ddea41a82ec904146d5f1b8d6578acedcc4a3a6 tools/internal/specs/spec.yaml",
  },
  {
    // pydantic/logfire@e484a6b, logfire/_internal/auth.py PYDANTIC_LOGFIRE_TOKEN_PATTERN: pylf_v +
    // version + _ + region + _ + an optional organisation UUID and _ + letters and digits (its tests'
    // token: pylf_v1_us_ + 44). The run is bounded at 32-64.
    id: "vendor-code.logfire",
    type: "logfire_token",
    keywords: ["pylf_v"],
    pattern: `${START}pylf_v\\d{1,3}_[a-z]{2,10}_(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_)?[A-Za-z0-9]{32,64}${END}`,
    score: 0.95,
    minEntropy: 4,
    source: "pydantic/logfire@e484a6b53a0df3062d304ce258573e387cf3140a logfire/_internal/auth.py",
  },
  {
    // akamai/AkamaiOPEN-edgegrid-python@7111af5, README.md: an .edgerc's access_token and client_token
    // are akab- + lower-case letters and digits, a dash, and more (akab-acc35t0k3nodujqunph3w7hzp7-gtm6ij).
    // The API host has the same shape before .luna.akamaiapis.net and is not a credential: a
    // following dot ends the match. The client_secret beside them is a name=value the generic rule reads.
    id: "vendor-code.akamai-edgegrid-token",
    type: "akamai_token",
    keywords: ["akab-"],
    pattern: `${START}akab-[a-z0-9]{16,32}-[a-z0-9]{6,16}(?![A-Za-z0-9_.-])`,
    score: 0.85,
    minEntropy: 3.8,
    source: "akamai/AkamaiOPEN-edgegrid-python@7111af56988590341caed3acaa0a6f166374fa25 README.md",
  },
  {
    // SocketDev/socket-cli@68abc1f, .git-hooks/_shared/scan-secrets.mts: Socket's own pre-commit
    // scan treats sktsec_[a-zA-Z0-9_-]+ as an API key. No length is given: the prefix plus a bounded
    // run, entropy required (its tests' sktsec_test123… stay out).
    id: "vendor-code.socket",
    type: "socket_key",
    keywords: ["sktsec_"],
    pattern: `${START}sktsec_[A-Za-z0-9_-]{32,100}${END}`,
    score: 0.9,
    minEntropy: 4,
    source:
      "SocketDev/socket-cli@68abc1fdfa572e203ff7c2211dcdd6f8480846ed .git-hooks/_shared/scan-secrets.mts",
  },
  {
    // Plaid's glossary (https://plaid.com/docs/quickstart/glossary/): tokens are
    // [type]-[environment]-[uuid], type public, access, link or asset-report, environment sandbox,
    // development or production, the UUID 8-4-4-4-12 hex. Access tokens never expire and read an
    // Item's data: reported high; the short-lived public, link and asset-report tokens lower.
    id: "vendor-code.plaid-access-token",
    type: "plaid_token",
    keywords: ["access-sandbox-", "access-development-", "access-production-"],
    pattern: `${START}access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${END}`,
    score: 0.95,
    minEntropy: 3,
    source:
      "Plaid docs, Glossary: tokens, identifiers, and keys (https://plaid.com/docs/quickstart/glossary/)",
  },
  {
    id: "vendor-code.plaid-other-token",
    type: "plaid_token",
    keywords: [
      "public-sandbox-",
      "public-development-",
      "public-production-",
      "link-sandbox-",
      "link-development-",
      "link-production-",
      "asset-report-",
    ],
    pattern: `${START}(?:public|link|asset-report)-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${END}`,
    score: 0.8,
    minEntropy: 3,
    source:
      "Plaid docs, Glossary: tokens, identifiers, and keys (https://plaid.com/docs/quickstart/glossary/)",
  },
  {
    // Typeform's developer docs (https://typeform.com/developers/get-started/personal-access-token):
    // personal access tokens look like tfp_943af478d3ff3d4d760020c11af102b79c440513 (tfp_ + 40 hex).
    // Only the example fixes a length: letters, digits and _ , 40-64, entropy required.
    id: "vendor-code.typeform",
    type: "typeform_token",
    keywords: ["tfp_"],
    pattern: `${START}tfp_[A-Za-z0-9_]{40,64}${END}`,
    score: 0.9,
    minEntropy: 3.5,
    source:
      "Typeform developer docs, Personal access token (https://typeform.com/developers/get-started/personal-access-token)",
  },
  {
    // neondatabase/website@42f2d49, content/changelog/2025-01-31.md: "Newly created Neon API keys are
    // now prefixed with napi_" so that secret scanning can find them. No length or alphabet is
    // stated: the prefix plus a bounded run of letters and digits, entropy required.
    id: "vendor-code.neon",
    type: "neon_key",
    keywords: ["napi_"],
    pattern: `${START}napi_[A-Za-z0-9]{32,80}${END}`,
    score: 0.9,
    minEntropy: 4,
    source: "neondatabase/website@42f2d4902febc5f780d70d089f6c393170280597 content/changelog/2025-01-31.md",
  },
];
