import { type SecretPatternRule, semiGenericPattern } from "./secret-rule-types.js";

// Values of a common shape (18-digit Discord snowflakes, 16-digit Asana ids, 32 hex digits) are also
// the ids of channels, projects and users: for these the name must also say it holds a secret
// (`discord_client_secret`, `asanaToken`), which gitleaks, matching any name holding the vendor's, does not ask.
const named = (vendor: string) => `${vendor}[\\w.-]{0,20}?(?:token|secret|key|pass|pwd|auth|cred)`;

/**
 * Vendor secrets gitleaks finds by the vendor's name before them (its semi-generic rules, MIT,
 * gitleaks/gitleaks@b58d3f1 cmd/generate/config/rules/*.go, ported by hand; each names its file and
 * rule ids): for values the generic rule leaves alone by design, such as all-digit client IDs
 * (`discord_client_secret = 242581725613352079`), or names without a secret-like word (`SONAR_LOGIN`,
 * `BUNDLE_GEMS__CONTRIBSYS__COM`). Case-insensitive as gitleaks compiles them, unless noted.
 */
export const GITLEAKS_CONTEXT_RULES: SecretPatternRule[] = [
  {
    id: "discord",
    type: "discord_secret",
    keywords: ["discord"],
    pattern: semiGenericPattern(named("discord"), "[a-f0-9]{64}|[0-9]{18}|[a-z0-9=_-]{32}"),
    flags: "i",
    group: 1,
    score: 0.9,
    minEntropy: 2,
    source: "gitleaks discord.go (discord-api-token, discord-client-id, discord-client-secret)",
  },
  {
    id: "asana",
    type: "asana_secret",
    keywords: ["asana"],
    pattern: semiGenericPattern(named("asana"), "[0-9]{16}|[a-z0-9]{32}"),
    flags: "i",
    group: 1,
    score: 0.9,
    minEntropy: 2,
    source: "gitleaks asana.go (asana-client-id, asana-client-secret)",
  },
  {
    id: "adobe",
    type: "adobe_client_id",
    keywords: ["adobe"],
    pattern: semiGenericPattern(named("adobe"), "[a-f0-9]{32}"),
    flags: "i",
    group: 1,
    score: 0.85,
    minEntropy: 2,
    source: "gitleaks adobe.go (adobe-client-id)",
  },
  {
    id: "alibaba",
    type: "alibaba_secret_key",
    keywords: ["alibaba"],
    pattern: semiGenericPattern(named("alibaba"), "[a-z0-9]{30}"),
    flags: "i",
    group: 1,
    score: 0.9,
    minEntropy: 2,
    source: "gitleaks alibaba.go (alibaba-secret-key)",
  },
  {
    id: "mailchimp",
    type: "mailchimp_key",
    keywords: ["mailchimp"],
    pattern: semiGenericPattern("mailchimp", "[a-f0-9]{32}-us\\d\\d"),
    flags: "i",
    group: 1,
    score: 0.95,
    source: "gitleaks mailchimp.go (mailchimp-api-key)",
  },
  {
    id: "messagebird",
    type: "messagebird_secret",
    keywords: ["messagebird", "message-bird", "message_bird"],
    pattern: semiGenericPattern(
      named("message[_-]?bird"),
      "[a-z0-9]{25}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    ),
    flags: "i",
    group: 1,
    score: 0.9,
    source: "gitleaks messagebird.go (messagebird-api-token, messagebird-client-id)",
  },
  {
    id: "sidekiq",
    type: "sidekiq_secret",
    keywords: ["bundle_enterprise__contribsys__com", "bundle_gems__contribsys__com"],
    pattern: semiGenericPattern(
      "BUNDLE_ENTERPRISE__CONTRIBSYS__COM|BUNDLE_GEMS__CONTRIBSYS__COM",
      "[a-f0-9]{8}:[a-f0-9]{8}",
    ),
    flags: "i",
    group: 1,
    score: 0.93,
    source: "gitleaks sidekiq.go (sidekiq-secret)",
  },
  {
    id: "sonar",
    type: "sonar_token",
    keywords: ["sonar"],
    pattern: semiGenericPattern("sonar[_.-]?(?:login|token)", "(?:squ_|sqp_|sqa_)?[a-z0-9=_-]{40}"),
    flags: "i",
    group: 1,
    score: 0.9,
    source: "gitleaks sonar.go (sonar-api-token)",
  },
  {
    id: "sourcegraph",
    type: "sourcegraph_token",
    keywords: ["sourcegraph"],
    pattern: semiGenericPattern("sourcegraph", "[a-f0-9]{40}"),
    flags: "i",
    group: 1,
    score: 0.9,
    minEntropy: 3,
    source: "gitleaks sourcegraph.go (sourcegraph-access-token: 40 hex digits where Sourcegraph is named)",
  },
  {
    id: "sumologic",
    type: "sumologic_secret",
    keywords: ["sumo"],
    // Case-sensitive, as gitleaks writes the identifier `(?-i:[Ss]umo|SUMO)`.
    pattern: semiGenericPattern("[Ss]umo|SUMO", "su[A-Za-z0-9]{12}|[A-Za-z0-9]{64}"),
    group: 1,
    score: 0.9,
    minEntropy: 3,
    source: "gitleaks sumologic.go (sumologic-access-id, sumologic-access-token)",
  },
  {
    id: "telegram",
    type: "telegram_bot_token",
    keywords: ["telegr"],
    pattern: semiGenericPattern("telegr", "[0-9]{5,16}:A[a-z0-9_-]{34}"),
    flags: "i",
    group: 1,
    score: 0.95,
    source: "gitleaks telegram.go (telegram-bot-api-token)",
  },
];
