import { type CountryCode, getCountryCallingCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { LineContext } from "./extract-pii-secret.js";
import { PHONE_WORDS } from "./phone-words-by-language.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/** One of faker-js's per-locale phone format files (`src/locales/<locale>/phone_number/format/<kind>.ts`). */
export interface FakerPhoneFormats {
  locale: string;
  /** `human` (as people write them), `national` or `international` (E.164). */
  kind: string;
  /** The file's text: `export default ['!##-!##-####', …];`. */
  typescript: string;
}

/**
 * faker-js's phone formats, written by its contributors for each locale (read as text, never run):
 * `#` is a digit, `!` a digit from 2 to 9. Each format is filled with seeded digits until the number
 * is valid in the locale's region in libphonenumber-js's real metadata (a real number range, as
 * people write real numbers; at most MAX_DRAWS draws, else the format is left out), then put in one
 * frame: alone on a line, after the phone word of the locale's language (`Telefoon:`, `电话：`), in an
 * English sentence that names a phone, or in one that does not. Every line is positive, with the
 * number's span (an extension after it, `x123`, `, poste 123`, is outside the span); a number written
 * as one run of digits without `+` or as a decimal (`10.819344`), in a frame without a phone word, is
 * left out as weak (nothing says it is a phone and not an id or an amount). Every line is scored on
 * phone findings only. At most MAX_FORMATS formats per locale and kind are taken, drawn by the seeded
 * random, so locales listing a hundred area codes (Greek, Romanian, Polish) do not outweigh the rest.
 */
export function fakerPhoneLines(
  files: readonly FakerPhoneFormats[],
  random: () => number,
  context: LineContext,
): PiiSecretLine[] {
  const sets = files.map(({ locale, kind, typescript }): PhoneFormatSet => {
    const region = LOCALE_REGIONS[locale];
    if (region === undefined) throw new Error(`faker locale ${locale}: no region named for it`);
    const label = PHONE_WORDS[locale.split("_")[0] ?? ""] ?? PHONE_WORDS.en;
    if (label === undefined) throw new Error(`faker locale ${locale}: no phone word`);
    const formats = [...typescript.matchAll(QUOTED)].map((match) => match[1] ?? match[2] ?? "");
    return { locale, kind, region, label, formats };
  });
  return phoneFormatLines(sets, FAKER_JS_NOTATION, random, context);
}

/** One locale's list of phone formats, of one kind, with the region its numbers are valid in. */
export interface PhoneFormatSet {
  locale: string;
  kind: string;
  region: CountryCode;
  /** The locale's language and the word a form puts before a phone number. */
  label: readonly [string, string];
  formats: readonly string[];
}

/** How a faker writes a random digit in a format: the symbols it uses, and a digit (or none) for each. */
export interface DigitNotation {
  symbols: string;
  digit: (symbol: string, random: () => number) => string;
}

/** faker-js: `#` any digit, `!` a digit from 2 to 9. */
const FAKER_JS_NOTATION: DigitNotation = {
  symbols: "#!",
  digit: (symbol, random) =>
    String(symbol === "!" ? 2 + Math.floor(random() * 8) : Math.floor(random() * 10)),
};

/**
 * The lines of phone formats (see fakerPhoneLines): each format filled until valid in its region,
 * put in one frame, positive with the number's span, scored on phone findings only.
 */
export function phoneFormatLines(
  sets: readonly PhoneFormatSet[],
  notation: DigitNotation,
  random: () => number,
  context: LineContext,
): PiiSecretLine[] {
  const symbols = notation.symbols.replace(/[\]^-]/g, "\\$&");
  const readable = new RegExp(`^[${symbols}\\d +()\\-./,a-z]+$`);
  const extensionAt = new RegExp(`(?: x|, poste )[${symbols}\\d]+$`);
  const symbol = new RegExp(`[${symbols}]`, "g");
  const fill = (format: string) => format.replace(symbol, (found) => notation.digit(found, random));
  const lines: PiiSecretLine[] = [];
  for (const { locale, kind, region, label, formats: all } of sets) {
    const formats = pick([...all], random);
    for (const format of formats) {
      if (!readable.test(format)) throw new Error(`faker ${locale} ${kind}: cannot read ${format}`);
      const extension = extensionAt.exec(format);
      const numberFormat = extension === null ? format : format.slice(0, extension.index);
      const number = validDraw(numberFormat, region, fill);
      if (number === undefined) continue;
      const written = number + (extension === null ? "" : fill(extension[0]));
      const frame = FRAMES[Math.floor(random() * FRAMES.length)] ?? FRAMES[0];
      if (frame === undefined) continue;
      const [prefix, suffix] = frame.text.replace("{label}", label[1]).split("{n}");
      const text = `${prefix}${written}${suffix}`;
      const start = (prefix ?? "").length;
      const line: PiiSecretLine = {
        text,
        evaluates: "pii",
        positive: true,
        types: ["PHONE_NUMBER"],
        unclaimed: [],
        scoredTypes: ["phone"],
        ...(frame.language === "local"
          ? { language: label[0] }
          : frame.language
            ? { language: "English" }
            : {}),
        spans: [["PHONE_NUMBER", start, start + number.length]],
        ...context,
        origin: `${locale} ${kind} ${format} (${frame.name})`,
      };
      if (!frame.namesPhone && UNNAMED_NUMBER.test(number)) line.excluded = "weak";
      lines.push(line);
    }
  }
  return lines;
}

/**
 * A number nothing but words could call a phone: one run of digits, or a decimal (`10.819344`,
 * Yerevan's `10.######` format), in a frame without a phone word.
 */
const UNNAMED_NUMBER = /^\d+(?:[.,]\d+)?$/;
const QUOTED = /'([^'\n]*)'|"([^"\n]*)"/g;
const MAX_DRAWS = 60;
const MAX_FORMATS = 8;

/** Up to MAX_FORMATS of the formats, in their order, drawn by the seeded random. */
function pick(formats: string[], random: () => number): string[] {
  if (formats.length <= MAX_FORMATS) return formats;
  const chosen = new Set<number>();
  while (chosen.size < MAX_FORMATS) chosen.add(Math.floor(random() * formats.length));
  return [...chosen].sort((left, right) => left - right).map((index) => formats[index] ?? "");
}

/** The format filled until libphonenumber-js reads a valid number of the region (or its calling code) in it. */
function validDraw(
  format: string,
  region: CountryCode,
  fill: (format: string) => string,
): string | undefined {
  const callingCode = getCountryCallingCode(region);
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const number = fill(format);
    const phone = parsePhoneNumberFromString(number, region);
    if (phone?.isValid() && phone.countryCallingCode === callingCode) return number;
  }
  return undefined;
}

export interface Frame {
  name: string;
  text: string;
  /** Whether the words around the number say it is a phone. */
  namesPhone: boolean;
  /** `local`: the locale's language (its phone word); true: English; false: no words. */
  language: "local" | boolean;
}

export const FRAMES: Frame[] = [
  { name: "alone", text: "{n}", namesPhone: false, language: false },
  { name: "label", text: "{label}: {n}", namesPhone: true, language: "local" },
  { name: "call", text: "Call me at {n} tomorrow after ten.", namesPhone: true, language: true },
  { name: "office", text: "Our office number is {n}, ask for Dana.", namesPhone: true, language: true },
  { name: "note", text: "Dana wrote {n} on the back of the envelope.", namesPhone: false, language: true },
];

/** The region of each faker locale that has phone formats (language-only locales: the main country). */
const LOCALE_REGIONS: Record<string, CountryCode> = {
  af_ZA: "ZA",
  az: "AZ",
  cs_CZ: "CZ",
  da: "DK",
  de: "DE",
  de_AT: "AT",
  de_CH: "CH",
  dv: "MV",
  el: "GR",
  en: "US",
  en_AU: "AU",
  en_AU_ocker: "AU",
  en_CA: "CA",
  en_GB: "GB",
  en_GH: "GH",
  en_HK: "HK",
  en_IE: "IE",
  en_IN: "IN",
  en_NG: "NG",
  en_ZA: "ZA",
  es: "ES",
  es_MX: "MX",
  fa: "IR",
  fr: "FR",
  fr_BE: "BE",
  fr_CA: "CA",
  fr_CH: "CH",
  fr_LU: "LU",
  fr_SN: "SN",
  he: "IL",
  hr: "HR",
  hu: "HU",
  hy: "AM",
  id_ID: "ID",
  it: "IT",
  ja: "JP",
  ka_GE: "GE",
  ko: "KR",
  lv: "LV",
  mk: "MK",
  nb_NO: "NO",
  ne: "NP",
  nl: "NL",
  nl_BE: "BE",
  pl: "PL",
  pt_BR: "BR",
  pt_PT: "PT",
  ro: "RO",
  ro_MD: "MD",
  ru: "RU",
  sk: "SK",
  sr_RS_latin: "RS",
  sv: "SE",
  th: "TH",
  tr: "TR",
  uk: "UA",
  vi: "VN",
  zh_CN: "CN",
  zh_TW: "TW",
  zu_ZA: "ZA",
};
