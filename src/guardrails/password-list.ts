import { asciiClass, atLineStart, skipBackOver } from "./char-class.js";
import { passwordFinding } from "./password-finding.js";
import type { ParsedSecret, SecretParser } from "./secret-parsers.js";

/**
 * A list of passwords under a key naming them (`passwords:`, `auth.passwords`, `customPasswords`,
 * `"passwords":`), as YAML and JSON write one: in brackets (`passwords: ["…", "…"]`) or as a block of
 * `- …` items on the lines below. Bitnami's MongoDB and Kafka charts take their users' passwords so
 * (`auth.passwords`, `sasl.client.passwords`), and Ansible's and Helm's values files write them. Each item
 * is scored as a value in a password's place is (passwordFinding: placeholders, references and words
 * about a password are none); the finding spans the items that score, so a redaction hides them all.
 * The key starts its line (after indentation, a quote, `{` or `,`): "the most common passwords:" in a
 * sentence is prose, not a key.
 */
export const passwordListParser: SecretParser = {
  id: "password-list",
  keywords: ["passwords", "passwds"],
  source: "YAML 1.2 flow and block sequences; JSON arrays",
  parse(text, index) {
    const keyword = text.slice(index, index + 9).toLowerCase() === "passwords" ? 9 : 7;
    const nameEnd = index + keyword;
    if (isNameChar(text, nameEnd) || !keyStartsLine(text, index)) return undefined;
    SEPARATOR.lastIndex = nameEnd;
    const separator = SEPARATOR.exec(text);
    if (separator === null) return undefined;
    const from = SEPARATOR.lastIndex;
    const items = separator[1] === "[" ? flowItems(text, from) : blockItems(text, from);
    return listFinding(items);
  },
};

const isNameChar = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
// A key's own characters before the keyword (`auth.`, `02_hardcoded_`, `custom`), then what may start
// its line: indentation, a quote, a flow mapping's `{` or `,`.
const isKeyChar = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");
const isLinePrefix = asciiClass(" \t\"'{,");
const MAX_KEY = 60;

function keyStartsLine(text: string, index: number): boolean {
  return atLineStart(text, skipBackOver(text, index, isKeyChar, MAX_KEY), isLinePrefix, 40);
}

// The key's closing quote, `:` or `=`, then `[` on the same line, or the line's end (a comment allowed).
const SEPARATOR = /["']?[ \t]*[:=][ \t]*(?:(\[)|(?:#[^\n]{0,200})?\r?\n)/y;

interface Item {
  value: string;
  start: number;
  quoted: boolean;
}

// One flow item: quoted, or bare up to `,` or `]`; then `,` or the closing `]`.
const FLOW_ITEM = /[ \t]*(?:"([^"\n]{0,200})"|'([^'\n]{0,200})'|([^\s,\]"'][^,\]\n]{0,199}?))[ \t]*([,\]])/y;
const MAX_ITEMS = 32;

function flowItems(text: string, from: number): Item[] {
  const items: Item[] = [];
  FLOW_ITEM.lastIndex = from;
  for (let count = 0; count < MAX_ITEMS; count++) {
    const start = FLOW_ITEM.lastIndex;
    const match = FLOW_ITEM.exec(text);
    if (match === null) break;
    const quoted = match[3] === undefined;
    const value = match[1] ?? match[2] ?? match[3] ?? "";
    items.push({ value, start: start + match[0].indexOf(value, quoted ? 1 : 0), quoted });
    if (match[4] === "]") break;
  }
  return items;
}

// One block item: indentation, `- `, a quoted or bare value to the line's end.
const BLOCK_ITEM =
  /([ \t]*)-[ \t]+(?:"([^"\n]{0,200})"|'([^'\n]{0,200})'|([^\s"'#][^\n]{0,199}?))[ \t]*(?:\r?\n|$)/y;

function blockItems(text: string, from: number): Item[] {
  const items: Item[] = [];
  BLOCK_ITEM.lastIndex = from;
  let indent: string | undefined;
  for (let count = 0; count < MAX_ITEMS; count++) {
    const start = BLOCK_ITEM.lastIndex;
    const match = BLOCK_ITEM.exec(text);
    // Every item of one sequence sits at the same indentation.
    if (match === null || (indent !== undefined && match[1] !== indent)) break;
    indent = match[1];
    const quoted = match[4] === undefined;
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    const valueAt = (match[1]?.length ?? 0) + match[0].slice(match[1]?.length ?? 0).indexOf(value, 1);
    items.push({ value, start: start + valueAt, quoted });
  }
  return items;
}

// A bare item of several words is a list's prose (`- at least 8 characters`), not a password.
const SPACED = /\s/;

/** The items that score as passwords, as one finding from the first to the last, or none. */
function listFinding(items: Item[]): ParsedSecret | undefined {
  let found: ParsedSecret | undefined;
  for (const { value, start, quoted } of items) {
    if (!quoted && SPACED.test(value)) continue;
    const finding = passwordFinding(value, start, quoted);
    if (finding === undefined) continue;
    found =
      found === undefined
        ? finding
        : { ...found, end: finding.end, score: Math.max(found.score, finding.score) };
  }
  return found;
}
