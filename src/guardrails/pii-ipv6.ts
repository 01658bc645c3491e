import validator from "validator";
import { asciiClass } from "./char-class.js";
import { ipv4Score } from "./pii-ipv4.js";
import { type PiiMatch, textBefore } from "./pii-match.js";
import { privateAddressScore } from "./pii-private-address.js";

const isAddressChar = asciiClass("0123456789abcdefABCDEF:.");
const WORD_CHAR = /\w/;
const MAX_ADDRESS = 45;
/** Loopback `::1` (and `0:0:0:0:0:0:0:1`) and multicast `ff00::/8`: reported only with `everyAddress`. */
const SPECIAL = /^(?:::1$|(?:0{1,4}:){7}0{0,3}1$|ff[0-9a-f]{2}:)/i;
/** A prefix length after an address: `2001:db8::/32`, `fe80::/10`. */
const PREFIX_AFTER = /^(?:%\w+)?\/\d/;
const LOCAL = /^f(?:e[89ab]|[cd][0-9a-f])[0-9a-f]?:/i;
/**
 * An IPv4 address written as IPv6 (RFC 4291 §2.5.5 mapped `::ffff:a.b.c.d` and compatible `::a.b.c.d`,
 * RFC 2765 translated `::ffff:0:a.b.c.d`, RFC 6052 NAT64 `64:ff9b::a.b.c.d`): it is the IPv4 address,
 * dotted or as two hex groups (`::ffff:c000:280` is 192.0.2.128).
 */
const IPV4_AS_IPV6 = /^(?:::(?:ffff:(?:0{1,4}:)?)?|64:ff9b::)(?=\d+\.\d+\.\d+\.\d+$)/i;
const IPV4_AS_HEX = /^(?:::ffff:(?:0{1,4}:)?|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;
const DIGIT = /\d/;
const FULL_FIRST_GROUP = /^[0-9a-f]{4}:/i;
/** Only colons and one- or two-digit numbers: a clock or a counter (`10:00:00::1`, `1:2::3`). */
const CLOCK_LIKE = /^[\d:]+$/;
/** Eight groups written out: no clock or counter has as many. */
const EIGHT_GROUPS = /^(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$/i;
const THREE_DIGITS = /\d{3}/;
/** A group of one or two digits, then one of two: `10:30`, `9:05`. */
const HOURS_MINUTES = /(?:^|:)\d{1,2}:\d{2}(?::|$)/;
const PUBLIC = 0.9;

/**
 * IPv6 addresses in every RFC 4291/5952 form (full, `::`-compressed, with an embedded IPv4 address),
 * confirmed by validator.isIP(…, 6). Candidates grow left and right from each `:` over hex digits,
 * colons and dots, and must not touch a word (`std::vector`, `Foo::Bar`); brackets, a port after them
 * (`[2001:db8::1]:8080`) and a zone id (`fe80::1%eth0`, left out of the span) may. Left out as no
 * address: candidates without a digit (`cafe::babe`, `abc::def`: identifiers; but for `::` forms with
 * a single colon between groups, `a:b:c::d`, and any after an address word), with fewer than three
 * groups unless the first is written in full (`fe80::1` is an address, `10::30` is not), of only
 * one- and two-digit numbers in fewer than eight groups (`10:00:00::1`, `1:2::3`: clocks and
 * counters), and the unspecified address `::`. Clock times and MAC addresses (no `::`, fewer or more
 * than eight groups) fail validation. `everyAddress` (the `privateIpAddresses` setting, on by
 * default) reports every other valid address, as presidio does: loopback `::1`, multicast,
 * link-local and unique-local ones, and prefixes (`2001:db8::`, `fe80::/10`: the interface part is
 * zero, so it names a network); without it, only public hosts, and link-local and unique-local
 * addresses labelled as someone's.
 */
export function findIpv6(text: string, everyAddress = true): PiiMatch[] {
  const matches: PiiMatch[] = [];
  let searchFrom = 0;
  for (let colon = text.indexOf(":"); colon !== -1; colon = text.indexOf(":", searchFrom)) {
    let start = colon;
    while (start > 0 && colon - start < MAX_ADDRESS && isAddressChar(text, start - 1)) start--;
    let end = colon + 1;
    while (end < text.length && end - start < MAX_ADDRESS && isAddressChar(text, end)) end++;
    searchFrom = end + 1;
    while (end > colon + 1 && text[end - 1] === ".") end--;
    if (WORD_CHAR.test(text[start - 1] ?? "") || WORD_CHAR.test(text[end] ?? "")) continue;
    const candidate = text.slice(start, end);
    // No form of an address has three colons in a row (validator.isIP would say no): a run of
    // colons (`::::`, a megabyte of them: each colon a candidate) is no address, read no further.
    if (candidate.includes(":::")) continue;
    const compressed = candidate.includes("::");
    if (
      compressed
        ? !shortFormAddress(candidate, everyAddress, text, start, end)
        : !looksLikeAddress(candidate, everyAddress, text, end)
    )
      continue;
    if (!validator.isIP(candidate, 6)) continue;
    const score = addressScore(text, start, candidate, everyAddress);
    if (score !== undefined) matches.push({ type: "ipv6", start, end, score });
  }
  return matches;
}

/**
 * A `::`-compressed candidate in every RFC 4291 form (`1::`, `1::8`, `1:2:3::8`, `::2:3:4:5:6:7:8`,
 * `::8`), which code writes too: a Python slice (`a[1::2]`, `s[::2]`, `x[:, 1::]`) is not one, and
 * `::` alone (Haskell's `x :: Int`, reStructuredText's `Example ::`) is the unspecified address only
 * after a word naming an address. Those of hex letters alone (`cafe::babe`) are identifiers;
 * the rest of looksLikeAddress's rules apply to longer forms with hex letters, and what may be
 * found only with `everyAddress` stays so.
 */
function shortFormAddress(
  candidate: string,
  everyAddress: boolean,
  text: string,
  start: number,
  end: number,
): boolean {
  if (inSlice(text, start, end)) return false;
  if (candidate === "::") return everyAddress && NAMES_AN_ADDRESS.test(textBefore(text, start));
  if (!DIGIT.test(candidate)) return hexLettersAddress(candidate, everyAddress, text, start);
  if (looksLikeAddress(candidate, everyAddress, text, end)) return true;
  // Short forms looksLikeAddress leaves out: `1::`, `1::1`, `1:2::8`, `::8`, `::2:3:4:5:6:7:8`; not
  // a clock's hours and minutes (`10:00::`, `12:30::45`, `10:00:00::1`).
  if (CLOCK_LIKE.test(candidate) && HOURS_MINUTES.test(candidate)) return false;
  return everyAddress || !(candidate.startsWith("::") || candidate.endsWith("::"));
}

/** A colon between two groups that is not part of `::`: code writes paths with `::` alone. */
const SINGLE_COLON = /[0-9a-f]:[0-9a-f]/i;

/**
 * A `::`-compressed candidate of hex letters alone: `a:b:c::d`, `::a:b:c`, `a:b:c::` are addresses
 * (a single colon between groups is in no language's path: Rust's `a::b`, C++'s `A::B`, Ruby's
 * `::Face` have `::` alone); `a::`, `::a` and `a::b` only after a word naming an address, as `::`
 * alone. A prefix (`a:b:c::`) only with `everyAddress`, as prefixes with digits.
 */
function hexLettersAddress(candidate: string, everyAddress: boolean, text: string, start: number): boolean {
  if (SINGLE_COLON.test(candidate)) return !candidate.endsWith("::") || everyAddress;
  return everyAddress && NAMES_AN_ADDRESS.test(textBefore(text, start));
}

/** `ip`, `IPv6`, `address`, `addr`, `地址`, `アドレス`, `endereço`, `dirección`, `Adresse`… with `is`/`:` after. */
const NAMES_AN_ADDRESS =
  /(?:\b(?:ip(?:v6)?|address|addr|adresse|endere[çc]o|direcci[óo]n|indirizzo|адрес\p{L}*)|地址|アドレス|주소)\s*(?:is|:|=|est|es|ist|é|è)?\s*$/iu;

/**
 * Inside a subscript: an open `[` right after a name or a closing bracket earlier on the line, and
 * the `]` that closes it soon after the candidate (`a[1::2]`, `s[::2]`, `x[:, 1::]`, `d[-1::-2]`);
 * or in a regular expression's group (`(?::0{1,4})`).
 */
function inSlice(text: string, start: number, end: number): boolean {
  if (text.slice(start - 2, start) === "(?" || text[end] === "{") return true;
  const before = text.slice(Math.max(0, start - 40), start);
  const open = before.lastIndexOf("[");
  if (open < 1 || open < before.lastIndexOf("]") || !/[\w)\]]/.test(before[open - 1] ?? "")) return false;
  return /^[^\s\]]{0,12}\]/.test(text.slice(end, end + 14));
}

/** `1:2::3`: no shorter candidate is an address the checks below keep, but loopback `::1`. */
const MIN_ADDRESS = 6;
const LOOPBACK = /^::1$/;

/** `text` and `end`: what follows the candidate, read for a prefix length. */
function looksLikeAddress(candidate: string, everyAddress: boolean, text: string, end: number): boolean {
  if (candidate.length < MIN_ADDRESS) return everyAddress && LOOPBACK.test(candidate);
  if (!DIGIT.test(candidate)) return false;
  if (candidate.endsWith("::"))
    return everyAddress && isPrefix(candidate, () => PREFIX_AFTER.test(text.slice(end, end + 8)));
  if (IPV4_AS_IPV6.test(candidate) || IPV4_AS_HEX.test(candidate)) return true;
  if (CLOCK_LIKE.test(candidate) && !THREE_DIGITS.test(candidate) && !EIGHT_GROUPS.test(candidate))
    return false;
  const groups = candidate.split(":").filter((group) => group.length > 0);
  return groups.length >= 3 || (groups.length === 2 && FULL_FIRST_GROUP.test(candidate));
}

/**
 * A network prefix (`2001:db8::`, `2001:db8:1:2::`; `fe80::` and `2001::` only with a prefix length
 * after them): two groups with the first written in full, or three and more, not clock-like
 * (`10:00::`).
 */
function isPrefix(candidate: string, prefixed: () => boolean): boolean {
  if (CLOCK_LIKE.test(candidate) && !THREE_DIGITS.test(candidate)) return false;
  const groups = candidate.split(":").filter((group) => group.length > 0).length;
  if (!FULL_FIRST_GROUP.test(candidate)) return groups >= 3;
  return groups >= 2 || prefixed();
}

function addressScore(text: string, start: number, candidate: string, everyAddress: boolean) {
  const ipv4 = embeddedIpv4(candidate);
  if (ipv4 !== undefined) return ipv4Score(text, start, ipv4, everyAddress);
  if (SPECIAL.test(candidate) || candidate.endsWith("::"))
    return everyAddress ? privateAddressScore(text, start, true) : undefined;
  // Link-local and unique-local addresses name a network interface, not a person, unless labelled.
  return LOCAL.test(candidate) ? privateAddressScore(text, start, everyAddress) : PUBLIC;
}

/** The IPv4 address an IPv4-mapped, -compatible, -translated or NAT64 address carries, dotted. */
function embeddedIpv4(candidate: string): string | undefined {
  const dotted = IPV4_AS_IPV6.exec(candidate);
  if (dotted !== null) return candidate.slice(dotted[0].length);
  const hex = IPV4_AS_HEX.exec(candidate);
  if (hex === null) return undefined;
  const [high, low] = [Number.parseInt(hex[1] ?? "", 16), Number.parseInt(hex[2] ?? "", 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}
