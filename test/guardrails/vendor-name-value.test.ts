import { describe, expect, it } from "vitest";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { createSecretDetector, SECRET_PARSERS } from "../../src/guardrails/secrets.js";
import { vendorNames } from "../../src/guardrails/vendor-name-value.js";
import { alnum, hex } from "./fake-values.js";

// A made-up vendor's rule: the reading knows the vendor's name from the rule's type alone, and reads
// a value after the name in any format, where the rule's own pattern (a prefix) does not match.
const rule: SecretPatternRule = {
  id: "test.qorvexa",
  type: "qorvexa_api_key",
  keywords: ["qvx_"],
  pattern: "qvx_[a-z0-9]{32}",
  score: 0.9,
  source: "test",
};
const detector = createSecretDetector([rule], SECRET_PARSERS);
const values = (text: string) =>
  detector
    .scan(text)
    .filter((finding) => finding.detector === "secrets/vendor-name")
    .map((finding) => text.slice(finding.start, finding.end));

describe("a vendor's name that a rule knows, alone before a random value", () => {
  it("takes the vendor's name from a rule's type, up to the words that say what the credential is", () => {
    expect(vendorNames([rule])).toEqual(["qorvexa"]);
    expect(vendorNames([{ ...rule, type: "generic_api_key" }])).toEqual([]);
  });

  const key = alnum(36, 1);
  const hexKey = hex(40, 2);
  it.each([
    [`qorvexa: "${key}"`, key],
    [`QORVEXA=${key}`, key],
    [`Qorvexa\t${hexKey}`, hexKey],
    // Run together with a credential's word, or followed by them.
    [`qorvexaapikey ${key}`, key],
    [`QORVEXA_API ${key}`, key],
    [`qorvexa_license ${hexKey}`, hexKey],
    [`Qorvexa Key: ${key}`, key],
  ])("finds the value in %s", (text, value) => {
    expect(values(text)).toEqual([value]);
  });

  it.each([
    // A name no rule knows.
    `zentrafy: "${key}"`,
    // Part of a host or a path, or a longer name.
    `api.qorvexa.com/${key}`,
    `qorvexa_id ${key}`,
    // A bare `key` after a space, in small letters: any dictionary's.
    `qorvexa key ${key}`,
    // A short hex value (a commit's abbreviated id), a word, a stand-in.
    `qorvexa ${hex(20, 3)}`,
    "qorvexa: installation-instructions",
    `qorvexa: your_${key}`,
  ])("leaves %s alone", (text) => {
    expect(values(text)).toEqual([]);
  });

  it("knows no name when the detector has no vendor rules", () => {
    const bare = createSecretDetector([], SECRET_PARSERS);
    const found = bare
      .scan(`qorvexa: "${key}"`)
      .filter((finding) => finding.detector === "secrets/vendor-name");
    expect(found).toEqual([]);
  });
});
