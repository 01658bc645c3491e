import type { SecretPatternRule } from "./secret-rule-types.js";

/**
 * Rules ported by hand from shhgit's signatures (github.com/eth0izzle/shhgit@bac0c7d3, config.yaml,
 * MIT; see licenses/ and NOTICE), for the vendor formats of its list modelmux did not find: a token
 * shown up to 50 characters after the vendor's name (CodeClimate's 64 hex, Sauce Labs' UUID access
 * key, HockeyApp's 32 hex; a value under a secret-like name such as `SAUCE_ACCESS_KEY` the generic
 * rule found already), and Outlook's Office 365 connector webhook URL. Here the gap stays on one
 * line, the token is bounded on both sides, and HockeyApp's app ID (public, in every build) is left
 * out. The Outlook URL is reported only whole: shhgit matches its start, but `webhook/<group>@<tenant>`
 * without the `/IncomingWebhook/<id>/<connector>` part names a team and posts nothing (a documentation
 * shape, not a credential). Its other signatures are gitleaks' or find what modelmux finds.
 */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

export const SHHGIT_SECRET_RULES: SecretPatternRule[] = [
  {
    id: "shhgit.codeclimate",
    type: "codeclimate_token",
    keywords: ["codeclima"],
    pattern: "(?<![A-Za-z0-9])codeclima[^\\n]{0,50}?(?<![0-9a-f])([0-9a-f]{64})(?![0-9a-f])",
    flags: "i",
    group: 1,
    score: 0.85,
    minEntropy: 3,
    source: "shhgit config.yaml (CodeClimate)",
  },
  {
    id: "shhgit.sauce",
    type: "saucelabs_access_key",
    keywords: ["sauce"],
    pattern: `(?<![A-Za-z0-9])sauce[^\\n]{0,50}?(?<![0-9a-f-])(${UUID})(?![0-9a-f-])`,
    flags: "i",
    group: 1,
    score: 0.8,
    minEntropy: 3,
    source: "shhgit config.yaml (Sauce Token)",
  },
  {
    id: "shhgit.hockeyapp",
    type: "hockeyapp_token",
    keywords: ["hockey"],
    pattern:
      "(?<![A-Za-z0-9])hockey(?:(?!app[ _.-]?id|identifier)[^\\n]){0,50}?(?<![0-9a-f])([0-9a-f]{32})(?![0-9a-f])",
    flags: "i",
    group: 1,
    score: 0.8,
    minEntropy: 3,
    source: "shhgit config.yaml (HockeyApp)",
  },
  {
    id: "shhgit.outlook-webhook",
    type: "teams_webhook",
    keywords: ["outlook.office.com/webhook/"],
    pattern: `outlook\\.office\\.com/webhook/${UUID}@${UUID}/IncomingWebhook/[0-9a-f]{32}/${UUID}(?![0-9a-f-])`,
    flags: "i",
    score: 0.95,
    minEntropy: 3.5,
    source: "shhgit config.yaml (Outlook team)",
  },
];
