import { describe, expect, it } from "vitest";
import { captureGroup, repeats, tokenShaped } from "../../scripts/guardrails/keyhog-detectors.js";
import { keywordTooCommon } from "../../scripts/guardrails/port-checks.js";
import { KEYHOG_RULES } from "../../src/guardrails/keyhog-rules.js";
import { alnum, hex, urlSafe } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";
import { reportedSecrets } from "./reported-secrets.js";

// Rules ported from KeyHog by scripts/guardrails/port-keyhog-rules.ts. Values are drawn at test time
// (fake-values.ts); assertions compare spans and ids, so no value is printed on success.
describe("a sample of the ported KeyHog rules", () => {
  const cases: PortedRuleCase[] = [
    [
      "keyhog.abuseipdb-api-key",
      alnum(80, 1),
      (secret) => `curl -H 'Accept: application/json' # abuseipdb: ${secret}`,
      // One character short of the key's 80: a longer run is not cut to fit either.
      `abuseipdb: ${alnum(79, 1)}`,
    ],
    [
      "keyhog.scraperapi-key.1",
      alnum(32, 2),
      (secret) => `scraperapi: ${secret}`,
      `scraperapi: ${alnum(40, 2)}`,
    ],
    [
      "keyhog.deepgram-api-key",
      hex(40, 3),
      (secret) => `DEEPGRAM=${secret}`,
      // A vendor's name inside a longer word is not the vendor's name.
      `NODEEPGRAM=${hex(40, 3)}`,
    ],
    [
      "keyhog.activepieces-api-key.1",
      `ap_${hex(40, 4)}`,
      (secret) => `the flow runs with ${secret} as its key`,
      // Not the token's own alphabet (hex), so not its token.
      `ap_${alnum(40, 4)}Z`,
    ],
    [
      // A vendor's name under five letters: ported since its pattern opens at a word boundary.
      "keyhog.miro-api-token.2",
      urlSafe(48, 5),
      (secret) => `MIRO_API: ${secret}`,
      // Inside a longer word (`admiro`) the name is not the vendor's.
      `ADMIRO_API: ${urlSafe(48, 5)}`,
    ],
    [
      "keyhog.fauna-secret-key.1",
      `fnAE${alnum(40, 6)}-${alnum(20, 7)}`,
      (secret) => `the fauna client runs with ${secret} in production`,
      `fnAE${alnum(20, 6)}`,
    ],
    [
      // With a dash (KeyHog's alphabet); the alphanumeric 54 are gitleaks' rule's, at a higher score.
      "keyhog.easypost-api-key.1",
      `EZAK${alnum(30, 10)}-${alnum(23, 11)}`,
      (secret) => `client = EasyPost::Client.new(${secret})`,
      // Inside a base64 run (a certificate's body) the letters are no token's start.
      `MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC+EZAK${alnum(30, 10)}-${alnum(23, 11)}/x`,
    ],
    [
      // Keywords read past the vendor's name (`slack_client`, `slack.oauth`): `slack` alone is in too
      // many lines of prose for the prefilter.
      "keyhog.slack-oauth-secret",
      hex(32, 40),
      (secret) => `slack.client.secret ${secret}`,
      // The vendor named in prose, not a setting's name.
      `our slack client secret ${hex(32, 40)}`,
    ],
    [
      // Keyed by `datadog` alone: its `DD.API.KEY` alternative's `dd` is too short for the prefilter.
      "keyhog.datadog-api-key",
      hex(32, 42),
      (secret) => `datadog.api.key: ${secret}`,
      `DD.API.KEY ${hex(32, 42)}`,
    ],
    [
      "keyhog.home-assistant-api-token.1",
      urlSafe(48, 41),
      (secret) => `HASS_TOKEN: ${secret}`,
      `home assistant token: ${urlSafe(48, 41)}`,
    ],
  ];

  checkPortedRules(cases);
});

describe("a pattern of fixed words is a variable's name, not a secret", () => {
  it("tells a context pattern from a token's", () => {
    expect(repeats("(?:GOOGLE_APPLICATION_CREDENTIALS|GOOGLE_CLOUD_PROJECT|VERTEXAI_PROJECT)")).toBe(false);
    expect(repeats("sk_live_\\+")).toBe(false);
    expect(repeats("EZAK[a-z0-9]{54}")).toBe(true);
    expect(repeats("[A-Za-z0-9]+")).toBe(true);
  });

  it.each([
    "GOOGLE_APPLICATION_CREDENTIALS=/path/to/key.json",
    'export GOOGLE_CLOUD_PROJECT="my-project"',
    "VERTEXAI_LOCATION=us-central1",
  ])("%s", (line) => {
    expect(reportedSecrets(line)).toEqual([]);
  });
});

describe("the ported rules leave ordinary configuration alone", () => {
  // Each line matched a KeyHog pattern the port now leaves out (SHAPE_NOT_A_SECRET in
  // scripts/guardrails/port-keyhog-rules.ts): a Docker image, a ConfigMap, a thread's id, a slug.
  it.each([
    "image: user-service:latest",
    "docker pull user-management:v2beta",
    "data:\n  DATABASE_NAME: productiondatabase01",
    "kind: ConfigMap\ndata:\n  APP_MODE: maintenanceWindow2024",
    `thread_id: ${hex(120, 8)}`,
    "fc-gateway-service-deployment-configuration-production-eu",
  ])("%s", (line) => {
    expect(reportedSecrets(line)).toEqual([]);
  });
});

describe("the port's prefilter check (scripts/guardrails/port-checks.ts)", () => {
  it("takes a short vendor name only where the pattern opens at a word boundary", () => {
    expect(keywordTooCommon("miro", "(?<![A-Za-z0-9])(?:miro_token=)")).toBe(false);
    expect(keywordTooCommon("miro", "\\bmiro_token=")).toBe(false);
    expect(keywordTooCommon("miro", "miro_token=")).toBe(true);
    // Two characters are too common whatever follows.
    expect(keywordTooCommon("dd", "(?<![A-Za-z0-9])dd_")).toBe(true);
  });
});

describe("every ported rule", () => {
  it.each(KEYHOG_RULES.map((rule) => [rule.id, rule] as const))("%s is well formed", (_id, rule) => {
    expect(rule.source).toMatch(/^keyhog detectors\/[\w.-]+\.toml \([\w.-]+, pattern \d+\)$/);
    expect(rule.keywords.length).toBeGreaterThan(0);
    for (const keyword of rule.keywords) expect(keyword).toBe(keyword.toLowerCase());
    expect(() => new RegExp(rule.pattern, `${rule.flags ?? ""}dy`)).not.toThrow();
    // Bounded: no `*`, `+` or `{n,}` left to backtrack without end.
    expect(rule.pattern.replace(/\\./g, "").replace(/\[(?:[^\]\\]|\\.)*\]/g, "")).not.toMatch(
      /[*+]|\{\d+,\}/,
    );
    // KeyHog names no boundary; the port adds one on each side.
    expect(rule.pattern).toMatch(/^\(\?<!\[A-Za-z0-9(?:_\+\/-)?\]\)\(\?:/);
    expect(rule.pattern.endsWith(")(?![A-Za-z0-9])")).toBe(true);
  });
});

describe("the port's token-shape test (scripts/guardrails/keyhog-detectors.ts)", () => {
  it("reads the secret's capture group, skipping non-capturing groups and brackets", () => {
    const pattern = `(?:SCRAPER|scraper)[(=:\\s"']+([a-zA-Z0-9]{32})(?:x|(y))`;
    expect(captureGroup(pattern, 1)).toBe("[a-zA-Z0-9]{32}");
    expect(captureGroup(pattern, 2)).toBe("y");
    expect(captureGroup("ap_[a-f0-9]{32,}", 0)).toBe("ap_[a-f0-9]{32,}");
    expect(captureGroup("(?i)xapt-[a-z]+", 0)).toBe("xapt-[a-z]+");
    expect(captureGroup("no-group", 1)).toBeUndefined();
  });

  it("takes a token's alphabet", () => {
    for (const secret of [
      "[a-zA-Z0-9]{32}",
      "ap_[a-f0-9]{32,}",
      "[a-zA-Z0-9_\\-]{30,60}",
      "(?:prod|dev):[a-z0-9\\-]+\\|?[A-Za-z0-9_\\-]{50,}",
      "[A-Za-z0-9+/=]{40}",
      "\\d{10}:[\\w-]{35}",
    ])
      expect(tokenShaped(secret), secret).toBe(true);
  });

  it("refuses a password's, a command's or free text's", () => {
    for (const secret of [
      "[a-zA-Z0-9!@#$%^&*()_+\\-]{12,}",
      "[^\\s\"']{30,}",
      "aws ecr get-login-password[^\\n]*",
      ".{8,}",
      "\\S{20,}",
      "[a-z]+ [a-z]+",
    ])
      expect(tokenShaped(secret), secret).toBe(false);
  });
});
