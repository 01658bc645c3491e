import { END, type SecretPatternRule, START } from "./secret-rule-types.js";

/**
 * Token formats read from the vendors' own code: the function that generates a key, the check their
 * SDK or CLI runs on one, or their own tests' keys. No regex here is taken from a secret scanner;
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
    id: "vendor-code.posthog-secret",
    type: "posthog_key",
    keywords: ["phx_", "phs_", "pha_", "phr_"],
    pattern: `${START}ph[xsar]_[A-Za-z0-9]{40,48}${END}`,
    score: 0.95,
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
];
