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
];
