import validator from "validator";
import { namesAVersionOrSection, pairedWithAVersion } from "./ip-version-context.js";
import { type PiiMatch, textBefore } from "./pii-match.js";
import { privateAddressScore } from "./pii-private-address.js";

/**
 * Four dotted numbers, not followed by a word, more dotted parts (an OID `1.3.6.1.2.1`,
 * `192.168.1.1.1`, a host name `10.1.2.3.example.com`) or a dashed suffix (`1.2.3.4-beta`); a port
 * or a zone may follow (`:443`, `@eth0`). An optional `/nn` is a CIDR prefix length, read to tell a
 * network from a host. What may come before is checked in code (startsAnAddress): a leading
 * look-behind is tried at every character of the text, twenty times this regex's cost on 10 KB.
 */
const IPV4 = /\d{1,3}(?:\.\d{1,3}){3}(?:\/(\d{1,2})(?![\w.]))?(?!\w|\.\w|-[a-zA-Z])/g;
/**
 * An address does not start inside a word, a dotted run or a dashed name (`pkg-1.2.3.4`, but the
 * second address of a range `10.0.0.1-10.0.0.254` does); a `/`
 * before counts only as a URL's `//` (`http://203.0.113.5/path`; `packages/foo/4.3.0.0` is a path).
 * `@` (`user@203.0.113.5`), `:` (`ip:203.0.113.5`), brackets and spaces may precede.
 */
const NOT_AFTER = /[\w.+\-#/$€£]/;
const PRIVATE_IPV4 =
  /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.|100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/;
/** Loopback, "this network" (0.x), multicast, reserved and broadcast: reported only with `everyAddress`. */
const SPECIAL_IPV4 = /^(?:0\.|127\.|22[4-9]\.|2[3-5]\d\.)/;
/**
 * Never an address, whatever the setting: four-part versions starting with 0 (`0.12.1.0`; only
 * 0.0.0.0, "any address", is written as an address) and netmasks (`255.255.255.0`, `255.255.0.0`:
 * contiguous ones then zeros; 255.255.255.255 is the broadcast address).
 */
const ZERO_VERSION = /^0\.(?!0\.0\.0$)/;
/** A public address: as sure as presidio's IP recognizer is of a validated one. */
const PUBLIC = 0.9;

/**
 * IPv4 addresses confirmed by validator.isIP, scored by ipv4Score. `everyAddress` (the
 * `privateIpAddresses` setting, on by default) reports every valid address, as presidio, Google
 * Cloud DLP and AWS Comprehend do: private, link-local, loopback, broadcast and multicast ones, and
 * a CIDR network (`203.0.113.0/24`, the host bits after the prefix all zero) with its prefix in the
 * span. Without it, only public hosts: a network names a block of addresses an ISP or a company
 * routes, not a host a person uses, and route tables and firewall rules are full of them.
 * `198.51.100.7/24` (a host's address with its prefix, as `ip addr` prints it) and `/32` are hosts.
 * `text` is read with foldDigits applied, as findNumbers reads it.
 */
export function findIpv4(text: string, everyAddress = true): PiiMatch[] {
  const matches: PiiMatch[] = [];
  IPV4.lastIndex = 0;
  for (let found = IPV4.exec(text); found !== null; found = IPV4.exec(text)) {
    if (!startsAnAddress(text, found.index)) continue;
    const prefixText = found[1];
    const address = prefixText === undefined ? found[0] : found[0].slice(0, -prefixText.length - 1);
    const network = prefixText !== undefined && isNetwork(address, Number(prefixText));
    if (network && !everyAddress) continue;
    const score = ipv4Score(text, found.index, address, everyAddress);
    const end = found.index + (network ? found[0].length : address.length);
    if (score !== undefined) matches.push({ type: "ipv4", start: found.index, end, score });
  }
  return matches;
}

/**
 * The score of the IPv4 address `address` at `start`, or undefined when it is no address: a netmask,
 * a version starting with 0, four-part versions (`version 4.2.1.0`) and section numbers
 * (`section 8.1.2.4`), told by the words before them. Private, link-local, loopback, multicast and
 * broadcast addresses are scored by privateAddressScore: without `everyAddress` they are reported
 * only when labelled as someone's (loopback, multicast and broadcast never).
 */
export function ipv4Score(
  text: string,
  start: number,
  written: string,
  everyAddress: boolean,
): number | undefined {
  const address = ZERO_PADDED.test(written) && namedAnAddress(text, start) ? unpadded(written) : written;
  if (!validator.isIP(address, 4) || ZERO_VERSION.test(address) || isNetmask(address)) return undefined;
  if (namesAVersionOrSection(textBefore(text, start))) return undefined;
  if (pairedWithAVersion(text, start, start + written.length)) return undefined;
  if (SPECIAL_IPV4.test(address) || address === "255.255.255.255")
    return everyAddress ? privateAddressScore(text, start, true) : undefined;
  return PRIVATE_IPV4.test(address) ? privateAddressScore(text, start, everyAddress) : PUBLIC;
}

/** An octet written with leading zeros (`192.168.001.010`), as some tools print addresses aligned. */
const ZERO_PADDED = /(?:^|\.)0\d/;
/**
 * "IP:", "IP address", "ip地址", "IP-Adresse", "dirección IP", "endereço IP", "adresse IP", "địa chỉ
 * IP", "host=", "server": the words before a zero-padded quad name it an address (validator calls
 * such octets invalid; without the words, `001.002.003.004` is as likely an id).
 */
const ADDRESS_LABEL_BEFORE =
  /(?:(?<![a-z])ip(?:v4)?(?:[ -]?(?:address|addr|adresse))?|ip\s?地址|(?:địa chỉ|endereço|endereco|direcci[oó]n|adresse|indirizzo)\s+ip|(?<![a-z])(?:host|server|addr))\s*(?:is|was|est|es|ist|é|è|là|是|为)?\s*[:=]?\s*["']?$/i;
const namedAnAddress = (text: string, start: number) =>
  ADDRESS_LABEL_BEFORE.test(textBefore(text, start, 24));
const unpadded = (address: string) =>
  address
    .split(".")
    .map((octet) => String(Number(octet)))
    .join(".");

/** An address and a dash just before: the second address of a range (`10.0.0.1-10.0.0.254`). */
const RANGE_START = /(?:^|[^\w.])\d{1,3}(?:\.\d{1,3}){3}-$/;
/** Room for a boundary character, an address and the dash. */
const RANGE_START_CHARS = 17;

function startsAnAddress(text: string, start: number): boolean {
  const before = text[start - 1] ?? " ";
  if (!NOT_AFTER.test(before)) return true;
  if (before === "/") return text[start - 2] === "/";
  return before === "-" && RANGE_START.test(text.slice(Math.max(0, start - RANGE_START_CHARS), start));
}

/** `255.255.255.0`, `255.255.240.0`, `255.0.0.0`: ones then zeros, starting with 255, not all ones. */
function isNetmask(address: string): boolean {
  if (!address.startsWith("255.") || address === "255.255.255.255") return false;
  const inverted = 2 ** 32 - 1 - toNumber(address);
  return (inverted & (inverted + 1)) === 0;
}

function toNumber(address: string): number {
  return address.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

/** A network address: a prefix shorter than 32 bits and every host bit after it zero. */
function isNetwork(address: string, prefix: number): boolean {
  if (prefix >= 32) return false;
  return toNumber(address) % 2 ** (32 - prefix) === 0;
}
