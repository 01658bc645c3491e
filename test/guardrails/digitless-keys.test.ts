import { describe, expect, it } from "vitest";
import { drawnWithoutDigits } from "../../src/guardrails/digitless-key.js";
import { createGuardrails } from "../../src/guardrails/index.js";

// A key's value with no digit: a name's words (`accessTokenFromEnv`) or a random draw that happens to
// hold none (base64 of text, a symbol-rich test secret). Fixture values from whispers'
// and detect-secrets' tests (Apache-2.0); the negatives are shapes code writes under the same names.
const guardrails = createGuardrails();
const values = (text: string) =>
  guardrails
    .check({ text, direction: "input", only: ["secret"] })
    .findings.map((finding) => text.slice(finding.start, finding.end));

describe("digit-less values under a key's name", () => {
  it.each([
    ['apikey = "YXNkZmZmZmZm_HARDcoded";', "YXNkZmZmZmZm_HARDcoded"],
    ["  PRIVATE_API_TOKEN: YXNkZmZmZmZm_HARDcoded", "YXNkZmZmZmZm_HARDcoded"],
    ["ENV DRONE_TOKEN=YXNkZmZmZmZm_HARDcoded", "YXNkZmZmZmZm_HARDcoded"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a test secret's `${`, not a template
    ['apikey: "m{{h}o)p${e]nob(ody[finds>-_$#thisone}}"', "m{{h}o)p${e]nob(ody[finds>-_$#thisone}}"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a test secret's `${`, not a template
    ['if (apikey == "m{{h}o)p${e]nob(ody[finds>-_$#thisone}}") {', "m{{h}o)p${e]nob(ody[finds>-_$#thisone}}"],
    // Go's raw string: no interpolation.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a test secret's `${`, not a template
    ["api_key: `m{{h}o)p${e]nob(ody[finds>-_$#thisone}}`", "m{{h}o)p${e]nob(ody[finds>-_$#thisone}}"],
  ])("reports %j", (text, value) => {
    expect(values(text)).toEqual([value]);
  });

  it.each([
    "token: accessTokenFromEnvironment",
    'api_key = "getApiKeyFromEnvironment"',
    "SECRET_KEY: SECRET_KEY_BASE_VALUE",
    'secret_key = "abcdefghijklmnopqrstuvwxyz"',
    'special_token = "token-with-!@#$%^&*()_+-={}[]|:;<>?,./"',
    "const actionKey = `ACTION_MESSAGE$${event.action.toUpperCase()}`;",
    '"Symfony_DB_Key": "\'%env(DB_SECRET_VALUE)%\'",',
    'api_key = "%env(resolve:API_KEY)%"',
  ])("reports nothing in %j", (text) => {
    expect(values(text)).toEqual([]);
  });

  it("reads a draw by case turns or by symbols among letters, not by words", () => {
    expect(drawnWithoutDigits("YXNkZmZmZmZm_HARDcoded")).toBe(true);
    expect(drawnWithoutDigits("getURLForUserIdsFromEnvironment")).toBe(false);
    expect(drawnWithoutDigits("aBcDeFgHiJkLmNoP")).toBe(true);
    expect(drawnWithoutDigits("aBcD eFgH iJkL mNoP")).toBe(false);
    expect(drawnWithoutDigits("!@#$%^&*()!@#$%^&*()")).toBe(false);
    expect(drawnWithoutDigits("short{x}(y)")).toBe(false);
  });
});

describe("a config line's unquoted value runs past a bracket nothing before it opened", () => {
  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a test secret's `${`, not a template
    ["passwd: m{{h}o)p${e]nob(ody[finds>-_$#thisone}}`", "m{{h}o)p${e]nob(ody[finds>-_$#thisone}}"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a test secret's `${`, not a template
    ["db_pass := m{{h}o)p${e]nob(ody[finds>-_$#thisone}}", "m{{h}o)p${e]nob(ody[finds>-_$#thisone}}"],
    ["  password: Abc)def9", "Abc)def9"],
    ["password: P@ss]word1 # note", "P@ss]word1"],
  ])("reports %j", (text, value) => {
    expect(values(text)).toEqual([value]);
  });

  it.each(["f(password=abc)", "password = getPassword()", "check(password=pw) and go"])(
    "reports nothing in %j",
    (text) => {
      expect(values(text)).toEqual([]);
    },
  );
});
