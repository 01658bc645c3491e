import { ALPHANUMERIC, asciiClass, skipBackOver } from "./char-class.js";
import { spanMemory } from "./run-end.js";
import type { ParsedSecret, SecretParser } from "./secret-parsers.js";

/**
 * Tink keysets (Google's crypto library; developers.google.com/tink, "Keysets"), secret key material
 * the token readings cannot see: JSON whose keys' `keyData` carries a `typeUrl`
 * (`type.googleapis.com/google.crypto.tink.…`), the key material as base64 `value`, and a
 * `keyMaterialType`. SYMMETRIC and ASYMMETRIC_PRIVATE material is a secret key; ASYMMETRIC_PUBLIC and
 * REMOTE (a key kept in a KMS) are not, nor is an `encryptedKeyset`. A keyset kept base64-encoded in
 * config, as JSON or in Tink's binary form (a protobuf Keyset), is read where the encoded type URL
 * shows.
 */

const TINK_TYPE_URL = "type.googleapis.com/google.crypto.tink.";
/** Quotes as JSON writes them, or escaped once or twice (a keyset kept as a JSON string in JSON). */
const QUOTE = String.raw`(?:\\{0,3}")`;
const MATERIAL = new RegExp(
  String.raw`keyMaterialType${QUOTE}\s*:\s*${QUOTE}(SYMMETRIC|ASYMMETRIC_PRIVATE|ASYMMETRIC_PUBLIC|REMOTE)${QUOTE}`,
  "y",
);
const KEY_VALUE = new RegExp(String.raw`${QUOTE}value${QUOTE}\s*:\s*${QUOTE}([A-Za-z0-9+/]{16,}={0,2})`, "g");
/** How far from its `keyMaterialType` a key's `value` and type URL are looked for. */
const KEY_DATA_REACH = 600;

export const tinkKeysetParser: SecretParser = {
  id: "tink-keyset",
  keywords: ["keymaterialtype"],
  source: "Tink keyset JSON (KeyData: typeUrl, value, keyMaterialType)",
  parse: secretKeyData,
};

/** The base64 `value` of a keyset's secret KeyData whose `keyMaterialType` is at `index`. */
function secretKeyData(text: string, index: number): ParsedSecret | undefined {
  MATERIAL.lastIndex = index;
  const material = MATERIAL.exec(text)?.[1];
  if (material !== "SYMMETRIC" && material !== "ASYMMETRIC_PRIVATE") return undefined;
  const from = Math.max(0, index - KEY_DATA_REACH);
  const before = text.slice(from, index);
  if (!before.includes(TINK_TYPE_URL)) return undefined;
  let value: RegExpExecArray | undefined;
  for (const match of before.matchAll(KEY_VALUE)) value = match;
  if (value === undefined) return undefined;
  const start = from + (value.index ?? 0) + value[0].length - (value[1]?.length ?? 0);
  return { type: "tink_keyset", start, end: start + (value[1]?.length ?? 0), score: 0.9 };
}

/** Whether a JSON keyset (decoded from base64) holds secret key material. */
function jsonKeysetIsSecret(json: string): boolean {
  for (let at = json.indexOf("keyMaterialType"); at !== -1; at = json.indexOf("keyMaterialType", at + 1))
    if (secretKeyData(json, at) !== undefined) return true;
  return false;
}

/**
 * `type.googleapis.com/google.crypto.tink.` in base64 at each of the three alignments a run can put
 * it at (the string's first whole characters of each, in the case the prefilter keys them).
 */
const ENCODED_TINK_URLS = [0, 1, 2].map((shift) => {
  const encoded = Buffer.from(`${"\0".repeat(shift)}${TINK_TYPE_URL}`).toString("base64");
  // The first characters hold the padding's bits; the last may hold the next byte's.
  const skip = shift === 0 ? 0 : shift === 1 ? 2 : 3;
  return encoded.slice(skip, skip + 40);
});
const isBase64Char = asciiClass(`${ALPHANUMERIC}+/`);
const RUN_REST = /[A-Za-z0-9+/]*={0,2}/y;
const MAX_RUN = 16_000;

/** A protobuf varint at `at`: its value and the index after it, or undefined. */
function varint(bytes: Buffer, at: number): [number, number] | undefined {
  let value = 0;
  for (let index = at, shift = 0; index < bytes.length && shift < 35; index++, shift += 7) {
    const byte = bytes[index] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, index + 1];
  }
  return undefined;
}

/**
 * Whether a binary Tink keyset holds secret key material: a KeyData (type_url = 1, value = 2,
 * key_material_type = 3) whose material is SYMMETRIC (1) or ASYMMETRIC_PRIVATE (2).
 */
function binaryKeysetIsSecret(bytes: Buffer): boolean {
  const url = Buffer.from(TINK_TYPE_URL);
  for (let found = bytes.indexOf(url); found !== -1; found = bytes.indexOf(url, found + 1)) {
    // type_url's tag and length sit before it: read the KeyData from the URL's end on.
    const urlEnd = bytes.indexOf(0x12, found + url.length);
    if (urlEnd === -1) return false;
    const length = varint(bytes, urlEnd + 1);
    if (length === undefined) continue;
    const after = length[1] + length[0];
    if (bytes[after] !== 0x18) continue;
    const material = bytes[after + 1];
    if (material === 1 || material === 2) return true;
  }
  return false;
}

/** The run last read: a later hit inside it (the type URL of the keyset's next key) is not read again. */
const lastRun = spanMemory();

export const encodedTinkKeysetParser: SecretParser = {
  id: "tink-keyset",
  keywords: ENCODED_TINK_URLS.map((keyword) => keyword.toLowerCase()),
  source: "Tink keyset, base64-encoded (JSON, or binary: protobuf Keyset)",
  parse(text, index) {
    if (!ENCODED_TINK_URLS.some((keyword) => text.startsWith(keyword, index))) return undefined;
    // A run already read (the type URL shows once per key of a keyset): not read again.
    if (lastRun.answered(text, index)) return undefined;
    const start = skipBackOver(text, index, isBase64Char, MAX_RUN);
    RUN_REST.lastIndex = index;
    RUN_REST.exec(text);
    const end = RUN_REST.lastIndex;
    lastRun.remember(text, index, end);
    if (end - start > MAX_RUN) return undefined;
    const bytes = Buffer.from(text.slice(start, end), "base64");
    // A JSON keyset encoded whole, or Tink's binary form.
    const secret =
      bytes[0] === 0x7b || bytes[0] === 0x5b
        ? jsonKeysetIsSecret(bytes.toString("utf8"))
        : binaryKeysetIsSecret(bytes);
    if (!secret) return undefined;
    return { type: "tink_keyset", start, end, score: 0.9 };
  },
};
