import { END, type SecretPatternRule, START } from "./secret-rule-types.js";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/**
 * More token formats read from the vendors' own code, in the pattern of vendor-code-rules.ts (which
 * grew past one screenful): the function that generates a key or the check their SDK runs on one.
 * No regex here is taken from a secret scanner; each rule cites the repository, commit and file it
 * was read from. Every pattern is bounded on both sides and every quantifier bounded.
 */
export const VENDOR_CODE_RULES_2: SecretPatternRule[] = [
  {
    // matrix-org/synapse@4a495ac, synapse/handlers/auth.py generate_access_token and
    // generate_refresh_token: syt_ (access) or syr_ (refresh) + the user's localpart in unpadded
    // base64 + _ + random_string(20) (letters only: synapse/util/stringutils.py) + _ + the CRC32 of
    // what precedes in base 62, padded to 6. Localparts bounded at 60 base64 characters.
    id: "vendor-code.matrix-synapse",
    type: "matrix_token",
    keywords: ["syt_", "syr_"],
    pattern: `${START}sy[tr]_[A-Za-z0-9+/]{1,60}_[A-Za-z]{20}_[A-Za-z0-9]{6}${END}`,
    score: 0.9,
    minEntropy: 3.5,
    source: "matrix-org/synapse@4a495ac43b093eb5e223b64ab5bc033233ab83b9 synapse/handlers/auth.py",
  },
  {
    // woocommerce/woocommerce@c45cb7a, plugins/woocommerce/includes/class-wc-auth.php: REST API keys
    // are 'ck_' . wc_rand_hash() and 'cs_' . wc_rand_hash(); wc_rand_hash (wc-core-functions.php at
    // 9d28ab2) is bin2hex of 20 random bytes, or sha1(): 40 hex digits either way. The consumer
    // secret is the credential; the consumer key names it, reported a little lower.
    id: "vendor-code.woocommerce-secret",
    type: "woocommerce_key",
    keywords: ["cs_"],
    pattern: `${START}cs_[0-9a-f]{40}${END}`,
    score: 0.9,
    minEntropy: 3,
    source:
      "woocommerce/woocommerce@c45cb7a3980a77dc0ad36a674a9ee8d80ff949c4 plugins/woocommerce/includes/class-wc-auth.php",
  },
  {
    id: "vendor-code.woocommerce-key",
    type: "woocommerce_key",
    keywords: ["ck_"],
    pattern: `${START}ck_[0-9a-f]{40}${END}`,
    score: 0.85,
    minEntropy: 3,
    source:
      "woocommerce/woocommerce@c45cb7a3980a77dc0ad36a674a9ee8d80ff949c4 plugins/woocommerce/includes/class-wc-auth.php",
  },
  {
    // mollie/mollie-api-php@d1ff465, src/Http/Auth/ApiKeyAuthenticator.php: an API key matches
    // ^(live|test)_\w{30,}$ ("must start with 'test_' or 'live_' and must be at least 30 characters
    // long"). Bounded at 30-40 letters and digits; so that test_ + a camel-cased test name
    // (test_ShouldReturn404WhenTheOrderIsMissing) stays out, two capitals side by side and a single
    // digit between letters are required, as in nearly every drawn key (about 4 % of them lack one).
    id: "vendor-code.mollie",
    type: "mollie_key",
    keywords: ["live_", "test_"],
    pattern: `${START}(?:live|test)_(?=[A-Za-z0-9]{0,38}[A-Z]{2})(?=[A-Za-z0-9]{0,37}[A-Za-z][0-9][A-Za-z])(?=[A-Z0-9]{0,39}[a-z])[A-Za-z0-9]{30,40}${END}`,
    score: 0.85,
    minEntropy: 4,
    source:
      "mollie/mollie-api-php@d1ff46548c198d41041758851b6ca5cdf53b267d src/Http/Auth/ApiKeyAuthenticator.php",
  },
  {
    // Helicone/helicone@9039c18, valhalla/jawn/src/managers/apiKeys/KeyManager.ts: API keys are
    // sk-helicone[-eu]- + generateApiKey({ method: "base32", dashes: true }) lower-cased (four groups
    // of seven of a-z and 2-7, as in its gateway's test key), proxy keys sk-helicone-proxy- + the same
    // + - + a UUID.
    id: "vendor-code.helicone",
    type: "helicone_key",
    keywords: ["sk-helicone-"],
    pattern: `${START}sk-helicone-(?:eu-|proxy-)?[a-z2-7]{7}(?:-[a-z2-7]{7}){3}(?:-${UUID})?${END}`,
    score: 0.95,
    minEntropy: 3.5,
    source:
      "Helicone/helicone@9039c180b9c8e77e3522524e2e63420e413c3fe1 valhalla/jawn/src/managers/apiKeys/KeyManager.ts",
  },
  {
    // statsig-io/node-js-server-sdk@4f6d096, src/StatsigServer.ts initialize: the server SDK rejects a
    // key that does not start with secret- ("You must use a Server Secret Key"). No length is checked:
    // a bounded run of letters and digits with all three kinds among them, entropy required. Stytch's
    // secret-live-/secret-test- are another rule's (the run stops at their dash).
    id: "vendor-code.statsig-server-secret",
    type: "statsig_key",
    keywords: ["secret-"],
    pattern: `${START}secret-(?=[A-Za-z]{0,63}[0-9])(?=[a-z0-9]{0,63}[A-Z])(?=[A-Z0-9]{0,63}[a-z])[A-Za-z0-9]{32,64}${END}`,
    score: 0.85,
    minEntropy: 4,
    source: "statsig-io/node-js-server-sdk@4f6d09630e0dcd4849f1c4a9796ae50c71972ce4 src/StatsigServer.ts",
  },
  {
    // configcat/rust-sdk@60538f3, src/builder.rs is_sdk_key_valid (constants.rs at e3f635f): an SDK
    // key is configcat-sdk-1 / a 22-character section / another (older keys, two bare sections, are
    // left out); the SDKs' own tests write the sections in base64url characters. An SDK key reads a
    // config's flags and often ships inside apps: reported lower, as PostHog's phc_.
    id: "vendor-code.configcat-sdk-key",
    type: "configcat_key",
    keywords: ["configcat-sdk-1/"],
    pattern: `${START}configcat-sdk-1/[A-Za-z0-9_-]{22}/[A-Za-z0-9_-]{22}${END}`,
    score: 0.7,
    minEntropy: 3.5,
    source: "configcat/rust-sdk@60538f3f85aa4f20afd00e1e2b77daadf4e25a8b src/builder.rs",
  },
  {
    // Infisical/infisical@bfd227a, backend/src/services/service-token/service-token-service.ts: a
    // service token is st. + the token's id + . + randomBytes(16) in hex (32 digits). Ids are UUIDs,
    // or 24-hex ObjectIds from the earlier MongoDB backend. Infisical/cli@242df55
    // packages/util/secrets.go wants a fourth dotted part, the key the dashboard appends; its shape is
    // not fixed there, so it is taken as an optional bounded hex run.
    id: "vendor-code.infisical-service-token",
    type: "infisical_token",
    keywords: ["st."],
    pattern: `${START}st\\.(?:[0-9a-f]{24}|${UUID})\\.[0-9a-f]{32}(?:\\.[0-9a-f]{32,64})?(?![A-Za-z0-9_.-])`,
    score: 0.9,
    minEntropy: 3,
    source:
      "Infisical/infisical@bfd227a3d960553ac998332b80d013faface1dd7 backend/src/services/service-token/service-token-service.ts",
  },
  {
    // snyk/cli@09c67d4, test/jest/util/createPAT.ts (used by test/jest/acceptance/pat.spec.ts, where
    // the CLI derives its API host from the token): a personal access token is snyk_uat. + an
    // 8-character id + . + base64 of the JSON claims ({"h": host}, padding removed) + . + a signature.
    // The signature's length is not fixed there: a bounded run, entropy required.
    id: "vendor-code.snyk-pat",
    type: "snyk_token",
    keywords: ["snyk_uat."],
    pattern: `${START}snyk_uat\\.[A-Za-z0-9]{8}\\.eyJ[A-Za-z0-9+/_-]{8,600}\\.[A-Za-z0-9_-]{16,200}${END}`,
    score: 0.95,
    minEntropy: 4,
    source: "snyk/cli@09c67d45868624c75c53b66d29058bdb52173723 test/jest/util/createPAT.ts",
  },
  {
    // mem0ai/mem0@8d5b786, integrations/n8n-nodes-mem0/credentials/Mem0Api.credentials.ts ("Your Mem0
    // API key (starts with "m0-")"), and integrations/openclaw/skill-loader.ts lists m0- among its
    // credential prefixes. No length is given: 32-64 letters and digits of both cases, entropy required.
    id: "vendor-code.mem0",
    type: "mem0_key",
    keywords: ["m0-"],
    pattern: `${START}m0-(?=[A-Za-z0-9]{0,63}[A-Z])(?=[A-Za-z0-9]{0,63}[a-z])[A-Za-z0-9]{32,64}${END}`,
    score: 0.85,
    minEntropy: 4,
    source:
      "mem0ai/mem0@8d5b7865bd0521e75fe9ab1b260eeccc83f8a378 integrations/n8n-nodes-mem0/credentials/Mem0Api.credentials.ts",
  },
  {
    // Paddle's developer changelog "Strengthen your integration security with enhanced API keys"
    // (https://developer.paddle.com/changelog/2025/api-key-improvements) and its API keys page: keys
    // created after May 6, 2025 are pdl_live_apikey_ or pdl_sdbx_apikey_ + a 26-character lower-case
    // id + _ + 22 letters and digits + _ + 3 (pdl_live_apikey_01gtgztp8f4kek3yd4g1wrksa3_q6TGTJyvoIz7LDtXT65bX7_AQO).
    // No code of Paddle's states them. The earlier 50-character keys have no prefix and are left out.
    id: "vendor-code.paddle",
    type: "paddle_key",
    keywords: ["pdl_live_apikey_", "pdl_sdbx_apikey_"],
    pattern: `${START}pdl_(?:live|sdbx)_apikey_[0-9a-z]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}${END}`,
    score: 0.95,
    minEntropy: 3.8,
    source:
      "Paddle developer changelog, enhanced API keys (https://developer.paddle.com/changelog/2025/api-key-improvements)",
  },
  {
    // cloudflare/cloudflare-docs@6615e8f, src/content/docs/fundamentals/api/get-started/token-formats.mdx:
    // Global API keys cfk_, user API tokens cfut_ and account API tokens cfat_ are the prefix + 40
    // characters + a checksum (Cloudflare's DLP notes call it a CRC32 suffix). Neither the alphabet
    // nor the checksum's width is given: letters and digits, 44-50 after the prefix, entropy required.
    id: "vendor-code.cloudflare-token",
    type: "cloudflare_token",
    keywords: ["cfk_", "cfut_", "cfat_"],
    pattern: `${START}cf(?:k|ut|at)_[A-Za-z0-9]{44,50}${END}`,
    score: 0.95,
    minEntropy: 4,
    source:
      "cloudflare/cloudflare-docs@6615e8fe15620af18bbc9e0f969ccaf246a7e7a4 src/content/docs/fundamentals/api/get-started/token-formats.mdx",
  },
];
