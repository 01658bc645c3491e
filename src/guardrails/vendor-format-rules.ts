import { END, type SecretPatternRule, START } from "./secret-rule-types.js";

/**
 * Token formats that every ported rule set left out or bound to a vendor's name nearby, written
 * from the vendors' own documentation of the format (each rule names the page) or, for Slack's
 * workspace tokens and SoftLayer's API URL, from the shapes detect-secrets' plugins read (Yelp/detect-secrets
 * @5e14193, Apache-2.0; see NOTICE), and for Teamwork's, from the token Kingfisher's rules read after the
 * vendor's name (mongodb/kingfisher, Apache-2.0; see NOTICE).
 * Each but the Kubernetes bootstrap token (read after a `token` name) is a prefix distinctive enough to
 * stand alone, so no vendor name is asked for around it.
 */
export const VENDOR_FORMAT_RULES: SecretPatternRule[] = [
  {
    id: "vendor-format.vault-service-token",
    type: "vault_token",
    keywords: ["hvs."],
    // The 90-120 character form (Vault 1.10+, with its HMAC) is vendor-secret-rules.ts's; this is the
    // 24-character one Vault's token docs show (`hvs.` and 24 base62 characters).
    pattern: `${START}hvs\\.[A-Za-z0-9]{24}${END}`,
    score: 0.9,
    minEntropy: 3.5,
    source: "HashiCorp Vault docs, Tokens (token prefixes hvs./hvb./hvr.; service token examples)",
  },
  {
    id: "vendor-format.fcm-server-key",
    type: "firebase_fcm_server_key",
    keywords: [":apa91b"],
    back: 11,
    pattern: `${START}AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{130,200}${END}`,
    score: 0.95,
    minEntropy: 4,
    source: "Firebase Cloud Messaging docs, legacy server key (AAAA…:APA91b…)",
  },
  {
    id: "vendor-format.bitbucket-app-password",
    type: "bitbucket_app_password",
    keywords: ["atbb"],
    pattern: `${START}ATBB[A-Za-z0-9]{32,40}${END}`,
    score: 0.9,
    minEntropy: 3.8,
    source: "Atlassian docs, Bitbucket app passwords (the ATBB prefix)",
  },
  {
    id: "vendor-format.tencent-secret-id",
    type: "tencent_cloud_key",
    keywords: ["akid"],
    pattern: `${START}AKID[A-Za-z0-9]{32}${END}`,
    score: 0.9,
    minEntropy: 3.8,
    source: "Tencent Cloud API docs, access keys (SecretId: AKID and 32 characters)",
  },
  {
    id: "vendor-format.yandex-cloud-api-key",
    type: "yandex_cloud_api_key",
    keywords: ["aqvn"],
    pattern: `${START}AQVN[A-Za-z0-9_-]{35,38}${END}`,
    score: 0.9,
    minEntropy: 3.8,
    source: "Yandex Cloud docs, API keys (AQVN prefix)",
  },
  {
    id: "vendor-format.twitter-app-bearer",
    type: "twitter_bearer_token",
    keywords: ["aaaaaaaaaaaaaaaaaaaa"],
    // An app-only bearer token: a run of `A`s (21 or more), then URL-encoded base64.
    pattern: `(?<![A-Za-z0-9%])A{20}[A-Za-z0-9%]{60,160}(?![A-Za-z0-9%])`,
    score: 0.9,
    minEntropy: 3.5,
    source: "X (Twitter) API docs, OAuth 2.0 App-only bearer tokens (AAAAAAAAAAAAAAAAAAAAA…)",
  },
  {
    id: "vendor-format.notion-integration-secret",
    type: "notion_token",
    keywords: ["secret_"],
    // Notion's internal integration secrets before the `ntn_` prefix: `secret_` and 43 base62 characters.
    pattern: `${START}secret_[A-Za-z0-9]{43}${END}`,
    score: 0.85,
    minEntropy: 4,
    source: "Notion API docs, internal integration secrets (secret_…, before ntn_)",
  },
  {
    id: "vendor-format.deepseek-key",
    type: "deepseek_api_key",
    keywords: ["sk-"],
    pattern: `${START}sk-[a-f0-9]{32}${END}`,
    score: 0.85,
    minEntropy: 3.2,
    source: "DeepSeek API docs, API keys (sk- and 32 hex characters)",
  },
  {
    id: "vendor-format.kubernetes-bootstrap-token",
    type: "kubernetes_bootstrap_token",
    keywords: ["token"],
    // `kubeadm join --token abcdef.0123456789abcdef`, a kubeconfig's `token: …`: six and sixteen
    // characters of [a-z0-9] around a dot, which the generic reading takes for a dotted name.
    pattern: `token["']?(?:[ \t]{0,5}[:=][ \t]{0,5}|[ \t]{1,5})["']?([a-z0-9]{6}\\.[a-z0-9]{16})(?![A-Za-z0-9._-])`,
    flags: "i",
    group: 1,
    score: 0.85,
    minEntropy: 3,
    source: "Kubernetes docs, Authenticating with Bootstrap Tokens (token format [a-z0-9]{6}.[a-z0-9]{16})",
  },
  {
    id: "vendor-format.flutterwave-live-secret",
    type: "flutterwave_secret_key",
    keywords: ["flwseck-"],
    // The live secret key; the test one (`FLWSECK_TEST-…-X`) is gitleaks-token-rules.ts's.
    pattern: `${START}FLWSECK-[a-fA-F0-9]{32}-X${END}`,
    score: 0.93,
    minEntropy: 3,
    source: "Flutterwave docs, API keys (live secret key FLWSECK-…-X, test FLWSECK_TEST-…-X)",
  },
  {
    id: "vendor-format.teamwork-api-token",
    type: "teamwork_api_token",
    keywords: ["tkn.v1_"],
    // Kingfisher's Teamwork rules read the token only after `teamwork`; its own prefix is distinctive.
    pattern: `${START}tkn\\.v1_[A-Za-z0-9]{71}=${END}`,
    score: 0.9,
    minEntropy: 4,
    source:
      "Kingfisher data/rules/teamworkcrm.yml, teamworkdesk.yml, teamworkspaces.yml (tkn.v1_, 71 base62 characters, =)",
  },
  {
    id: "vendor-format.slack-workspace-token",
    type: "slack_token",
    keywords: ["xoxa-", "xoxr-"],
    // Workspace-app tokens carry a version digit, then numeric ids: `xoxa-2-<ids>-<hex>`.
    pattern: `${START}xox[ar]-\\d{1,2}(?:-\\d{6,20}){1,4}-[a-fA-F0-9]{12,100}${END}`,
    score: 0.95,
    source: "detect-secrets plugins/slack.py (xox[abposr]-(?:\\d+-)+[a-z0-9]+, Apache-2.0)",
  },
  {
    id: "vendor-format.softlayer-api-url",
    type: "softlayer_api_key",
    keywords: ["api.softlayer.com/"],
    pattern: `api\\.softlayer\\.com\\/(?:soap|rest)\\/v3(?:\\.1)?\\/([a-z0-9]{64})(?![a-z0-9])`,
    flags: "i",
    group: 1,
    score: 0.9,
    minEntropy: 3,
    source: "detect-secrets plugins/softlayer.py (the key inside the API URL, Apache-2.0)",
  },
];
