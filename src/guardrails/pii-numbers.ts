import validator from "validator";
import { type DigitScript, digitScriptAt } from "./fold-digits.js";
import { passesLuhn } from "./luhn.js";
import { hasPhoneContext, namedPhoneRightBefore } from "./phone-context.js";
import { endsWithIdContext } from "./pii-id-context.js";
import {
  digitsOf,
  type PiiMatch,
  textBefore,
  wordCharacterAfter,
  wordCharacterSinceDigit,
} from "./pii-match.js";
import { CN_DASH_EXTENSION, newScanBudget, type PhoneScorer, type ScanBudget } from "./pii-phone.js";

/**
 * Runs of digits with phone/card separators. The look-behinds keep a run from starting inside a word,
 * a decimal, a version (`v1.2.3`), an amount (`$`) or after a minus; after a letter's dot
 * (`TEL.03-1234-5678`), a hyphen (`number-415…`) or `#` (`Tel #415…`; an id, `#123`, otherwise) a
 * run starts, read only after a phone label (findNumbers); an extension may follow
 * (`2034567890x456`, `206-555-0100ext123`); bounded length keeps it linear. Letters outside ASCII and other currency signs
 * are checked on each run found (AGAINST_RUN), which is cheaper than a Unicode look-behind at every
 * position.
 */
const NUMBER_RUN =
  /(?<![\w+/@$€£])(?<!(?:^|[^A-Za-z\u0080-\uffff])-)(?<!(?:^|[^A-Za-z])\.)[+(]?\d[\d \-.()\u00a0]{4,40}\d(?:(?=[xX]\d|[eE][xX][tT]\.?\d)|(?![\w@]|[.-]\d))/g;
/** A Latin letter (`É415…`, `…7777é`), a combining mark, a currency sign or `%` against a run. */
const AGAINST_RUN = /[\p{Script=Latin}\p{M}%$€£¥₩₹₽]/u;
/** U+FE0F, which asks for an emoji's picture (`☎️`): a combining mark AGAINST_RUN would read as a word's. */
const EMOJI_PRESENTATION = 0xfe0f;
/** An extension written against the number: `2034567890x456`, `206-555-0100ext123`, `…Ext.12`. */
const GLUED_EXTENSION = /^(?:[xX]|[eE][xX][tT]\.?)\d/;
const LAST_GROUP = /[ \-.()\u00a0]+\d+$/;
/** A last group of one to four digits after a space or a dash: `+1 6234517890 123`, `+1-425-555-0100-123`. */
const SHORT_LAST_GROUP = /[ \u00a0-]\d{1,4}$/;
const FIRST_DIGIT = /\d/;
/** Readings without a last group per scan: each classifies a second time (a table of such runs would double the scan). */
const TRAILING_GROUP_TRIES = 16;
/** The lowest score the phone scorer gives a number valid in its region (pii-phone.ts: 0.93, 0.97 after a phone word; a carrier prefix's 0.9). */
const VALID_NUMBER_SCORE = 0.9;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const HEX_CONTINUES = /^[ .:-](?:[a-fA-F][0-9a-fA-F]|[0-9][a-fA-F])\b/;
const SSN_CONTEXT = /\b(?:ssn|social security|soc\.? sec|tax ?id|tin)\b[^\n\d]{0,16}$/i;
const CARD_CONTEXT =
  /\b(?:card|cards|carte|karte|tarjeta|cartão|carta|kreditkarte|cc|visa|mastercard|maestro|amex)\b[^\n\d]{0,20}$/i;
/** A phone label right before the number: `Téléphone: `, `Tel. `, `Phone: ` (a colon or a dot after it). */
const PHONE_LABEL_BEFORE =
  /(?<!\p{L})(?:t[ée]l[ée]phone|telefon|telefone|tel[ée]fono|phone|tel|tlf|fon|mobile?|gsm|handy|cell)\s?[.:]\s?$/iu;
/**
 * Asked to call someone at the number right before it: `Call me at `, `text us on `, `reach her at `
 * (not `call 416054 times`: the person and `at`/`on` say a number to dial follows).
 */
const CALL_SOMEONE_AT =
  /(?<!\p{L})(?:call|text|reach|ring|phone|sms|whats ?app|message)\s+(?:me|us|him|her|them)\s+(?:at|on)\s*$/iu;
/** Three digits, then no digit nor a dash: an amount's group after its thousands comma (`2,800 4445`; not `010-…`). */
const THOUSANDS_GROUP = /^\d{3}(?![\d-])/;
/** An amount up to its thousands comma: one to three digits, groups of three (`$2,`, `12,345,`), not a longer run (`…84378966,`). */
const AMOUNT_BEFORE_COMMA = /(?:^|[^\d,.])\d{1,3}(?:,\d{3})*,$/;
/** Whether the text before `start` ends with an amount's thousands comma. */
const amountBefore = (text: string, start: number) =>
  AMOUNT_BEFORE_COMMA.test(text.slice(Math.max(0, start - 24), start));
/** A card number checked by issuer prefix and Luhn. */
const CARD_SCORE = 0.95;

/**
 * Digit-shaped PII: credit cards, US SSNs and phone numbers, from one pass (IPv4 addresses, which
 * this run's bounds would miss in URLs and after `@`, are findIpv4's).
 * `text` is read with foldDigits applied (digits of other scripts and full-width forms as ASCII;
 * offsets are the original's).
 */
export function findNumbers(text: string, phoneScore: PhoneScorer, original = text): PiiMatch[] {
  const matches: PiiMatch[] = [];
  let lastPhoneEnd = -1;
  const budget = newScanBudget();
  let trims = TRAILING_GROUP_TRIES;
  NUMBER_RUN.lastIndex = 0;
  for (let run = NUMBER_RUN.exec(text); run !== null; run = NUMBER_RUN.exec(text)) {
    let candidate = run[0];
    let start = run.index;
    // An emoji's variation selector is a mark but no letter's: `☎️+44 20 7946 0958` starts a run.
    const previous = text.charCodeAt(start - 1);
    if (previous !== EMOJI_PRESENTATION && AGAINST_RUN.test(text[start - 1] ?? "")) continue;
    // `TEL.03-1234-5678`, `Mob.07700900123`: a label's abbreviation against the number, as business
    // cards print it; any other word's dot (`No.1234567`, `approx.2500000`, `host.2023-10-15`) is left.
    if (text[start - 1] === "." && !hasPhoneContext(text, start, start + run[0].length)) continue;
    // `My number-415-666-7777`, Hebrew `התקשרו ל-050-234-5678` (call to-…): a hyphen joins the number to
    // a word, read only after a phone word (`SKU-1234567`, `ISO-8601` are left); a hyphen after anything
    // but a letter is a minus or a range (NUMBER_RUN starts no run there).
    if (text[start - 1] === "-" && !hasPhoneContext(text, start, start + run[0].length)) continue;
    // `Tel #415-555-2671`, `Ph#555-1234`: the number sign after a phone word; after anything else an id
    // (`#1234567`, `issue #4155552671`) or a colour (`#123456`).
    if (text[start - 1] === "#" && !hasPhoneContext(text, start, start + run[0].length)) continue;
    // `$2,800 4445 Stevenson Boulevard`: three digits after a thousands comma are the amount's last
    // group (`2,800`), no number's start; the scan goes on after them (`1,200 01223 123456` still reads).
    if (text[start - 1] === "," && THOUSANDS_GROUP.test(candidate) && amountBefore(text, start)) {
      NUMBER_RUN.lastIndex = start + 3;
      continue;
    }
    const after = text[start + candidate.length] ?? "";
    // "415-666-7777 100$": the amount after is not the number's; the run ends before it.
    if (
      AGAINST_RUN.test(after) &&
      !GLUED_EXTENSION.test(text.slice(start + candidate.length, start + candidate.length + 5))
    ) {
      const shorter = candidate.replace(LAST_GROUP, "");
      if (shorter === candidate) continue;
      candidate = shorter;
    }
    // Unbalanced brackets belong to the prose around the number: "(ext. 12", "8 336 817 (2023".
    if (candidate.startsWith("(") && !candidate.includes(")")) {
      candidate = candidate.slice(1);
      start++;
    }
    const innerBracket = candidate.indexOf("(", 1);
    if (innerBracket > 0 && !candidate.includes(")", innerBracket))
      candidate = candidate.slice(0, innerBracket).trimEnd();
    // "01 02 03 04 05 ab": the digits are the start of a hex byte sequence (a MAC address), not a number.
    const end = start + candidate.length;
    if (wordCharacterAfter(text, end + 1, 2) && HEX_CONTINUES.test(text.slice(end, end + 4))) continue;
    const listed = lastPhoneEnd >= 0 && LIST_JOINER.test(text.slice(lastPhoneEnd, start));
    const script = digitScriptAt(original, start + candidate.search(FIRST_DIGIT));
    let match = classify(text, start, candidate, phoneScore, listed, budget, script);
    // `+1 6234517890 123`: a valid number with `+`, then a short group that is none of its digits (a
    // count, a room, an extension; joined by a dash too, `+86-10-62640000-123`): the number is read without it.
    const shorter =
      match === undefined && candidate.startsWith("+") ? candidate.replace(SHORT_LAST_GROUP, "") : "";
    if (shorter !== "" && shorter !== candidate && trims-- > 0) {
      const found = classify(text, start, shorter, phoneScore, listed, budget);
      if (found?.type === "phone" && found.score >= VALID_NUMBER_SCORE) {
        match = found;
        candidate = shorter;
      }
    }
    if (match?.type === "phone") lastPhoneEnd = start + candidate.length;
    // "(+44) 7911 123456": the bracket opened before the country code is the number's.
    const bracketed = match?.type === "phone" && text[start - 1] === "(" && BRACKETED_CODE.test(candidate);
    if (match) {
      // Written out, not spread: classify's results come in several shapes, and a spread of them took
      // ~1 µs a number (V8's generic object clone), a tenth of a megabyte of phone numbers' scan.
      matches.push({
        type: match.type,
        start: bracketed ? start - 1 : start,
        end: start + candidate.length,
        score: match.score,
      });
      continue;
    }
    const digitCount = digitsOf(candidate).length;
    // More digits than any one number holds: cards listed one after another ("4012888888881881
    // 4012-8888-8888-1881 4012 …"), which the run joined. The cards in it are taken, and the scan
    // goes on after the last, so a card the run's length limit cut is read again whole.
    const cards = digitCount > MAX_NUMBER_DIGITS ? cardsInRun(candidate, start) : [];
    // Or phone numbers one after another ("电话是010-87739799 64615726", "Call 555-123-4567
    // 555-987-6543"): more digits than a phone number holds, so the run is several; read only after
    // a phone word or another phone (`911-701234 91170-1234` alone may be any pair of ids).
    const phones =
      cards.length === 0 &&
      digitCount > MAX_PHONE_DIGITS &&
      (listed || hasPhoneContext(text, start, start + candidate.length))
        ? phonesInRun(candidate, start, (at, piece, first) => {
            const found = classify(text, at, piece, phoneScore, first ? listed : true, budget);
            return found?.type === "phone" ? found.score : 0;
          })
        : [];
    matches.push(...cards, ...phones);
    const last = [...cards, ...phones].at(-1);
    if (last !== undefined) NUMBER_RUN.lastIndex = last.end;
    if (phones.length > 0) lastPhoneEnd = phones.at(-1)?.end ?? lastPhoneEnd;
  }
  return matches;
}

/**
 * What may stand between two phone numbers of one list ("Tel 9876-5432 ou 98765-4321", "010-62755999或
 * 13912345678", "555-1234 / 555-5678", Dutch "of", Japanese "または"): the second shares the first's
 * phone word.
 */
const LIST_JOINER =
  /^[ \t,;/]{0,3}(?:(?:or|ou|o|of|oder|или|veya|ya|या|अथवा|و|或者?|和|及|、|または)[ \t,;/]{0,3})?$/iu;
/** A country code and its closing bracket at the start: `+44) 7911 123456`, the `(` before it. */
const BRACKETED_CODE = /^\+\d{1,3}\)/;

/** Cards print at most 19 digits, phone numbers 15: a longer run is several numbers. */
const MAX_NUMBER_DIGITS = 19;
const MAX_PHONE_DIGITS = 15;
const NON_DIGIT = /\D/g;

/**
 * The card numbers in a run of several numbers separated by spaces: from each space-separated
 * piece, the longest stretch of up to five pieces (4-4-4-4-3 is the longest printed card) that is a
 * card as isCardNumber reads one.
 */
function cardsInRun(candidate: string, start: number): PiiMatch[] {
  const pieces = [...candidate.matchAll(/\S+/g)].map((piece) => ({
    start: piece.index,
    end: piece.index + piece[0].length,
  }));
  // Digits before each piece: a stretch of the wrong length is passed over unread (a megabyte of
  // `1234 ` read five stretches of each piece, one a card's length).
  const digitsBefore = [0];
  for (const piece of pieces) {
    let digits = 0;
    for (let index = piece.start; index < piece.end; index++) {
      const code = candidate.charCodeAt(index);
      if (code >= 48 && code <= 57) digits++;
    }
    digitsBefore.push((digitsBefore[digitsBefore.length - 1] ?? 0) + digits);
  }
  const cards: PiiMatch[] = [];
  for (let first = 0; first < pieces.length; first++) {
    for (let last = Math.min(pieces.length, first + 5) - 1; last >= first; last--) {
      const stretch = (digitsBefore[last + 1] ?? 0) - (digitsBefore[first] ?? 0);
      if (stretch < 13 || stretch > MAX_NUMBER_DIGITS) continue;
      const card = candidate.slice(pieces[first]?.start, pieces[last]?.end);
      const digits = card.replace(NON_DIGIT, "");
      if (digits.length < 13 || digits.length > MAX_NUMBER_DIGITS || !isCardNumber(card, digits)) continue;
      cards.push({
        type: "credit_card",
        start: start + (pieces[first]?.start ?? 0),
        end: start + (pieces[last]?.end ?? 0),
        score: CARD_SCORE,
      });
      first = last;
      break;
    }
  }
  return cards;
}

/**
 * The phone numbers in a run of several written whole, one after another with spaces between:
 * `010-87739799 64615726`, `555-123-4567 555-987-6543`, `13812345678 13912345678`, `(415) 555-2671
 * (415) 555-2672`. Each number is one piece (a bracketed area code with the piece after it), so only
 * a run whose every piece is a number written whole is read: seven digits or more, a dash or a dot
 * inside, or a bracketed code, and none a byte in bits. Runs of short groups (`0331 2345 6789 0123`,
 * an IBAN's; `1010 1101`) say nothing of where one number ends, and are left. `read` scores a piece (0: no phone); `first`:
 * no phone of this run before it (after one, the next is listed with it).
 */
function phonesInRun(
  candidate: string,
  start: number,
  read: (at: number, piece: string, first: boolean) => number,
): PiiMatch[] {
  const pieces = [...candidate.matchAll(/\S+/g)];
  if (!pieces.every((piece) => WHOLE_PIECE.test(piece[0]) && !BITS.test(piece[0]))) return [];
  const phones: PiiMatch[] = [];
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index];
    if (piece === undefined) continue;
    const from = piece.index;
    // `(415) 555-2671`: the bracketed code and the piece after it.
    const next = BRACKETED_PIECE.test(piece[0]) ? pieces[++index] : piece;
    if (next === undefined) break;
    const to = next.index + next[0].length;
    const score = read(start + from, candidate.slice(from, to), phones.length === 0);
    if (score > 0) phones.push({ type: "phone", start: start + from, end: start + to, score });
  }
  return phones;
}

/** A number written whole in a run of several: see phonesInRun. */
const WHOLE_PIECE = /^(?:\+?\d{7,}|[+(]?\d+(?:[-.)]\d+)+|\(\d{1,5}\))$/;
const BRACKETED_PIECE = /^\(\d{1,5}\)$/;
/** Bytes written in bits (`01101000 01100101`), not numbers. */
const BITS = /^[01]+$/;

function classify(
  text: string,
  start: number,
  candidate: string,
  phoneScore: PhoneScorer,
  listed: boolean,
  budget: ScanBudget,
  script?: DigitScript,
) {
  // Four dotted numbers are an IPv4 address or a version, never a phone number (findIpv4 reads them).
  if (IPV4.test(candidate)) return undefined;
  // Every context read of `before` below (SSN, card, phone label, id words) needs a word after its
  // last digit: without one the window is not sliced (a phone list's numbers have none).
  const before = wordCharacterSinceDigit(text, start) ? textBefore(text, start) : "";
  const digits = digitsOf(candidate);
  const ssn = ssnScore(candidate, digits, before);
  if (ssn > 0) return { type: "us_ssn", score: ssn };
  // Written AAA-GG-SSSS but not a valid SSN: no region prints phone numbers that way either.
  if (/^\d{3}-\d{2}-\d{4}$/.test(candidate)) return undefined;
  if (digits.length >= 13 && digits.length <= 19 && isCardNumber(candidate, digits)) {
    if (!isBarcode(digits, before)) return { type: "credit_card", score: CARD_SCORE };
  }
  // Maestro numbers run from 12 digits, and issuers outside validator's prefix list exist: after
  // "card" the Luhn check alone decides (one random number in ten passes it, so never without the word).
  if (
    digits.length >= 12 &&
    digits.length <= 19 &&
    CARD_CONTEXT.test(before) &&
    isPrintedLuhn(candidate, digits)
  ) {
    return { type: "credit_card", score: 0.85 };
  }
  // Six digits only after a phone label or a phone named right before them (`Téléphone: 416054`,
  // `My phone number is 728590`, `Call me at 728590`; Luxembourg, the Faroes, Andorra and San Marino
  // dial six, and local numbers are given so): alone they are as often a code, a count or a date.
  const shortest =
    digits.length === 6 &&
    (PHONE_LABEL_BEFORE.test(before) || CALL_SOMEONE_AT.test(before) || namedPhoneRightBefore(text, start))
      ? 6
      : 7;
  // A Chinese landline's dash-joined extension may take the run past 15 digits (`0571-87654321-8001`).
  if (digits.length < shortest || (digits.length > 15 && !CN_DASH_EXTENSION.test(candidate)))
    return undefined;
  if (endsWithIdContext(before)) return undefined;
  const score = phoneScore(text, start, candidate, listed, budget, script);
  return score > 0 ? { type: "phone", score } : undefined;
}

/**
 * Thirteen digits after a product or id word ("商品コード 4901234567894", "EAN 4006381333931"): an
 * EAN-13 barcode, which one time in ten also passes Luhn with a 4 in front (Japan's 45/49 and
 * Germany's 400-440 prefixes), read as a 13-digit Visa number; after "card" it stays a card.
 */
function isBarcode(digits: string, before: string): boolean {
  return digits.length === 13 && endsWithIdContext(before) && !CARD_CONTEXT.test(before);
}

/**
 * Digits printed as a card prints them, one block or groups of four, that pass the Luhn check
 * (validator.isLuhnNumber): issuers outside validator's prefix list, and 12-digit Maestro.
 */
function isPrintedLuhn(candidate: string, digits: string): boolean {
  const groups = printedGroups(candidate);
  return groups !== undefined && inFours(groups) && validator.isLuhnNumber(digits);
}

/**
 * 16-digit cards of issuers validator's prefix list leaves out (ISO/IEC 7812 IINs as the networks
 * publish them): Maestro, Dankort and Verve (50…), Maestro (56–58, 63), RuPay (60, 82), Mir
 * (2200–2204), Troy (9792).
 */
const OTHER_ISSUERS = /^(?:5[06-8]|6[03]|82|220[0-4]|9792)/;

/**
 * Luhn (validator.isCreditCard, which also checks issuer prefixes: Visa, Mastercard, Amex, Discover,
 * JCB, Diners, UnionPay; or OTHER_ISSUERS' 16 digits), written as one block or in the 4-4-4-4 /
 * 4-6-5 groups cards print.
 */
function isCardNumber(candidate: string, digits: string): boolean {
  // Both ways below end in the Luhn check (validator's isCreditCard runs isLuhnNumber last): done
  // first, by char codes, it leaves nine stretches in ten of a run of digit groups unread.
  if (!passesLuhn(digits)) return false;
  const groups = printedGroups(candidate);
  if (groups === undefined) return false;
  const amexGroups = groups.length === 3 && groups[0] === 4 && groups[1] === 6;
  if (!inFours(groups) && !amexGroups) return false;
  if (validator.isCreditCard(digits)) return true;
  return digits.length === 16 && OTHER_ISSUERS.test(digits) && validator.isLuhnNumber(digits);
}

/** The lengths of a number's digit groups, or undefined when anything but spaces and dashes splits them. */
function printedGroups(candidate: string): number[] | undefined {
  if (!/^[\d -]+$/.test(candidate)) return undefined;
  return candidate.split(/[ -]+/).map((group) => group.length);
}

/** One block, or groups of four before the last. */
function inFours(groups: number[]): boolean {
  return groups.length === 1 || groups.slice(0, -1).every((length) => length === 4);
}

/**
 * US SSN `AAA-GG-SSSS`, or `AAA GG SSSS` / `AAA.GG.SSSS` (one separator throughout, as presidio
 * reads them too; an SSN outranks a phone number of the same digits). Never issued: area 000, 666 or
 * 900–999, group 00, serial 0000; also the advertising numbers 078-05-1120, 219-09-9999 and
 * 123-45-6789 (ssa.gov, "SSN randomization"). Unseparated nine digits, or groups split otherwise,
 * count only after "SSN"/"social security": nine digits alone are as often an id.
 */
function ssnScore(candidate: string, digits: string, before: string): number {
  if (digits.length !== 9) return 0;
  const hasContext = SSN_CONTEXT.test(before);
  const dashed = /^\d{3}-\d{2}-\d{4}$/.test(candidate);
  const separated = dashed || /^\d{3}([ .])\d{2}\1\d{4}$/.test(candidate);
  if (!separated && !(hasContext && /^\d{3}[ ]?\d{2}[ ]?\d{4}$/.test(candidate))) return 0;
  const area = Number(digits.slice(0, 3));
  if (area === 0 || area === 666 || area >= 900) return 0;
  if (digits.slice(3, 5) === "00" || digits.slice(5) === "0000") return 0;
  if (["078051120", "219099999", "123456789"].includes(digits)) return 0;
  if (!hasContext && endsWithIdContext(before)) return 0;
  if (hasContext) return 0.95;
  return dashed ? 0.85 : 0.7;
}
