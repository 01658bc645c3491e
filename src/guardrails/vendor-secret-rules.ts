import { END, type SecretPatternRule, START } from "./secret-rule-types.js";

// The `Authorization:` schemes the http-auth rule below reads no token after, neither as the scheme
// word nor as the credential itself (its comment says why).
const NOT_A_TOKEN_SCHEME =
  "(?!(?:bearer|basic|digest|negotiate|ntlm|hoba|mutual|vapid|aws4-hmac-sha256|scram-sha-\\d+)\\b)";

/**
 * Whether a JWT's header and payload (the parts before its first two dots) are base64url JSON objects
 * and the header names its algorithm (`alg`, or `enc` for an encrypted one): a header cut a character
 * short (`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ`) or a run of base64 after `eyJ` is none.
 */
function isJwt(token: string): boolean {
  const [header = "", payload = ""] = token.split(".", 2);
  return isJoseHeader(header) && jsonObject(payload) !== undefined;
}

/** A JOSE header: a base64url JSON object naming its algorithm (`alg`, or `enc` for an encrypted token). */
function isJoseHeader(part: string): boolean {
  const fields = jsonObject(part);
  return fields !== undefined && ("alg" in fields || "enc" in fields);
}

/**
 * Whether a JOSE compact serialisation whose parts after the header are not a JSON payload (a JWE's
 * encrypted key, IV, ciphertext and tag; a JWS over opaque bytes) opens with a header that is a
 * base64url JSON object naming its algorithm, and holds 16 or more characters after it, drawn apart
 * from it: no part a copy of the header's text or of another part (`eyJ….NiIsInR5cCI6.NiIsInR5cCI6`).
 */
function isOpaqueJose(token: string): boolean {
  const [header = "", ...rest] = token.split(".");
  if (!isJoseHeader(header)) return false;
  const parts = rest.filter((part) => part !== "");
  return (
    token.length - header.length > MIN_JOSE_BODY &&
    parts.every((part, index) => !header.includes(part) && parts.indexOf(part) === index)
  );
}

/** What a header must be followed by: a payload, a key or a ciphertext, not a word. */
const MIN_JOSE_BODY = 16;

function jsonObject(part: string): Record<string, unknown> | undefined {
  const json = Buffer.from(part, "base64url").toString("utf8").trimEnd();
  // Most near-misses end before their closing brace: told apart without a parse that throws.
  if (!json.endsWith("}")) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Code hosts, chat, payment, AI vendors, package registries and generic token formats. */
export const VENDOR_SECRET_RULES: SecretPatternRule[] = [
  {
    id: "github",
    type: "github_token",
    keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
    pattern: `${START}(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})${END}`,
    score: 0.98,
    minEntropy: 3,
    source: "secretlint-rule-github; GitHub docs 'About authentication to GitHub' (token prefixes)",
  },
  {
    id: "gitlab",
    type: "gitlab_token",
    keywords: ["glpat-", "gldt-", "glrt-", "glptt-", "glft-", "glsoat-", "gloas-", "glcbt-"],
    pattern: `${START}(?:glpat|gldt|glrt|glptt|glft|glsoat|gloas|glcbt)-[\\w-]{20,128}${END}`,
    score: 0.97,
    minEntropy: 3,
    source: "secretlint-rule-gitlab; GitLab docs 'GitLab token overview' (token prefixes)",
  },
  {
    id: "slack",
    type: "slack_token",
    keywords: ["xox", "xapp-"],
    pattern: `${START}(?:xox[baprseo]-\\d{8,13}-[A-Za-z0-9-]{8,120}|xapp-\\d-[A-Z0-9]{6,20}-\\d{6,20}-[a-z0-9]{20,80})${END}`,
    score: 0.97,
    source: "gitleaks slack.go (slack-bot-token, slack-user-token, slack-app-token)",
  },
  {
    id: "slack",
    type: "slack_webhook",
    keywords: ["https://hooks.slack.com/"],
    pattern:
      "https://hooks\\.slack\\.com/(?:services|workflows)/T[A-Z0-9]{6,12}/[AB][A-Z0-9]{6,12}/[A-Za-z0-9]{20,40}",
    score: 0.97,
    source: "secretlint-rule-slack (IncomingWebhooks)",
  },
  {
    id: "stripe",
    type: "stripe_key",
    keywords: ["sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"],
    pattern: `${START}(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99}|whsec_[A-Za-z0-9]{32,64})(?![A-Za-z0-9])`,
    score: 0.97,
    minEntropy: 3,
    source: "secretlint-rule-stripe; Stripe docs 'API keys' and 'Webhook signing secrets'",
  },
  {
    id: "openai",
    type: "openai_key",
    keywords: ["sk-"],
    pattern: `${START}(?:sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})${END}`,
    score: 0.99,
    source: "secretlint-rule-openai",
  },
  {
    id: "openai",
    type: "openai_key",
    keywords: ["sk-proj-", "sk-svcacct-", "sk-admin-"],
    pattern: `${START}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}${END}`,
    score: 0.9,
    minEntropy: 3.5,
    source:
      "OpenAI project/service-account key prefixes (platform.openai.com API keys page); looser than secretlint",
  },
  {
    id: "anthropic",
    type: "anthropic_key",
    keywords: ["sk-ant-"],
    pattern: `${START}sk-ant-(?:api|admin)0\\d-[A-Za-z0-9_-]{90,128}AA${END}|${START}sk-ant-[a-z]{2,8}\\d{2}-[A-Za-z0-9_-]{32,160}${END}`,
    score: 0.98,
    minEntropy: 3.5,
    source: "secretlint-rule-anthropic; gitleaks anthropic.go (admin keys)",
  },
  {
    id: "huggingface",
    type: "huggingface_token",
    keywords: ["hf_"],
    pattern: `${START}hf_[a-zA-Z]{34}(?![a-zA-Z])`,
    score: 0.95,
    minEntropy: 3.5,
    source: "secretlint-rule-huggingface",
  },
  {
    id: "groq",
    type: "groq_key",
    keywords: ["gsk_"],
    pattern: `${START}gsk_[a-zA-Z0-9]{52}(?![a-zA-Z0-9])`,
    score: 0.97,
    source: "secretlint-rule-groq",
  },
  {
    id: "npm",
    type: "npm_token",
    keywords: ["npm_"],
    pattern: `${START}npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])`,
    score: 0.95,
    minEntropy: 3,
    source: "secretlint-rule-npm",
  },
  {
    id: "sendgrid",
    type: "sendgrid_key",
    keywords: ["sg."],
    pattern: `${START}SG\\.[\\w-]{16,32}\\.[\\w-]{16,64}${END}`,
    score: 0.95,
    minEntropy: 3.5,
    source: "secretlint-rule-sendgrid; gitleaks sendgrid.go",
  },
  {
    id: "shopify",
    type: "shopify_token",
    keywords: ["shpat_", "shpca_", "shppa_", "shpss_"],
    pattern: `${START}shp(?:at|ca|pa|ss)_[a-zA-Z0-9]{32,64}(?![a-zA-Z0-9])`,
    score: 0.95,
    source: "secretlint-rule-shopify",
  },
  {
    id: "vault",
    type: "vault_token",
    keywords: ["hvs.", "hvb.", "hvr."],
    pattern: `${START}(?:hvs|hvr)\\.[\\w-]{90,120}${END}|${START}hvb\\.[\\w-]{138,300}${END}`,
    score: 0.95,
    source: "secretlint-rule-hashicorp-vault",
  },
  {
    id: "digitalocean",
    type: "digitalocean_token",
    keywords: ["dop_v1_", "doo_v1_", "dor_v1_"],
    pattern: `${START}do[opr]_v1_[a-f0-9]{64}(?![a-f0-9])`,
    score: 0.97,
    source: "gitleaks digitalocean.go",
  },
  {
    id: "databricks",
    type: "databricks_token",
    keywords: ["dapi"],
    pattern: `${START}dapi[a-f0-9]{32}(?:-\\d)?(?![a-f0-9])`,
    score: 0.9,
    source: "secretlint-rule-databricks",
  },
  {
    id: "misc",
    type: "api_token",
    keywords: ["lin_api_", "ntn_", "dckr_pat_", "figd_", "glc_", "glsa_", "tskey-", "pypi-ageichlwas5vcmc"],
    pattern: `${START}(?:lin_api_[A-Za-z0-9]{32,128}|ntn_\\d{11}[A-Za-z0-9]{35}|dckr_pat_[\\w-]{27}|figd_[\\w-]{40,200}|glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|tskey-[a-z]{2,20}-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}|pypi-AgEIcHlwaS5vcmc[\\w-]{50,1000})${END}`,
    score: 0.95,
    minEntropy: 3,
    source:
      "secretlint-rule-linear, -notion, -docker, -figma, -grafana, -tailscale; gitleaks pypi.go (pypi-upload-token)",
  },
  {
    id: "mailchimp",
    type: "mailchimp_key",
    keywords: ["-us"],
    back: 32,
    pattern: "(?<![A-Za-z0-9_-])[0-9a-f]{32}-us\\d{1,2}(?![A-Za-z0-9_-])",
    score: 0.93,
    minEntropy: 3,
    source: "detect-secrets mailchimp.py (32 hex digits, then the data centre: -us1 … -us99)",
  },
  {
    id: "jwt",
    type: "jwt",
    keywords: ["eyj"],
    pattern: `${START}eyJ[A-Za-z0-9_-]{8,4000}\\.eyJ[A-Za-z0-9_-]{8,8000}\\.[A-Za-z0-9_-]{16,1000}${END}`,
    score: 0.9,
    // Not checked as JSON: scanners' own examples garble the header (`eyJhbGciOieeei…`) and still count it.
    source: "gitleaks jwt.go; RFC 7519 (base64url JSON header and payload both open with eyJ)",
  },
  {
    // Header and payload without a signature (`eyJ….eyJ…`, or `eyJ….eyJ….` of an unsecured JWT): the
    // claims still carry the session, and detect-secrets' jwt plugin reports it. Without a signature's
    // shape to go by, both parts must be JSON and the header must name its algorithm (RFC 7515 4.1.1).
    id: "jwt",
    type: "jwt",
    keywords: ["eyj"],
    pattern: `${START}eyJ[A-Za-z0-9_-]{8,4000}\\.eyJ[A-Za-z0-9_-]{8,8000}\\.?(?![A-Za-z0-9_.-])`,
    score: 0.85,
    valid: isJwt,
    source:
      "detect-secrets jwt.py (signature optional); RFC 7519 6.1 (unsecured JWTs: the signature empty); RFC 7515 4.1.1",
  },
  {
    // A JOSE header and parts that are no JSON payload: a JWE (RFC 7516 7.1: five parts, the encrypted
    // key empty under `dir`) or a JWS over opaque bytes (`eyJhbGciOiJIUzI1NiJ9.<random>`). The header,
    // JSON naming its algorithm, says what the rest is; the second part is not `eyJ` (the rules above).
    id: "jose-opaque",
    type: "jwt",
    keywords: ["eyj"],
    pattern: `${START}eyJ[A-Za-z0-9_-]{8,4000}(?:\\.(?!eyJ)[A-Za-z0-9_-]{0,8000}){1,4}(?![A-Za-z0-9_.-])`,
    score: 0.85,
    minEntropy: 3.5,
    valid: isOpaqueJose,
    source:
      "RFC 7516 7.1 (JWE compact serialisation); RFC 7515 7.1 (JWS compact, any payload); RFC 7515 4.1.1",
  },
  {
    id: "http-auth",
    type: "authorization_token",
    keywords: ["authorization"],
    // `Authorization: Token …`, `Authorization: Api-Token …`, any other scheme's word (`ApiKey …`,
    // `SSWS …`, RFC 7235's `auth-scheme token68`) or bare credentials, also as a JSON or YAML key;
    // Bearer and Basic have their own rules, Digest, NTLM and the like carry no secret of their own. A
    // credential holds a letter and a digit: "Authorization: required-for-admins" is prose.
    pattern: `(?<![A-Za-z-])authorization["']?:[ \\t]{0,5}["']?(?:${NOT_A_TOKEN_SCHEME}[A-Za-z][\\w-]{1,30}[ \\t]{1,5})?${NOT_A_TOKEN_SCHEME}(?=[\\w=~@.+/-]{0,800}\\d)(?=[\\w=~@.+/-]{0,800}[A-Za-z])([\\w=~@.+/-]{8,800})(?![\\w=~@.+/-])`,
    flags: "i",
    group: 1,
    score: 0.85,
    minEntropy: 2.75,
    source:
      "gitleaks curl.go (curl-auth-header: Authorization with Token/Api-Token or bare credentials, entropy 2.75), without its curl command, any scheme; RFC 7235 sections 2.1 and 4.2",
  },
  {
    id: "http-auth",
    type: "bearer_token",
    keywords: ["bearer"],
    pattern: "(?<![A-Za-z])bearer[ \\t]{1,5}([A-Za-z0-9._~+/-]{20,800}=*)(?![A-Za-z0-9._~+/=-])",
    flags: "i",
    group: 1,
    score: 0.85,
    minEntropy: 3.2,
    source: "RFC 6750 section 2.1 (Authorization: Bearer header)",
  },
];
