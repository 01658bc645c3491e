import { describe, expect, it } from "vitest";
import { convertRustRegex, MAX_REPEAT, RustRegexError } from "../../scripts/guardrails/rust-regex.js";

// The Kingfisher port's converter (scripts/guardrails/port-kingfisher-rules.ts): Rust `regex`
// patterns as Kingfisher's YAML writes them, and the JavaScript each becomes.
describe("convertRustRegex", () => {
  it("drops verbose-mode whitespace and comments and reads a leading (?i) as the i flag", () => {
    const converted = convertRustRegex(`(?x)
      (?i)
      \\b          # a word boundary
      (
        aio_
        [a-zA-Z0-9]{28}
      )
      \\b
    `);
    expect(converted).toEqual({
      source: "\\b(aio_[a-zA-Z0-9]{28})\\b",
      flags: "i",
      group: 1,
      keywords: ["aio_"],
    });
  });

  it("spells a scoped (?i:…) in both cases when the rest of the pattern is case-sensitive", () => {
    const converted = convertRustRegex("(?x) (?i: ado_pat | pat_token ) \\s* = \\s* ([a-z0-9]{52})");
    expect(converted.flags).toBe("");
    expect(converted.source).toBe(
      `(?:[aA][dD][oO]_[pP][aA][tT]|[pP][aA][tT]_[tT][oO][kK][eE][nN])\\s{0,${MAX_REPEAT}}=\\s{0,${MAX_REPEAT}}([a-z0-9]{52})`,
    );
    expect(converted.keywords).toEqual(["ado_pat", "pat_token"]);
    const regex = new RegExp(converted.source, converted.flags);
    expect(regex.test(`ADO_PAT = ${"a1".repeat(26)}`)).toBe(true);
    expect(regex.test(`ado_pat = ${"A1".repeat(26)}`)).toBe(false);
  });

  it("bounds unbounded repetitions, keeps lazy ones lazy and turns `(?:.|[\\n\\r])` into one class", () => {
    const converted = convertRustRegex(
      "(?xi) \\b vendor (?:.|[\\n\\r]){0,32}? \\b ( [a-z0-9]+ \\. [a-f0-9]{2,} )",
    );
    expect(converted.source).toBe(
      `\\bvendor[\\s\\S]{0,32}?\\b([a-z0-9]{1,${MAX_REPEAT + 1}}\\.[a-f0-9]{2,${MAX_REPEAT + 2}})`,
    );
    expect(converted.keywords).toEqual(["vendor"]);
  });

  it("reads `(?:.|[\\\\n\\r])` (a backslash and an `n`, not a newline) as a dot, with no overlap to backtrack over", () => {
    const converted = convertRustRegex("(?i)ngrok(?:.|[\\\\n\\r]){0,32}?(?:KEY|TOKEN)");
    expect(converted.source).toBe("ngrok[^\\n]{0,32}?(?:KEY|TOKEN)");
    // A class that may hold a newline stays an alternative.
    expect(convertRustRegex("a(?:.|[^b])c").source).toBe("a(?:[^\\n]|[^b])c");
  });

  it("writes named groups as JavaScript does and maps `.`, ^ and $ to Rust's meaning", () => {
    const converted = convertRustRegex("^(?P<TOKEN>rdme_[a-z0-9]{70}).$");
    expect(converted.source).toBe("(?<![\\s\\S])(?<TOKEN>rdme_[a-z0-9]{70})[^\\n](?![\\s\\S])");
    expect(converted.keywords).toEqual(["rdme_"]);
  });

  it("gives each alternative's literal prefix as a keyword, and none when a match can start anywhere", () => {
    expect(convertRustRegex("\\b(?:nozbe|nozbeteams)[a-z]{4}").keywords).toEqual(["nozbe", "nozbeteams"]);
    expect(convertRustRegex("(?:sk|rk)_live_[a-z]{4}").keywords).toEqual(["sk_live_", "rk_live_"]);
    expect(convertRustRegex("\\b([a-z0-9]{32})\\b").keywords).toEqual([]);
  });

  it("reads long keywords on through small classes, optional separators and groups", () => {
    const long = (pattern: string) => convertRustRegex(pattern, { longKeywords: true }).keywords;
    expect(long("(?:GITHUB|github|GH)[_.]?(?:CLIENT|client)[_.]?secret[=:]+([a-f0-9]{40})")).toEqual([
      "githubclient",
      "github_client",
      "github.client",
      "ghclient",
      "gh_client",
      "gh.client",
    ]);
    // An alternative that does not end with the group keeps what it has; a keyword holding another is left out.
    expect(long("(?:home[_-]?assistant|hass[_\\s]*api|hass)[._-]?token=(\\w+)")).toEqual([
      "homeassistant",
      "home_assistant",
      "home-assistant",
      "hass",
    ]);
    // What is no small choice ends the keyword; a match that may start anywhere has none.
    expect(long("x[_\\-\\s]?api[_-]?key=(\\w+)")).toEqual(["x"]);
    expect(long("[_.]?key=(\\w+)")).toEqual(["key=", "_key=", ".key="]);
    expect(long("\\w?key=(\\w+)")).toEqual([]);
    // The short keywords are unchanged without the option.
    expect(convertRustRegex("(?:GITHUB|github|GH)[_.]?client").keywords).toEqual(["github", "gh"]);
  });

  it.each([
    ["\\p{L}{8}", /escape \\p/],
    ["[a-z&&[^aeiou]]{8}", /class set operation|nested class/],
    ["[a-z[0-9]]", /nested class/],
    ["(?U)a+", /flag U/],
    ["a{2}{3}", /repeated repetition/],
  ])("refuses %s rather than guess", (pattern, reason) => {
    expect(() => convertRustRegex(pattern)).toThrow(RustRegexError);
    expect(() => convertRustRegex(pattern)).toThrow(reason);
  });
});
