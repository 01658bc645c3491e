import { describe, expect, it } from "vitest";
import { createGuardrails } from "../../src/guardrails/index.js";
import { KINGFISHER_RULES } from "../../src/guardrails/kingfisher-rules.js";
import { createSecretDetector } from "../../src/guardrails/secrets.js";

const guardrails = createGuardrails();
const SIZE = 512 * 1024;
// Linear scans of 512 KB take well under a second even on a loaded machine; a quadratic one would need
// ~10^11 steps (minutes). The bound is generous on purpose: it catches blow-ups, not slowness.
const BOUND_MS = 5_000;

/** Long runs of near-matches: each almost triggers a rule and fails at the last moment. */
const adversarial: Record<string, string> = {
  "vendor key prefixes": "AKIA ghp_ sk-ant- xoxb-1 AIza eyJ ",
  "token-like run": "AKIAAKIAghp_eyJeyJ",
  "JWT without dots": "eyJhbGciOiJIUzI1NiJ9eyJ",
  // JSON Web Keys, prefixed base64 JSON, Tink's encoded type URL and escaped separators (session 29).
  "JWK members without braces": '"kty": "d": "',
  "prefixed base64 JSON": "zz_eyJhIjoxfQ",
  "encoded Tink type URLs": "dHlwZS5nb29nbGVhcGlzLmNvbS9nb29nbGUuY3J5cHRvLnRpbmsu",
  "escaped separators": "token%3D&quot;a%26",
  "PEM headers without body": "-----BEGIN RSA PRIVATE KEY-----",
  "connection strings": "postgres://a:",
  assignments: "password=password=",
  // A name whose value never ends: each keyword hit used to read 1,200 characters on (0.6 s per MB).
  "symbol names": ":rubygems_api_key:",
  "colon names": "auth_token:",
  // Short options beside a user option, Go DSNs, `net user` (session 18's command-line pairs).
  "user and password options": " -u a -p a -p ",
  "Go DSN logins": "a:b@tcp(",
  "net user": "net user ",
  // Lists under a passwords key whose items never close, or close at every step (session 22).
  "password lists": 'passwords: ["a", a passwords:\n  - "a\n  - ',
  // A run of `A`s (base64 of zero bytes) meets the X bearer token's keyword at every position.
  "runs of A": "A",
  "encoded PEM headers": "LS0tLS1CRUdJTi",
  "auth pairs": "a_auth: a:",
  "at signs": "a.b@",
  "digit runs": "1 2-3.4 ",
  // Phones out of service: each `+` number is asked whether its length is one its country dials.
  "out-of-service phones": "+54 23 1234 0000 +44-7700-900123, 64(0)64123456 ",
  "glued extensions": "206-555-0100ext123 ring me 412 34 567 ",
  // Toll-free codes before letters, near-misses of a vanity number, and runs of 8s (session 24).
  "vanity numbers": "1-800-FLOWERS 800-ABC 1 (888) GO-FEDEX-X 8",
  "runs of 8": "8",
  // Numbers after emoji and joined by and/or/和 (session 24).
  "long marks between digits": "1ー2ーー3 ケータイ ",
  "emoji and joined numbers": "☎️+44 20 7946 0958 📞 01223324033，57859826和57859828 or ",
  // US ZIP+4 codes after their state: each was parsed in every region grouping 5-4 (~0.46 s per MB).
  "ZIP+4 codes": "WA 98101-1234\nZIP 99501-2234, ",
  // Prefixed tokens, and near-misses a character short of one (session 22's prefixed-token reading).
  "prefixed tokens": "qwzx_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0U Ab_Cd1Ef2Gh3Ij4Kl5Mn6Op7Qr8St9Uv0 ",
  "vendor names run into KEY": "coinlayerKEY=Ab1Cd2Ef3Gh4Ij5Kl6 ",
  "a vendor's name before KEY": "nimble KEY KEY Ab1Cd2Ef3Gh4Ij5K ",
  // Separators run together after a name, and "api key" in lower case (session 24).
  "loose separators": "API_KEY'\"=:\t API_KEY==A1b2C3d4E5f6G7h8 x api key api key ",
  "password directives": "requirepass x\npassword Ab1Cd2Ef3\nrootpw ",
  "JWT halves": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn .eyJhbGciOiJIUzI1NiJ9.eyJ",
  digits: "4111111111111111",
  "IBAN-like": "DE89 ",
  colons: "ab:cd:",
  "override words": "ignore all the previous ",
  "letter spacing": "i g n o r e ",
  "base64 alphabet": "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo",
  "zero-width": "ig\u200bnore\u200b ",
  homoglyphs: "Іgnоrе аll ",
  "chat template": "<|im_start|><|",
  // Every keyword of the rules ported from Kingfisher, each followed by a near-miss.
  "Kingfisher keywords": KINGFISHER_RULES.flatMap((rule) => rule.keywords)
    .map((keyword) => `${keyword} ${"a1".repeat(20)}-`)
    .join(" "),
};

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

describe("no catastrophic backtracking", () => {
  it.each(Object.entries(adversarial))("scans 512 KB of %s within the bound", (_name, unit) => {
    const text = repeatTo(unit, SIZE);
    const started = performance.now();
    guardrails.scan(text);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
  });

  it("grows about linearly: 4x the input costs far less than 16x the time", () => {
    // Mixed near-misses of every detector; fastest of three runs to see through scheduling noise.
    const unit = Object.values(adversarial).join(" ");
    const fastest = (text: string) => {
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        guardrails.scan(text);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const small = fastest(repeatTo(unit, SIZE / 4));
    const large = fastest(repeatTo(unit, SIZE));
    expect(large / Math.max(small, 5)).toBeLessThan(16);
  });
});

describe("the secret detector on text made of one finding repeated", () => {
  // Found in session 20: a megabyte of a query string's password (45,590 hits) read a 120-character
  // window back from every hit for a username with a regex that could not match there (~0.9 s per MB).
  const secrets = createSecretDetector();
  const shapes: Record<string, string> = {
    "query-string passwords": "?user=a&password=secret",
    "spaced passwords after a user": "?user=a&x password=secret",
    "connection-string passwords": "Server=db;Pwd=password;",
    "connection-string passwords that look real": "Server=db;Pwd=Xk9#mQ2vLp;",
    "named users before passwords": "user jsmith, password Tr0ub4dor&3 ",
    // Session 29: a JWK's private member, a prefixed base64-JSON token, a percent-encoded query token.
    "JWK private members": '{"kty":"oct","k":"Ab1Cd2Ef3Gh4Ij5Kl6Mn7"} ',
    "prefixed base64 JSON tokens": "zz_eyJlbWFpbCI6ImFAYi5jIiwiayI6IkFiMUNkMkVmM0doNElqNSJ9 ",
    "percent-encoded query tokens": "%26token%3DAb1Cd2Ef3Gh4Ij5Kl6Mn7%26 ",
  };
  const fastest = (text: string) => {
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      secrets.scan(text);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };

  it.each(Object.entries(shapes))(
    "grows about linearly on %s: 4x the input, far less than 16x the time",
    (_name, unit) => {
      const small = repeatTo(unit, SIZE / 4);
      const large = repeatTo(unit, SIZE);
      // Every repeat is found in both sizes: the cost measured is the cost per finding.
      expect(secrets.scan(large).length).toBeGreaterThanOrEqual(4 * secrets.scan(small).length - 4);
      expect(fastest(large) / Math.max(fastest(small), 5)).toBeLessThan(16);
    },
  );
});
