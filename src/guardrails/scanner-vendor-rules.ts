import { END, type SecretPatternRule, START } from "./secret-rule-types.js";

/**
 * Vendor formats ported by hand from five smaller secret scanners (and one medium-confidence pattern
 * of Microsoft's security-utilities, whose precise ones microsoft-secret-rules.ts has) whose rules were written
 * independently of Nosey Parker (the secret test source) and of the dev sources (gitleaks,
 * detect-secrets, whispers), for the formats modelmux did not find (see licenses/ and NOTICE):
 * - github-custom = github.com/advanced-security/secret-scanning-custom-patterns@9b84660 vendors/patterns.yml (MIT)
 * - ripsecrets    = github.com/sirwart/ripsecrets@416e9d0 src/lib.rs (MIT)
 * - kics          = github.com/Checkmarx/kics@8de1166 assets/queries/common/passwords_and_secrets/regex_rules.json (Apache-2.0)
 * - earlybird     = github.com/americanexpress/earlybird@573753e config/rules/password-secret.yaml (Apache-2.0)
 * - secretscanner = github.com/deepfence/SecretScanner@9d73796 config.yaml (MIT)
 * - microsoft     = github.com/microsoft/security-utilities@638ad20 GeneratedRegexPatterns/MediumConfidenceSecurityModels.json (MIT)
 * Each rule is bounded on both sides and keeps to one line where its source allowed any gap; the
 * tokens' shapes are the sources', the keywords are what the prefilter needs.
 */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const HEX = "0-9a-f";

export const SCANNER_VENDOR_RULES: SecretPatternRule[] = [
  {
    id: "github-custom.launchdarkly",
    type: "launchdarkly_api_key",
    keywords: ["api-", "sdk-"],
    pattern: `${START}(?:api|sdk)-${UUID}(?![0-9a-f-])`,
    score: 0.8,
    minEntropy: 3,
    source: "github-custom vendors/patterns.yml (LaunchDarkly API key)",
  },
  {
    id: "github-custom.amazon-mws",
    type: "amazon_mws_token",
    keywords: ["amzn.mws."],
    pattern: `${START}amzn\\.mws\\.${UUID}(?![0-9a-f-])`,
    score: 0.95,
    source: "github-custom vendors/patterns.yml (Amazon MWS Auth Token); also kics regex_rules.json",
  },
  {
    id: "github-custom.okta-ssws",
    type: "okta_token",
    keywords: ["ssws"],
    // `SSWS` is Okta's authorization scheme; its API tokens start with `00`.
    pattern: `(?<![A-Za-z0-9])SSWS[ \\t]{1,5}(00[0-9A-Za-z_-]{40})${END}`,
    group: 1,
    score: 0.9,
    minEntropy: 3.5,
    source: "github-custom vendors/patterns.yml (Okta API key (precise))",
  },
  {
    id: "ripsecrets.square-access-token",
    type: "square_token",
    keywords: ["eaaa"],
    pattern: `${START}EAAA[\\w+=-]{60}(?![\\w+=-])`,
    score: 0.9,
    minEntropy: 4,
    source: "ripsecrets src/lib.rs (Square); `_` in the class as Veles' squareapikey has it",
  },
  {
    id: "kics.braintree",
    type: "braintree_token",
    keywords: ["access_token$production$"],
    pattern: `${START}access_token\\$production\\$[0-9a-z]{16}\\$[${HEX}]{32}(?![0-9a-f])`,
    score: 0.95,
    minEntropy: 3,
    source: "kics regex_rules.json (PayPal Braintree Access Token)",
  },
  {
    id: "kics.mailgun",
    type: "mailgun_key",
    keywords: ["key-"],
    pattern: `${START}key-[0-9a-zA-Z]{32}${END}`,
    score: 0.85,
    minEntropy: 3.5,
    source: "kics regex_rules.json (Mailgun API Key)",
  },
  {
    id: "earlybird.heroku",
    type: "heroku_key",
    keywords: ["heroku"],
    pattern: `(?<![A-Za-z0-9])heroku[^\\n]{0,55}?(?<![0-9A-Fa-f-])([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})(?![0-9A-Fa-f-])`,
    flags: "i",
    group: 1,
    score: 0.8,
    minEntropy: 3,
    source: "earlybird password-secret.yaml (3065 Heroku key)",
  },
  {
    id: "earlybird.github",
    type: "github_token",
    keywords: ["github"],
    pattern: `(?<![A-Za-z0-9])github[ \\t]*[:=][ \\t]*['"]([a-zA-Z0-9]{35,40})['"]`,
    flags: "i",
    group: 1,
    score: 0.8,
    minEntropy: 3.5,
    source: "earlybird password-secret.yaml (3066 Github key)",
  },
  {
    id: "earlybird.facebook",
    type: "facebook_secret",
    keywords: ["facebook"],
    pattern: `(?<![A-Za-z0-9])facebook[^\\n]{0,55}?['"]([${HEX}]{32,255})['"]`,
    flags: "i",
    group: 1,
    score: 0.8,
    minEntropy: 3,
    source: "earlybird password-secret.yaml (3067 Facebook key)",
  },
  {
    id: "earlybird.twitter",
    type: "twitter_secret",
    keywords: ["twitter"],
    pattern: `(?<![A-Za-z0-9])twitter[^\\n]{0,55}?['"]([a-zA-Z0-9]{35,44})['"]`,
    flags: "i",
    group: 1,
    score: 0.8,
    minEntropy: 3.5,
    source: "earlybird password-secret.yaml (3068 Twitter key)",
  },
  {
    id: "earlybird.aws-configure",
    type: "aws_secret_key",
    keywords: ["aws secret access key ["],
    // `aws configure`'s prompt, as a pasted terminal session shows it.
    pattern: `AWS Secret Access Key \\[[^\\]\\n]{0,40}\\]:[ \\t]*([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`,
    flags: "i",
    group: 1,
    score: 0.9,
    minEntropy: 3.5,
    source: "earlybird password-secret.yaml (3030 AWS Secret Access Key)",
  },
  {
    id: "microsoft.pkcs12",
    type: "pkcs12_bundle",
    keywords: ["ibazcc"],
    // DER `SEQUENCE { INTEGER 3, …` base64-encoded: a .pfx/.p12 file, certificate and private key.
    back: 6,
    pattern: `(?<![A-Za-z0-9+/])MI[I-L][0-9a-zA-Z/+]{2}[AQgw]IBAzCC[A-Za-z0-9+/]{100,20000}={0,2}(?![A-Za-z0-9+/=])`,
    score: 0.9,
    minEntropy: 4.5,
    source:
      "microsoft security-utilities MediumConfidenceSecurityModels.json (SEC101/055 Pkcs12CertificatePrivateKeyBundle)",
  },
  {
    id: "secretscanner.openweather",
    type: "openweather_api_key",
    keywords: ["appid="],
    pattern: `(?<![A-Za-z0-9_])appid=["'\`]?([${HEX}]{32})(?![0-9A-Za-z])`,
    flags: "i",
    group: 1,
    score: 0.8,
    minEntropy: 3,
    source: "secretscanner config.yaml (OpenWeather API Key)",
  },
];
