import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import validator from "validator";
import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/** One unit-test file of pii-manager: its path (`…/lang/<lang>/<country>/test_x.py`) and `TEST` pairs. */
export interface PiiManagerTests {
  path: string;
  pairs: [string, string][];
}

/** The claimed type of each placeholder; `<GOV_ID>` is claimed only for the countries whose id modelmux reads. */
const PLACEHOLDERS: Record<string, string> = {
  PHONE_NUMBER: "PHONE_NUMBER",
  CREDIT_CARD: "CREDIT_CARD",
  EMAIL_ADDRESS: "EMAIL_ADDRESS",
  IP_ADDRESS: "IP_ADDRESS",
};
const GOV_IDS: Record<string, string> = { "en/us": "US_SSN", "pt/br": "BR_CPF" };
const PLACEHOLDER = /<([A-Z_]+)>/g;

/**
 * bigscience-workshop/data_tooling's pii-manager unit tests (`TEST = [(document, expected), …]`): a
 * document whose expected output replaces a span with `<TYPE>` holds that type there (span recovered
 * from the common prefix and suffix); one left as it is holds none the test asks for. Types modelmux
 * does not claim (other countries' government ids, bank account codes, bitcoin addresses) are
 * reported as unclaimed, and their lines are negatives for the claimed types. pii-manager reads a phone
 * or an IP address only after its context words: a document it leaves alone for lack of one
 * (`phonograph +34983453999`, `My address is 10.45.122.65`) still holds a valid number or address,
 * so it is left out as weak.
 */
export function piiManagerLines(files: readonly PiiManagerTests[], context: LineContext): PiiSecretLine[] {
  const lines: PiiSecretLine[] = [];
  for (const { path, pairs } of files) {
    const place = /\/lang\/(\w+)\/(\w+)\//.exec(path);
    const region = place === null ? "" : `${place[1]}/${place[2]}`;
    const file = path.split("/").pop() ?? path;
    for (const [document, expected] of pairs) {
      const names = [...expected.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
      const typeOf = (name: string) => (name === "GOV_ID" ? GOV_IDS[region] : PLACEHOLDERS[name]);
      const types = names.flatMap((name) => typeOf(name) ?? []);
      const unclaimed = names.filter((name) => typeOf(name) === undefined);
      const line: PiiSecretLine = {
        text: document,
        evaluates: "pii",
        positive: types.length > 0,
        types,
        unclaimed,
        ...context,
        origin: `${region} ${file}`,
      };
      const span = names.length === 1 && types.length === 1 ? spanOf(document, expected) : undefined;
      if (span !== undefined && types[0] !== undefined) line.spans = [[types[0], span[0], span[1]]];
      if (names.length === 0 && holdsUnreadValue(document, file)) line.excluded = "weak";
      lines.push(line);
    }
  }
  return lines;
}

/** Where the one placeholder of `expected` stands in `document`: after their common prefix, before their common suffix. */
function spanOf(document: string, expected: string): [number, number] | undefined {
  const at = expected.search(PLACEHOLDER);
  const placeholder = /<[A-Z_]+>/.exec(expected)?.[0] ?? "";
  const suffix = expected.slice(at + placeholder.length);
  if (!document.startsWith(expected.slice(0, at)) || !document.endsWith(suffix)) return undefined;
  return [at, document.length - suffix.length];
}

/** A valid international phone number or IPv4 address in a phone or IP test's document. */
function holdsUnreadValue(document: string, file: string): boolean {
  if (file.includes("ipn")) {
    const number = /\+[\d ]+\d/.exec(document)?.[0];
    return number !== undefined && parsePhoneNumberFromString(number)?.isValid() === true;
  }
  if (file.includes("ip_address")) {
    const address = /\d+(?:\.\d+){3}/.exec(document)?.[0];
    return address !== undefined && validator.isIP(address, 4);
  }
  return false;
}
