import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { alnum, fakeChars, hex } from "./fake-values.js";
import { reportedSecretSpans, reportedSecrets } from "./reported-secrets.js";

// Token formats written from the vendors' docs (vendor-format-rules.ts) and private keys in the forms
// the PEM reading cannot see (encoded-private-key.ts). Values are drawn at test time; assertions
// compare spans, so no value is printed on success.
const lowerAlnum = (length: number, seed: number) =>
  fakeChars(length, "abcdefghijklmnopqrstuvwxyz0123456789", seed);
const urlSafe = (length: number, seed: number) =>
  fakeChars(length, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", seed);

describe("vendor formats that stand alone", () => {
  const cases: [string, (seed: number) => string, (secret: string) => string][] = [
    [
      "Vault service token, 24 characters",
      (seed) => `hvs.${alnum(24, seed)}`,
      (s) => `export VAULT_TOKEN=${s}`,
    ],
    [
      "FCM legacy server key",
      (seed) => `AAAA${urlSafe(7, seed)}:APA91b${urlSafe(134, seed + 1)}`,
      (s) => `Authorization: key=${s}`,
    ],
    ["Bitbucket app password", (seed) => `ATBB${alnum(32, seed)}`, (s) => `app password ${s}`],
    ["Tencent Cloud SecretId", (seed) => `AKID${alnum(32, seed)}`, (s) => `SecretId: ${s}`],
    ["Yandex Cloud API key", (seed) => `AQVN${urlSafe(36, seed)}`, (s) => `api_key ${s}`],
    [
      "X app-only bearer token",
      (seed) => `${"A".repeat(21)}${alnum(90, seed)}`,
      (s) => `curl -H "Authorization: Bearer ${s}" https://api.x.com/2/tweets`,
    ],
    [
      "Notion integration secret",
      (seed) => `secret_${alnum(43, seed)}`,
      (s) => `const notion = new Client({ auth: "${s}" })`,
    ],
    ["DeepSeek key", (seed) => `sk-${hex(32, seed)}`, (s) => `client = OpenAI(api_key="${s}", base_url=url)`],
    [
      "Slack workspace token",
      (seed) =>
        `xoxa-2-${fakeChars(10, "0123456789", seed)}-${fakeChars(11, "0123456789", seed + 1)}-${hex(32, seed)}`,
      (s) => `SLACK=${s}`,
    ],
    [
      "kubeadm bootstrap token",
      (seed) => `${lowerAlnum(6, seed)}.${lowerAlnum(16, seed + 1)}`,
      (s) => `kubeadm join 10.0.0.1:6443 --token ${s} --discovery-token-unsafe-skip-ca-verification`,
    ],
    [
      "AWS access key id with digits outside base32",
      (seed) => `AKIA${fakeChars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", seed)}`,
      (s) => `aws_id: ${s}`,
    ],
    ["a personal access token's name", (seed) => lowerAlnum(52, seed), (s) => `AZURE_DEVOPS_PAT=${s}`],
    ["Flutterwave live secret key", (seed) => `FLWSECK-${hex(32, seed)}-X`, (s) => `the payment key is ${s}`],
    ["Teamwork API token", (seed) => `tkn.v1_${alnum(71, seed)}=`, (s) => `token ${s}`],
  ];
  it.each(cases.map(([name, make, line], index) => [name, make, line, index] as const))(
    "finds %s",
    (_name, make, line, index) => {
      const secret = make(index + 3);
      const text = line(secret);
      const start = text.indexOf(secret);
      expect(reportedSecretSpans(text)).toEqual([[start, start + secret.length]]);
    },
  );

  it("finds the key inside a SoftLayer API URL", () => {
    const key = lowerAlnum(64, 5);
    const text = `endpoint = "https://api.softlayer.com/rest/v3/${key}/SoftLayer_Account"`;
    const start = text.indexOf(key);
    expect(reportedSecretSpans(text)).toEqual([[start, start + key.length]]);
  });
});

describe("near-misses of those formats", () => {
  const benign = [
    `hvs.${"a".repeat(24)}`,
    `AAAA1234567:APA91b${"a".repeat(140)}`,
    `ATBB${"AB".repeat(16)}`,
    "AKIDNEYBEANSAREGOODFORYOUANDMEANDTHEM",
    `AQVN${"x".repeat(36)}`,
    `${"A".repeat(200)}`,
    "secret_key_base_for_the_test_environment_ok",
    "sk-0000000000000000000000000000000000000000",
    "xoxa-2-",
    "token: config.settings",
    "token = self.tokenizer",
    "pat: Pat Smith",
    "PAT = personal access token",
    `FLWSECK-${hex(31, 9)}-X`,
    `tkn.v1_${alnum(71, 10)}`,
  ];
  it.each(benign)("reports nothing in %j", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });

  it("types as a bootstrap token only six and sixteen characters around a dot", () => {
    for (const separator of ["-", "x", "_"]) {
      const text = `token: ${lowerAlnum(6, 7)}${separator}${lowerAlnum(16, 8)}`;
      expect(reportedSecrets(text).map((finding) => finding.type)).not.toContain(
        "kubernetes_bootstrap_token",
      );
    }
  });
});

describe("private keys the PEM reading cannot see", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const encoded = Buffer.from(pem).toString("base64");

  it("finds a base64-encoded PEM private key (kubeconfig client-key-data)", () => {
    const text = `users:\n- name: admin\n  user:\n    client-key-data: ${encoded}\n`;
    const start = text.indexOf(encoded);
    expect(reportedSecretSpans(text)).toEqual([[start, start + encoded.length]]);
  });

  it("leaves an encoded public key or certificate alone", () => {
    const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const certificate = `-----BEGIN CERTIFICATE-----\n${alnum(64, 9)}\n${alnum(64, 10)}\n-----END CERTIFICATE-----\n`;
    expect(
      reportedSecretSpans(`client-certificate-data: ${Buffer.from(certificate).toString("base64")}`),
    ).toEqual([]);
    expect(reportedSecretSpans(`public: ${Buffer.from(publicPem).toString("base64")}`)).toEqual([]);
  });

  it("finds a PuTTY key file's private lines", () => {
    const privateLines = [alnum(64, 11), alnum(64, 12), alnum(20, 13)];
    const text = [
      "PuTTY-User-Key-File-3: ssh-rsa",
      "Encryption: none",
      "Comment: deploy",
      "Public-Lines: 2",
      alnum(64, 14),
      alnum(40, 15),
      `Private-Lines: ${privateLines.length}`,
      ...privateLines,
      `Private-MAC: ${hex(64, 16)}`,
    ].join("\n");
    const start = text.indexOf(privateLines[0] ?? "");
    const end = text.indexOf(privateLines[2] ?? "") + (privateLines[2] ?? "").length;
    expect(reportedSecretSpans(text)).toEqual([[start, end]]);
  });
});
