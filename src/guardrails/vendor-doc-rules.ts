import { END, type SecretPatternRule, START } from "./secret-rule-types.js";

/**
 * Token formats written from the vendors' own documentation, for vendors whose only permissive rule
 * sets are gitleaks (a dev source) or its copies. No regex here is taken from a secret scanner: each
 * rule is the vendor's stated format (prefix, alphabet, length) where its page states one, and where
 * it does not, the prefix plus a bounded run of the alphabet its own examples show (said per rule).
 * Every rule is bounded on both sides, every quantifier bounded, keywords are the prefixes.
 */
export const VENDOR_DOC_RULES: SecretPatternRule[] = [
  {
    // https://docs.doppler.com/docs/Auth-token-formats states each format: dp.<type>. + 40-44
    // characters of [a-zA-Z0-9]; a service token may carry an environment slug ([a-z0-9-_]{2,35}.).
    // dp.pt. (personal) was already found (gitleaks-secret-rules.ts); the other six types were not.
    id: "vendor-doc.doppler",
    type: "doppler_token",
    keywords: ["dp.ct.", "dp.st.", "dp.sa.", "dp.said.", "dp.scim.", "dp.audit."],
    pattern: `${START}dp\\.(?:(?:ct|sa|said|scim|audit)\\.|st\\.(?:[a-z0-9_-]{2,35}\\.)?)[a-zA-Z0-9]{40,44}${END}`,
    score: 0.9,
    minEntropy: 3.5,
    source: "Doppler docs, Auth Token Formats (https://docs.doppler.com/docs/Auth-token-formats)",
  },
  {
    // https://buildkite.com/docs/platform/security/tokens: API access tokens carry bkua_ (since March
    // 2023); its example is bkua_ + a short base64 segment, a dot and 40 hex digits. The page gives
    // no length or alphabet, so the rule takes that shape, the segment optional and bounded.
    id: "vendor-doc.buildkite-api",
    type: "buildkite_token",
    keywords: ["bkua_"],
    pattern: `${START}bkua_(?:[A-Za-z0-9]{2,12}\\.)?[0-9a-f]{40}${END}`,
    score: 0.9,
    minEntropy: 3,
    source: "Buildkite docs, Token security (https://buildkite.com/docs/platform/security/tokens)",
  },
  {
    // Same page: agent session tokens carry bkaa_; its example is bkaa_ + a short segment, a dot and
    // 77 letters and digits. No stated length: the run is bounded around the example's (60-100).
    id: "vendor-doc.buildkite-agent",
    type: "buildkite_token",
    keywords: ["bkaa_"],
    pattern: `${START}bkaa_(?:[A-Za-z0-9]{2,12}\\.)?[A-Za-z0-9]{60,100}${END}`,
    score: 0.9,
    minEntropy: 4,
    source: "Buildkite docs, Token security (https://buildkite.com/docs/platform/security/tokens)",
  },
  {
    // Same page: agent job tokens are bkaj_ + a JWT (its example: header, payload, signature, each
    // base64url, the first two opening with eyJ).
    id: "vendor-doc.buildkite-job",
    type: "buildkite_token",
    keywords: ["bkaj_"],
    pattern: `${START}bkaj_eyJ[A-Za-z0-9_-]{10,500}\\.eyJ[A-Za-z0-9_-]{10,2000}\\.[A-Za-z0-9_-]{20,700}${END}`,
    score: 0.9,
    source: "Buildkite docs, Token security (https://buildkite.com/docs/platform/security/tokens)",
  },
  {
    // SonarSource's community forum (https://community.sonarsource.com/t/78433, SonarSource staff
    // confirming): since SonarQube 9.5 user tokens are prefixed squ_, project analysis tokens sqp_,
    // global analysis tokens sqa_; the thread's example is the prefix + 40 hex digits (no length
    // stated elsewhere), so that is the rule.
    id: "vendor-doc.sonarqube",
    type: "sonar_token",
    keywords: ["squ_", "sqp_", "sqa_"],
    pattern: `${START}sq[upa]_[0-9a-f]{40}${END}`,
    score: 0.9,
    minEntropy: 3,
    source:
      "SonarSource community, token prefixes (https://community.sonarsource.com/t/tiny-feature-request-use-a-different-token-prefix-for-tokens-generated-for-badge-urls/78433)",
  },
  {
    // https://docs.mapbox.com/api/accounts/tokens/ (Token format): a JWT-like string of three dotted
    // parts, the first the literal sk (secret) or tk (temporary), the second a base64url JSON payload
    // (so eyJ), the third a signature. Lengths are not stated; the parts are bounded generously.
    id: "vendor-doc.mapbox-secret",
    type: "mapbox_token",
    keywords: ["sk.eyj", "tk.eyj"],
    pattern: `${START}[st]k\\.eyJ[A-Za-z0-9_-]{20,2000}\\.[A-Za-z0-9_-]{20,200}${END}`,
    score: 0.9,
    minEntropy: 4,
    source: "Mapbox docs, Tokens API: token format (https://docs.mapbox.com/api/accounts/tokens/)",
  },
  {
    // Same page: pk is a public token. Mapbox means it for client code, but it still bills the
    // account and reads its private styles and tilesets unless URL-restricted: reported, lower.
    id: "vendor-doc.mapbox-public",
    type: "mapbox_token",
    keywords: ["pk.eyj"],
    pattern: `${START}pk\\.eyJ[A-Za-z0-9_-]{20,2000}\\.[A-Za-z0-9_-]{20,200}${END}`,
    score: 0.7,
    minEntropy: 4,
    source: "Mapbox docs, Tokens API: token format (https://docs.mapbox.com/api/accounts/tokens/)",
  },
  {
    // Discord's Execute Webhook route (https://discord.com/developers/docs/resources/webhook#execute-webhook)
    // is /webhooks/{webhook.id}/{webhook.token}: anyone holding the URL posts as the webhook. The id is
    // a snowflake (17-20 digits); the token's length and alphabet are not stated, so the run is the
    // URL-safe alphabet bounded around the 68 characters published examples show (60-80). The finding
    // runs from the host (the prefilter starts at it) to the token's end, scheme and ptb./canary. left out.
    id: "vendor-doc.discord-webhook",
    type: "discord_webhook",
    keywords: ["discord.com/api", "discordapp.com/api"],
    pattern: `${START}discord(?:app)?\\.com/api(?:/v\\d{1,2})?/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,80}${END}`,
    score: 0.9,
    minEntropy: 4,
    source:
      "Discord developer docs, Execute Webhook (https://discord.com/developers/docs/resources/webhook#execute-webhook)",
  },
  {
    // https://docs.langchain.com/langsmith/llm-gateway-authentication: LangSmith API keys start with
    // lsv2_, personal access tokens lsv2_pt_, service keys lsv2_sk_. No length or example there: the
    // prefix plus a bounded run of letters, digits and underscores.
    id: "vendor-doc.langsmith",
    type: "langsmith_key",
    keywords: ["lsv2_pt_", "lsv2_sk_"],
    pattern: `${START}lsv2_(?:pt|sk)_[A-Za-z0-9_]{24,80}${END}`,
    score: 0.85,
    minEntropy: 3.5,
    source:
      "LangSmith docs, LLM Gateway authentication (https://docs.langchain.com/langsmith/llm-gateway-authentication)",
  },
  {
    // New Relic's own NerdGraph guide (https://newrelic.com/info/blog/decision-guide/how-to-query-new-relic-s-nerdgraph-api-with-curl-endpoint-headers-and-examples)
    // shows a user key as API-Key: NRAK-... . No length or alphabet is published: the prefix plus a
    // bounded run of capitals and digits, entropy required (the guide's placeholder is not one).
    id: "vendor-doc.newrelic-user",
    type: "newrelic_key",
    keywords: ["nrak-"],
    pattern: `${START}NRAK-[A-Z0-9]{20,40}${END}`,
    score: 0.85,
    minEntropy: 3.5,
    source:
      "New Relic, NerdGraph with curl (https://newrelic.com/info/blog/decision-guide/how-to-query-new-relic-s-nerdgraph-api-with-curl-endpoint-headers-and-examples)",
  },
];
