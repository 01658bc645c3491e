import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/**
 * sindresorhus/ip-regex's test.js (read as text, never run): the `v4` and `v6` lists are addresses
 * its tests find in `foo ${address} bar`, which is how they are put here (positive, with the span);
 * `v4not` and `v6not` are strings that are no address as a whole (`11:36:12`, `1::2::3`,
 * `256.256.256.256`), negative as they stand, but for those that start with a dotted address and
 * punctuation (`100.100.100.100.`, `1.2.3.4::5555`: no address as a whole, an address and a full
 * stop or a port in text), left out as labelled both ways; the `*extract` and `*boundaries` tables are texts with
 * the addresses the regex must pull out of them (`::1, ::2, ::3-::5`), positive with every span.
 * A table row where an address is pulled out of a longer run (`0000000192.168.0.200`, `a::xyz`),
 * which the tests say is not found with `includeBoundaries`, is left out as weak; the empty string
 * is left out. Every line is scored on IP address findings only.
 */
export function ipRegexTestLines(javascript: string, file: string, context: LineContext): PiiSecretLine[] {
  const lines: PiiSecretLine[] = [];
  const add = (text: string, spans: [number, number][], what: string) => {
    const positive = spans.length > 0;
    lines.push({
      text,
      evaluates: "pii",
      positive,
      types: positive ? ["IP_ADDRESS"] : [],
      unclaimed: [],
      scoredTypes: ["ipv4", "ipv6"],
      language: "English",
      ...(positive
        ? { spans: spans.map(([start, end]): [string, number, number] => ["IP_ADDRESS", start, end]) }
        : {}),
      ...context,
      origin: `${file} ${what}`,
    });
  };
  for (const [, name, body] of javascript.matchAll(LIST)) {
    const values = [...(body ?? "").matchAll(QUOTED)].map(([literal]) => unquote(literal));
    for (const value of values) {
      if (value === "") continue;
      if (name === "v4" || name === "v6") add(`foo ${value} bar`, [[4, 4 + value.length]], name);
      else if (name === "v4not" || name === "v6not") {
        add(value, [], name);
        const line = lines.at(-1);
        if (line !== undefined && ADDRESS_THEN_PUNCTUATION.test(value)) line.excluded = "conflict";
      } else throw new Error(`${file}: unknown list ${name}`);
    }
  }
  for (const [, name, body] of javascript.matchAll(TABLE)) {
    for (const [, textLiteral, matchesBody] of (body ?? "").matchAll(TABLE_ROW)) {
      const text = unquote(textLiteral ?? "''");
      const spans: [number, number][] = [];
      let from = 0;
      for (const [literal] of (matchesBody ?? "").matchAll(QUOTED)) {
        const address = unquote(literal);
        const start = text.indexOf(address, from);
        if (start === -1) throw new Error(`${file} ${name}: ${address} is not in ${text}`);
        spans.push([start, start + address.length]);
        from = start + address.length;
      }
      add(text, spans, name ?? "");
      const line = lines.at(-1);
      if (
        line !== undefined &&
        spans.some(([start, end]) => BOUNDED.test(`${text[start - 1] ?? ""}${text[end] ?? ""}`))
      )
        line.excluded = "weak";
    }
  }
  return lines;
}

/** An IPv4 address (octets up to 255) and a `.` or `:` after it. */
const ADDRESS_THEN_PUNCTUATION = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)[.:]/;
/** A letter or digit against an expected address. */
const BOUNDED = /[0-9A-Za-z]/;
const QUOTED = /'(?:[^'\\]|\\.)*'/g;
const LIST = /const (\w+) = \[([\s\S]*?)\n\];/g;
const TABLE = /const (\w+) = \{([\s\S]*?)\n\};/g;
const TABLE_ROW = /('(?:[^'\\]|\\.)*'): \[([^\]]*)\]/g;

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, "$1");
}
