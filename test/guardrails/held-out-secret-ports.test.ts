import { describe, expect, it } from "vitest";
import { alnum, fakeChars, hex, urlSafe } from "./fake-values.js";
import { reportedSecrets, reportedSecretValues } from "./reported-secrets.js";

// Session 8's secret fixes from the held-out corpus's dev split (gitleaks' rule samples and
// detect-secrets' plugin tests, bench/pii-secrets.ts --misses): each case failed before its fix, and
// each group has benign counterparts that must stay unreported.
const digits = (length: number, seed: number) => fakeChars(length, "0123456789", seed);
const upperAlnum = (length: number, seed: number) =>
  fakeChars(length, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", seed);

describe("gitleaks token formats written alone", () => {
  const tokens = [
    `p8e-${alnum(32, 1)}`,
    `LTAI${alnum(20, 2)}`,
    `AKCp${alnum(69, 3)}`,
    `cmVmd${alnum(59, 4)}`,
    `4b1d${alnum(38, 5)}`,
    `CLOJARS_${fakeChars(60, "abcdefghijklmnopqrstuvwxyz0123456789", 6)}`,
    `v1.0-${hex(24, 7)}-${hex(146, 8)}`,
    `duffel_live_${urlSafe(43, 9)}`,
    `dt0c01.${upperAlnum(24, 10)}.${alnum(64, 11)}`,
    `FLWSECK_TEST-${fakeChars(32, "abcdefgh0123456789", 12)}-X`,
    `fio-u-${urlSafe(64, 13)}`,
    `glimt-${urlSafe(25, 14)}`,
    `glagent-${urlSafe(50, 15)}`,
    `GR1348941${urlSafe(20, 16)}`,
    `eyJrIjoi${alnum(80, 17)}`,
    `pat.${urlSafe(22, 18)}.${alnum(24, 19)}.${alnum(20, 20)}`,
    `${alnum(14, 21)}.atlasv1.${urlSafe(64, 22)}`,
    `api_org_${fakeChars(34, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 23)}`,
    `ico-${alnum(32, 24)}`,
    `${alnum(6, 25)}_${alnum(29, 26)}_mmk`,
    `API-${upperAlnum(26, 27)}`,
    `pplx-${alnum(48, 28)}`,
    `pscale_tkn_${urlSafe(43, 29)}`,
    `PMAK-${hex(24, 30)}-${hex(34, 31)}`,
    `pnu_${alnum(36, 32)}`,
    `pul-${hex(40, 33)}`,
    `rdme_${fakeChars(70, "abcdefghijklmnopqrstuvwxyz0123456789", 34)}`,
    `rubygems_${hex(48, 35)}`,
    `tk-us-${urlSafe(48, 36)}`,
    `xkeysib-${hex(64, 37)}-${alnum(16, 38)}`,
    `sntryu_${hex(64, 39)}`,
    `sm_pat_${alnum(16, 40)}`,
    `shippo_live_${hex(40, 41)}`,
    `SK${hex(32, 42)}`,
    `xoxs-523423-234243-234233-${hex(18, 43)}`,
    `xoxa-2-${alnum(24, 44)}`,
    `bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t${alnum(60, 47)}`,
    `dnkey-${urlSafe(26, 54)}-${urlSafe(52, 55)}`,
    `NRII-${fakeChars(32, "abcdefghijklmnopqrstuvwxyz0123456789-", 56)}`,
  ];
  it.each(tokens)("finds %s in prose", (token) => {
    expect(reportedSecretValues(`the build log printed ${token} before it failed`)).toEqual([token]);
  });

  it("finds a GitLab session cookie's value", () => {
    const value = fakeChars(32, "abcdefghijklmnopqrstuvwxyz0123456789", 48);
    expect(reportedSecretValues(`Cookie: _gitlab_session=${value}; path=/`)).toEqual([value]);
  });

  it("finds a Slack workflow webhook, whose path is longer than a service webhook's", () => {
    const path = `T${upperAlnum(10, 49)}/A${upperAlnum(10, 50)}/${digits(18, 51)}/${alnum(24, 52)}`;
    expect(reportedSecretValues(`POST https://hooks.slack.com/workflows/${path}`)).toEqual([
      `hooks.slack.com/workflows/${path}`,
    ]);
  });

  it.each([
    // A file name is not a token, nor a masked or low-entropy one.
    `http://assets.example.com/media/video_box.ico-${hex(32, 53)}.png`,
    `AKCp${"x".repeat(69)}`,
    `SK${"0".repeat(32)}`,
    `the task list is at API-REFERENCE-GUIDE-VERSION-TWO`,
    `see pat.${"a".repeat(22)}.b for details`,
    // One character short of a New Relic insert key: a key cut short stays the rule's.
    `NRII-${alnum(31, 59)}`,
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
  it("reads a Defined Networking key one segment short by its shape, not as the vendor's (session 28)", () => {
    // The rule reads 26 and 52; a first part of 25 is off its format from the start, another format
    // under a known prefix, and its parts are drawn at random: a prefixed token.
    const token = `dnkey-${urlSafe(25, 57)}-${urlSafe(52, 58)}`;
    expect(reportedSecrets(token).map((finding) => finding.type)).toEqual(["prefixed_token"]);
  });
});

describe("gitleaks' vendor-named secrets the generic rule leaves alone", () => {
  const cases: [string, string][] = [
    [`discord_client_secret = ${digits(18, 60)}`, digits(18, 60)],
    [`asanaToken := "${digits(16, 61)}"`, digits(16, 61)],
    [`SONAR_LOGIN: "${urlSafe(40, 62)}"`, urlSafe(40, 62)],
    [`sumologic.accessId = "su${alnum(12, 63)}"`, `su${alnum(12, 63)}`],
    [`export BUNDLE_GEMS__CONTRIBSYS__COM=${hex(8, 64)}:${hex(8, 65)}`, `${hex(8, 64)}:${hex(8, 65)}`],
    [
      `telegram bot: ${digits(8, 66)}:Ak6q_${fakeChars(30, "abcdefghijklmnopqrstuvwxyz0123456789_-", 67)}`,
      `${digits(8, 66)}:Ak6q_${fakeChars(30, "abcdefghijklmnopqrstuvwxyz0123456789_-", 67)}`,
    ],
    [`sourcegraph: ${hex(40, 68)}`, hex(40, 68)],
  ];
  it.each(cases)("finds the value in %s", (text, value) => {
    expect(reportedSecretValues(text)).toEqual([value]);
  });

  it.each([
    // Snowflake and project ids share the secrets' shape; only a name that says "secret" counts.
    `discord_channel_id = ${digits(18, 69)}`,
    `asana_project_gid: "${digits(16, 70)}"`,
    `sonar.projectName = "${urlSafe(40, 71)}"`,
    `sumo logic region: us2`,
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

describe("vendor formats written alone (detect-secrets' shapes)", () => {
  const telegram = `${digits(10, 72)}:AA${urlSafe(33, 73)}`;
  const mailchimp = `${hex(32, 74)}-us21`;
  it.each([telegram, mailchimp])("finds %s in prose", (token) => {
    expect(reportedSecretValues(`the bot crashed with ${token} in its config`)).toEqual([token]);
  });
  it("finds a Telegram bot token at the very start of the text", () => {
    expect(reportedSecretValues(telegram)).toEqual([telegram]);
  });
  it.each([
    `${digits(10, 75)}:AA${"A".repeat(33)}`,
    `${digits(6, 76)}:AA${urlSafe(33, 77)}`,
    `x${digits(10, 78)}:AA${urlSafe(33, 79)}`,
    `${hex(32, 80)}-user`,
    `${hex(32, 81)}-us-east-1`,
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

describe("HTTP Authorization with a token scheme or bare credentials (gitleaks curl-auth-header)", () => {
  const token = hex(40, 82);
  it.each([
    `curl -H "Authorization: Token ${token}" https://api.internal/v1`,
    `curl -H "Authorization: Api-Token ${token}" https://api.internal/v1`,
    `headers = {"Authorization": "Token ${token}"}`,
    `Authorization: ${token}`,
  ])("finds the credential in %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([token]);
  });
  it.each([
    "Authorization: required-for-admins",
    "Authorization: pending",
    "Authorization: Negotiate",
    "## Authorization: how tokens are issued",
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

describe("GCP API keys gitleaks allows as published", () => {
  it("reports a key from Google's public samples as nothing, and any other key as a secret", () => {
    const script = (key: string) =>
      `<script src="https://maps.googleapis.com/maps/api/js?key=${key}"></script>`;
    expect(reportedSecretValues(script("AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM"))).toEqual([]);
    const key = `AIzaSy${urlSafe(33, 83)}`;
    expect(reportedSecretValues(script(key))).toEqual([key]);
  });
});

describe("generic secrets: templates, comparisons, stopwords", () => {
  // Holds `${` and `{{` that are no template reference.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a `${` that is no template, on purpose
  const symbols = "Zx9{{q}v)k${e]r7(b[t>-_$#w}}";
  it.each([
    [`db_password = "${symbols}"`, symbols],
    [`if (db_pass !== "Tr0ub4dor&3x") {`, "Tr0ub4dor&3x"],
    [`password = "Pa(ss)w0rd!x"`, "Pa(ss)w0rd!x"],
  ])("finds the value in %s", (text, value) => {
    expect(reportedSecretValues(text)).toEqual([value]);
  });
  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    'password = "${DB_PASSWORD}"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "password: ${DB_PASSWORD}",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "password: ${link}",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "SUMO_ACCESS_KEY=${SUMO_ACCESS_KEY:=$2}",
    'password: "{{ .Values.db.password }}"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "token: ${{ secrets.DEPLOY_TOKEN }}",
    "if (token == expected_token)",
    'if (password === "")',
    'password = os.getenv("DB_PASSWORD")',
    'password = "$(cat ./secret.txt)"',
    'password = "somefakekey"',
    "aws_access_key: AKIAIOSFODNN7EXAMPLE",
    'aws_secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
    'password = ",.:-@*?!"',
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
