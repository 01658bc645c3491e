import { describe, expect, it } from "vitest";
import { prefixedTokenParser, prefixedTokens } from "../../src/guardrails/prefixed-token.js";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { createSecretDetector } from "../../src/guardrails/secrets.js";
import { alnum, fakeChars, hex, urlSafe } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// Vendors' prefixes that no modelmux rule knows (made up here): the token's shape alone says key.
describe("a token opening with a vendor's prefix, written alone", () => {
  const tokens = [
    `qwzx_${alnum(32, 1)}`,
    `ZRBQ-${alnum(36, 2)}`,
    `mltq_live_${alnum(30, 3)}`,
    `vnd-prd-${urlSafe(44, 4)}`,
    `kjp_${alnum(14, 5)}_${alnum(20, 6)}`,
    // A digit closing the prefix: the format's version.
    `qwz2_${alnum(40, 7)}`,
    // A digit inside the vendor's name.
    `q8z_api_${alnum(36, 61)}`,
    // Short keys: 20 and 24 after the prefix.
    `qwzd_${alnum(20, 8)}`,
    `rnq_${alnum(24, 9)}`,
    // Small letters and digits alone, 32 or more: a hex key, a base32 one.
    `mltq_live_${hex(32, 32)}`,
    `cgq_${fakeChars(52, "abcdefghijklmnopqrstuvwxyz234567", 33)}`,
  ];
  it.each(tokens)("finds %s in prose, in an assignment and in a header", (token) => {
    expect(reportedSecretValues(`the deploy log printed ${token} before it failed`)).toEqual([token]);
    expect(reportedSecretValues(`ACME = "${token}"`)).toEqual([token]);
    expect(reportedSecretValues(`X-Acme: ${token}`)).toEqual([token]);
  });

  it.each([
    // Public ids of the APIs a gateway relays, and Stripe's.
    `chatcmpl-${alnum(29, 10)}`,
    `msgbatch_01${alnum(30, 11)}`,
    `gen-1741878567-${alnum(28, 12)}`,
    `cus_${alnum(30, 13)}`,
    `pk_live_${alnum(40, 14)}`,
    // Ids that run shorter than keys: Anthropic's, OpenAI's tool calls.
    `agent_011C${alnum(20, 15)}`,
    `call_${alnum(24, 16)}`,
    // Time-ordered ids (opening 01), of any length; a short tail with two capitalised words.
    `btgt_01${alnum(44, 34)}`,
    `slws_01${alnum(22, 35)}`,
    "PKCS1-v1-5DigestAlgorithms",
    // A URL's fragment: GitHub's diff anchors.
    `pull/425/files#diff-${hex(64, 36)}R216`,
    // Named as an id.
    `bundle_id: 'capp_011C${alnum(30, 17)}'`,
    `"agentId": "agt_${alnum(32, 18)}"`,
    // Stand-ins.
    `dummy_${alnum(32, 19)}`,
    `foo_${alnum(32, 20)}`,
    // A digest (hex), a UUID, a subresource-integrity hash, a path, a dotted JWT part.
    `build-${hex(40, 21)}`,
    `sha1_${hex(40, 31)}`,
    `commit-${hex(40, 37)}`,
    // Hex split by separators: not one block.
    `qwzx_${hex(16, 38)}_${hex(16, 39)}`,
    `release-${hex(8, 22)}-${hex(4, 23)}-${hex(4, 24)}-${hex(4, 25)}-${hex(12, 26)}`,
    `integrity="sha384-${alnum(20, 27)}+${alnum(30, 28)}"`,
    `/srv/files/upload_${alnum(32, 29)}/index.html`,
    // A run of a longer random string, cut at its `~`.
    `code_verifier: 'k3vq-${alnum(22, 63)}~${alnum(16, 64)}'`,
    // Words: an identifier, a slug, a filler.
    "get_UserAccountSettingsFromRemoteService2AndCacheTheResult",
    "post-how-to-rotate-your-api-keys-2024-edition-and-beyond",
    "tok_abcdefghijklmnopqrstuvwxyz0123456789ABCD",
    `qwzx_${"A1b2".repeat(8)}`,
    // A stand-in's prefix: a letter three times, the alphabet's start.
    `aaa_${alnum(32, 70)}`,
    `xxxr_pat_${alnum(28, 71)}`,
    `abcdef-${alnum(28, 72)}`,
    // A test's near-miss, saying so; counting typed for a stand-in.
    `qwzx_short_${hex(40, 73)}`,
    `QWZX_${alnum(22, 74)}_123abc`,
    "qwzx_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
  it("does not read a dotted JWT's part as a prefixed token (the JOSE rules read the whole)", () => {
    expect(prefixedTokens(`eyJhbGciOiJIUzI1NiJ9.abc_${alnum(32, 30)}.sig`, () => "free")).toEqual([]);
  });
});

describe("a vendor rule keyed on the token's start decides", () => {
  const rule: SecretPatternRule = {
    id: "test.qwzx",
    type: "qwzx_token",
    keywords: ["qwzx-"],
    // The vendor's format: 40 characters, not 32.
    pattern: "qwzx[-_][A-Za-z0-9]{40}(?![A-Za-z0-9])",
    score: 0.9,
    source: "test",
  };
  const detector = createSecretDetector([rule], [prefixedTokenParser]);
  const values = (text: string) =>
    detector.scan(text).map((finding) => text.slice(finding.start, finding.end));

  it("leaves a token the rule turned down for its length alone (a key cut short), with either separator", () => {
    expect(values(`key qwzx-${alnum(32, 40)}`)).toEqual([]);
    expect(values(`key qwzx_${alnum(32, 41)}`)).toEqual([]);
  });
  it("reports what the rule reports, as the rule's type", () => {
    const token = `qwzx-${alnum(40, 42)}`;
    expect(detector.scan(`key ${token}`).map((finding) => finding.type)).toEqual(["qwzx_token"]);
  });
  it("reads a token that opens in the rule's format and runs on past it (a longer format)", () => {
    const token = `qwzx-${alnum(56, 44)}`;
    expect(values(`key ${token}`)).toEqual([token]);
    expect(detector.scan(`key ${token}`).map((finding) => finding.type)).toEqual(["prefixed_token"]);
  });
  it("reads a token off the rule's format from its start by its shape: another format of the vendor's", () => {
    const hexRule: SecretPatternRule = { ...rule, pattern: "qwzx[-_][a-f0-9]{40}(?![A-Za-z0-9])" };
    const hexDetector = createSecretDetector([hexRule], [prefixedTokenParser]);
    // A capital where the rule's alphabet has none, at the start: a random draw of 62 is still a key.
    const token = `qwzx-G${alnum(50, 45)}`;
    expect(hexDetector.scan(`key ${token}`).map((finding) => finding.type)).toEqual(["prefixed_token"]);
    // But hex with capitals put in by hand, or a stand-in's words, stay the rule's (and it reports none).
    const casedHex = `qwzx-${fakeChars(40, "0123456789abcdefABCDEF", 46)}`;
    expect(hexDetector.scan(`key ${casedHex}`)).toEqual([]);
    expect(hexDetector.scan(`key qwzx-hellOworld380_testin${alnum(8, 47)}`)).toEqual([]);
    // One case past the rule's hex (base32): read as a one-case tail of 32 or more; hex cut short is the rule's.
    const base32 = `qwzx-${fakeChars(40, "abcdefghijklmnopqrstuvwxyz234567", 48)}`;
    expect(hexDetector.scan(`key ${base32}`).map((finding) => finding.type)).toEqual(["prefixed_token"]);
    expect(hexDetector.scan(`key qwzx-${hex(32, 48)}`)).toEqual([]);
  });
  it("reads the shape alone without the rule", () => {
    const token = `qwzx-${alnum(32, 43)}`;
    expect(prefixedTokens(`key ${token}`, () => "free").map((found) => found.type)).toEqual([
      "prefixed_token",
    ]);
  });
});

describe("a key's name run together with KEY after a vendor's name", () => {
  it.each([
    [`coinlayerKEY=${alnum(32, 50)}`, alnum(32, 50)],
    [`pardot_CONSUMERKEY: ${alnum(24, 51)}`, alnum(24, 51)],
    [`SMUGMUGapiKEY = "${alnum(28, 52)}"`, alnum(28, 52)],
  ])("finds the value in %s", (text, value) => {
    expect(reportedSecretValues(text)).toEqual([value]);
  });
  it.each([`monkey = ${alnum(24, 53)}`, `turkey: ${alnum(24, 54)}`, "coinlayerKEY=sessionStorageItemName"])(
    "reports nothing for %s",
    (text) => {
      expect(reportedSecretValues(text)).toEqual([]);
    },
  );
});
