import { describe } from "vitest";
import { alnum, base64, hex, urlSafe } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// Rules ported by hand from GitHub's custom patterns, ripsecrets, KICS, EarlyBird and SecretScanner
// (src/guardrails/scanner-vendor-rules.ts). Values are drawn at test time (fake-values.ts) and checked
// by ported-rule-cases.ts.
const uuid = (seed: number) =>
  `${hex(8, seed)}-${hex(4, seed + 1)}-${hex(4, seed + 2)}-${hex(4, seed + 3)}-${hex(12, seed + 4)}`;

describe("the rules ported from smaller secret scanners", () => {
  const cases: PortedRuleCase[] = [
    [
      "github-custom.launchdarkly",
      `sdk-${uuid(1)}`,
      (secret) => `ldclient.set_config(Config("${secret}"))`,
      `see https://example.com/api-${hex(8, 1)} for the docs`,
    ],
    [
      "github-custom.amazon-mws",
      `amzn.mws.${uuid(10)}`,
      (secret) => `seller central gave us ${secret} today`,
      "the amzn.mws. prefix marks an MWS auth token",
    ],
    [
      "github-custom.okta-ssws",
      `00${urlSafe(40, 20)}`,
      (secret) => `curl -H "Authorization: SSWS ${secret}" https://dev-1.okta.com/api/v1/users`,
      "Authorization: SSWS $OKTA_API_TOKEN",
    ],
    [
      "ripsecrets.square-access-token",
      `EAAA${urlSafe(60, 30)}`,
      (secret) => `client = square.Client("${secret}")`,
      `EAAA${alnum(40, 30)} is too short for a Square token`,
    ],
    [
      "kics.braintree",
      `access_token$production$${hex(16, 40)}$${hex(32, 41)}`,
      (secret) => `gateway = braintree.BraintreeGateway(access_token="${secret}")`,
      "access_token$production$<merchant id>$<secret>",
    ],
    [
      "kics.mailgun",
      `key-${hex(32, 50)}`,
      (secret) => `mg = Mailgun("${secret}")`,
      "a key-value store keeps key-to-value maps",
    ],
    [
      "earlybird.heroku",
      uuid(60),
      (secret) => `heroku login token for the build box: ${secret}`,
      `heroku app id ${hex(8, 60)}`,
    ],
    ["earlybird.github", alnum(40, 70), (secret) => `github: '${secret}'`, `github: '${alnum(20, 70)}'`],
    [
      "earlybird.facebook",
      hex(32, 80),
      (secret) => `facebook app config "${secret}"`,
      `facebook app config "${hex(16, 80)}"`,
    ],
    [
      "earlybird.twitter",
      alnum(44, 90),
      (secret) => `twitter consumer '${secret}'`,
      `twitter handle '${alnum(12, 90)}'`,
    ],
    [
      "earlybird.aws-configure",
      base64(40, 100).replace(/\+/g, "/"),
      (secret) => `AWS Secret Access Key [None]: ${secret}`,
      "AWS Secret Access Key [None]: ",
    ],
    [
      "microsoft.pkcs12",
      `MIIKcQIBAzCCCjcGCSqGSIb3DQEHAaCC${base64(400, 120)}`,
      (secret) => `  tls.pfx: ${secret}`,
      "MIIKcQIBAzCC is how a base64 .pfx starts",
    ],
    [
      "secretscanner.openweather",
      hex(32, 110),
      (secret) => `https://api.openweathermap.org/data/2.5/weather?q=Oslo&appid=${secret}`,
      "https://api.openweathermap.org/data/2.5/weather?q=Oslo&appid={API key}",
    ],
  ];

  checkPortedRules(cases);
});
