import { describe, expect, it } from "vitest";
import { base64 } from "./fake-values.js";
import { reportedSecrets, reportedSecretValues } from "./reported-secrets.js";

// Tink keysets (tink-keyset.ts): made-up key material, in JSON, JSON kept in a JSON string, and
// base64-encoded JSON and binary (protobuf) keysets.
const TYPE_URL = "type.googleapis.com/google.crypto.tink.AesGcmKey";
const material = base64(32, 7);

const jsonKeyset = (keyMaterialType: string, value = material) =>
  JSON.stringify({
    primaryKeyId: 1234567,
    key: [
      {
        keyData: { typeUrl: TYPE_URL, value, keyMaterialType },
        status: "ENABLED",
        keyId: 1234567,
        outputPrefixType: "TINK",
      },
    ],
  });

/** A protobuf Keyset: primary_key_id (1), key (2) holding KeyData (1: type_url, 2: value, 3: material). */
function binaryKeyset(materialType: number): string {
  const field = (tag: number, bytes: Buffer) => Buffer.concat([Buffer.from([tag, bytes.length]), bytes]);
  const keyData = Buffer.concat([
    field(0x0a, Buffer.from(TYPE_URL)),
    field(0x12, Buffer.from(material, "base64")),
    Buffer.from([0x18, materialType]),
  ]);
  const key = Buffer.concat([field(0x0a, keyData), Buffer.from([0x10, 1, 0x18, 0x87, 0xad, 0x4b, 0x20, 1])]);
  return Buffer.concat([Buffer.from([0x08, 0x87, 0xad, 0x4b]), field(0x12, key)]).toString("base64");
}

describe("Tink keysets", () => {
  it.each(["SYMMETRIC", "ASYMMETRIC_PRIVATE"])("reports a JSON keyset's %s key material", (type) => {
    expect(reportedSecretValues(jsonKeyset(type))).toEqual([material]);
  });

  it("reads a keyset kept as a JSON string inside JSON (quotes escaped)", () => {
    const text = JSON.stringify({ name: "signing", keyset: jsonKeyset("SYMMETRIC") });
    expect(reportedSecretValues(text)).toEqual([material]);
  });

  it.each(["ASYMMETRIC_PUBLIC", "REMOTE"])("does not report %s key data", (type) => {
    expect(reportedSecrets(jsonKeyset(type))).toEqual([]);
  });

  it("does not report the same fields without Tink's type URL", () => {
    expect(reportedSecrets(jsonKeyset("SYMMETRIC").replace(TYPE_URL, "example.com/AesGcmKey"))).toEqual([]);
  });

  it("reports a base64-encoded JSON keyset, at each alignment of the type URL", () => {
    // Ids of 7, 8 and 9 digits move the type URL one byte each: all three alignments of its base64.
    for (const id of [1234567, 12345678, 123456789]) {
      const encoded = Buffer.from(jsonKeyset("SYMMETRIC").replaceAll("1234567", String(id))).toString(
        "base64",
      );
      expect(reportedSecretValues(`TINK_KEYSET=${encoded}`)).toEqual([encoded]);
    }
  });

  it("reports a base64 binary keyset holding secret material, not a public one", () => {
    const secret = binaryKeyset(1);
    expect(reportedSecretValues(`keyset: ${secret}`)).toEqual([secret]);
    expect(reportedSecrets(`keyset: ${binaryKeyset(3)}`)).toEqual([]);
  });

  it("reports an encoded keyset again when the same text is scanned again", () => {
    // A retried request or an answer quoting its prompt: the run memo must not outlive its scan.
    const text = `keyset: ${binaryKeyset(1)}`;
    expect(reportedSecrets(text)).toHaveLength(1);
    expect(reportedSecrets(text)).toHaveLength(1);
    expect(reportedSecrets(` ${text}`.slice(1))).toHaveLength(1);
  });

  it("does not report an encrypted keyset", () => {
    const text = JSON.stringify({ encryptedKeyset: base64(120, 9), keysetInfo: { primaryKeyId: 1234567 } });
    expect(reportedSecrets(text).map((finding) => finding.type)).not.toContain("tink_keyset");
  });
});
