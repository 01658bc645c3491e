import { describe, expect, it } from "vitest";
import { createSecretDetector } from "../../src/guardrails/secrets.js";
import { alnum, base64, hex, urlSafe } from "./fake-values.js";

const detector = createSecretDetector();
const found = (text: string) =>
  detector.scan(text).map((finding) => ({ ...finding, value: text.slice(finding.start, finding.end) }));

describe("secret detector: vendor formats", () => {
  const cases: [string, string, string][] = [
    ["aws_access_key", `AKIA${fakeUpper(16)}`, "key id {}"],
    ["aws_secret_key", base64(40, 2), "aws_secret_access_key = {}"],
    ["gcp_api_key", `AIza${urlSafe(35, 3)}`, 'apiKey: "{}"'],
    ["gcp_oauth_client_secret", `GOCSPX-${urlSafe(28, 4)}`, "client_secret={}"],
    ["google_oauth_token", `ya29.${urlSafe(40, 5)}`, "Authorization header had {}"],
    ["azure_client_secret", `${alnum(3, 6)}8Q~${alnum(34, 7)}`, "AZURE_CLIENT_SECRET={}"],
    [
      "azure_storage_key",
      `${base64(86, 8)}==`,
      "AccountName=x;AccountKey={};EndpointSuffix=core.windows.net",
    ],
    ["azure_sas_token", `${alnum(43, 9)}%3D`, "https://a.blob.core.windows.net/c/f?sv=2022-11-02&sig={}"],
    ["github_token", `ghp_${alnum(36, 10)}`, "token {}"],
    ["github_token", `github_pat_${alnum(22, 11)}_${alnum(59, 12)}`, "GITHUB_TOKEN={}"],
    ["gitlab_token", `glpat-${urlSafe(20, 13)}`, "PRIVATE-TOKEN: {}"],
    ["slack_token", `xoxb-12345678901-1234567890123-${alnum(24, 14)}`, "SLACK_BOT_TOKEN={}"],
    [
      "slack_webhook",
      `https://hooks.slack.com/services/T01ABCDEF/B01ABCDEFGH/${alnum(24, 15)}`,
      "post to {}",
    ],
    ["stripe_key", `sk_live_${alnum(32, 16)}`, "stripe.api_key = '{}'"],
    ["openai_key", `sk-proj-${urlSafe(74, 17)}T3BlbkFJ${urlSafe(74, 18)}`, "OPENAI_API_KEY={}"],
    ["anthropic_key", `sk-ant-api03-${urlSafe(93, 19)}AA`, "x-api-key: {}"],
    ["huggingface_token", `hf_${fakeLetters(34)}`, "--token {}"],
    ["groq_key", `gsk_${alnum(52, 20)}`, "GROQ_API_KEY={}"],
    ["npm_token", `npm_${alnum(36, 21)}`, "//registry.npmjs.org/:_authToken={}"],
    ["sendgrid_key", `SG.${urlSafe(22, 22)}.${urlSafe(43, 23)}`, "SendGridAPIClient('{}')"],
    ["digitalocean_token", `dop_v1_${hex(64, 24)}`, "doctl auth init -t {}"],
    ["vault_token", `hvs.${urlSafe(95, 25)}`, "VAULT_TOKEN={}"],
    ["shopify_token", `shpat_${hex(32, 26)}`, "X-Shopify-Access-Token: {}"],
  ];
  it.each(cases)("finds %s and spans exactly the secret", (type, secret, template) => {
    const text = template.replace("{}", secret);
    const findings = found(text);
    expect(findings.map((finding) => [finding.type, finding.value])).toContainEqual([type, secret]);
  });

  it("finds a JWT, a PEM private key (complete or truncated) and a key inside service-account JSON", () => {
    const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${urlSafe(43, 30)}`;
    expect(found(`Bearer ${jwt}`).map((finding) => finding.type)).toContain("jwt");
    const body = Array.from({ length: 6 }, (_, line) => base64(64, 40 + line)).join("\n");
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
    expect(found(`key:\n${pem}\nthanks`)[0]).toMatchObject({ type: "private_key", value: pem, score: 0.99 });
    const truncated = `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.split("\n").slice(0, 3).join("\n")}`;
    expect(found(`${truncated}\n\nIt was cut off, sorry.`)[0]).toMatchObject({
      type: "private_key",
      value: truncated,
    });
    const json = `{"type": "service_account", "private_key": "${pem.replaceAll("\n", "\\n")}\\n"}`;
    expect(found(json).map((finding) => finding.type)).toEqual(["private_key"]);
  });

  it("finds a JOSE header before parts that are no JSON payload (a JWE, a JWS over opaque bytes)", () => {
    const header = (fields: object) => Buffer.from(JSON.stringify(fields)).toString("base64url");
    const jwe = `${header({ alg: "dir", enc: "A256GCM" })}..${urlSafe(16, 31)}.${urlSafe(60, 32)}.${urlSafe(22, 33)}`;
    expect(found(`token=${jwe}`)).toMatchObject([{ type: "jwt", value: jwe }]);
    const opaque = `${header({ alg: "HS256", typ: "JWT" })}.${urlSafe(120, 34)}`;
    expect(found(opaque)).toMatchObject([{ type: "jwt", value: opaque }]);
    // No algorithm named, parts copied from the header's text, or a word after it: none.
    expect(found(`${header({ typ: "JWT", kid: "k1" })}.${urlSafe(120, 35)}`)).toEqual([]);
    const typed = header({ alg: "RS256", typ: "JWT" });
    expect(found(`${typed}.${typed.slice(12, 30)}.${typed.slice(12, 30)}`)).toEqual([]);
    expect(found(`${typed}.json`)).toEqual([]);
  });

  it("spans only the password of a connection string", () => {
    expect(found("DATABASE_URL=postgres://billing:Qm7vX2pLr9@db.internal:5432/billing")).toMatchObject([
      { type: "database_password", value: "Qm7vX2pLr9" },
    ]);
    expect(found("REDIS_URL=rediss://:Lp4xZq9Vb2Nw@cache:6380/0")).toMatchObject([{ value: "Lp4xZq9Vb2Nw" }]);
    expect(found("https://deploy:T0psecr3t-2024@artifacts.acme.io/")).toMatchObject([
      { type: "url_password" },
    ]);
  });

  it("finds high-entropy values assigned to secret-like names", () => {
    const value = alnum(32, 50);
    const texts = [
      `api_key: ${value}`,
      `"client_secret": "${value}"`,
      `export SECRET_TOKEN=${value}`,
      `X-Api-Key: ${value}`,
      `<password>${value}</password>`,
      `mysql --password ${value}`,
    ];
    for (const text of texts)
      expect(
        found(text).map((finding) => finding.value),
        text,
      ).toEqual([value]);
    expect(found("DB_PASSWORD=Xk9#mP2qL!v7")).toMatchObject([{ type: "password", value: "Xk9#mP2qL!v7" }]);
    expect(found("my password is Tr0ub4dor&3")).toMatchObject([{ type: "password", value: "Tr0ub4dor&3" }]);
  });

  it("masks every preview: never the whole secret", () => {
    const secret = `ghp_${alnum(36, 60)}`;
    const [finding] = found(`token ${secret}`);
    expect(finding?.preview).toBe("ghp_…");
    expect(finding?.preview).not.toContain(secret.slice(4, 12));
  });
});

describe("secret detector: passwords given in words, in eight more languages", () => {
  const given: [string, string][] = [
    ["mein Passwort lautet Sommer2024!", "Sommer2024"],
    ["Das WLAN-Kennwort ist: Haus#Garten77", "Haus#Garten77"],
    ["Mot de passe : soleil2024", "soleil2024"],
    ["le mot de passe est « Xk9#mP2q »", "Xk9#mP2q"],
    ["mi contraseña es Verano2024, no la compartas", "Verano2024"],
    ["пароль: Лето2024", "Лето2024"],
    ["Мой пароль — qwe!RTY42", "qwe!RTY42"],
    ["我的密码是summer2024。", "summer2024"],
    ["WiFi密码：Tr0ub4dor&3", "Tr0ub4dor&3"],
    ["パスワードは abc12345 です", "abc12345"],
    ["كلمة المرور هي Nour2024!", "Nour2024"],
    ["मेरा पासवर्ड abc@1234 है", "abc@1234"],
    ["पासवर्ड: Ghar#2024", "Ghar#2024"],
  ];
  it.each(given)("finds the password in %s", (text, value) => {
    expect(found(text)).toMatchObject([{ type: "password", value }]);
  });

  const talk = [
    "Passwort vergessen? Hier zurücksetzen.",
    "Das Passwort ist falsch.",
    "Der Passwortmanager: speichert alles sicher",
    "Le mot de passe est trop court.",
    "la contraseña es obligatoria",
    "пароль — это набор символов",
    "密码是什么？",
    "パスワードは8文字以上です",
    "كلمة المرور هي مفتاح حسابك",
    "पासवर्ड बदलना है",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "Passwort: ${DB_PASSWORD}",
    "contraseña: 12345678",
  ];
  it.each(talk)("reports nothing for %s", (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("secret detector: hard negatives", () => {
  const negatives = [
    "Never commit AWS_SECRET_ACCESS_KEY to git; rotate it every 90 days.",
    "The AWS docs use AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY as examples.",
    "Set OPENAI_API_KEY=sk-... in your .env file.",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style reference, on purpose
    "password: ${DB_PASSWORD}",
    "api_key = os.environ['STRIPE_API_KEY']",
    "token = get_token_from_vault(role='reader')",
    "headers = {'Authorization': f'Bearer {access_token}'}",
    "Authorization: Bearer <YOUR_TOKEN>",
    "A PEM file starts with -----BEGIN RSA PRIVATE KEY----- and ends with the END line.",
    "max_tokens=4096, token_count: 18234",
    "password_min_length = 12",
    "secret_name: prod/db/credentials",
    "client_secret=bP88Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    'apiKey: "AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
    "AIZASYCO2CXRMC9ELSKLHLHRMBSWDEVEDZTLO2O",
    "the password is required",
    "token: string",
    'password="********"',
    "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
    "request_id: 3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "The secret to a good sourdough is a long, cold fermentation.",
  ];
  it.each(negatives)("reports nothing for %s", (text) => {
    expect(found(text)).toEqual([]);
  });
});

function fakeUpper(length: number): string {
  return alnum(length * 3, 77)
    .toUpperCase()
    .replace(/[^A-Z2-7]/g, "")
    .slice(0, length)
    .padEnd(length, "Q");
}

function fakeLetters(length: number): string {
  return alnum(length * 2, 78)
    .replace(/[^A-Za-z]/g, "")
    .slice(0, length)
    .padEnd(length, "q");
}
