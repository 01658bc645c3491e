/**
 * Rust `regex` patterns (as Nosey Parker and Kingfisher write their rules) turned into JavaScript
 * regex sources for modelmux's secret rules. What differs and how it is handled:
 * - `(?x)` verbose mode: whitespace and `#` comments are dropped, in classes too (`\ ` is a space);
 * - inline flags `(?i)`, `(?i:…)`, `(?-i)`, `(?s)`, `(?m)`: JavaScript 20 has none, so a pattern
 *   wholly case-insensitive gets the `i` flag and any other case-insensitive part has its letters
 *   spelled in both cases (`a` → `[aA]`); `.` is `[^\n]`, or `[\s\S]` under `s`; `^`/`$` become
 *   look-arounds for the text's (or, under `m`, a line's) start and end;
 * - `(?P<name>…)` is `(?<name>…)`;
 * - unbounded repetitions (`*`, `+`, `{n,}`) are bounded (`{0,MAX}`), so a scan stays linear;
 * - what cannot be carried over safely (Unicode classes `\p`, class set operations, nested classes,
 *   `(?U)`, `\Q…\E`, `\x{…}`…) is refused with the reason, never guessed.
 * The same tree gives the rule's prefilter keywords: the literal text every match starts with.
 */

export const MAX_REPEAT = 256;

interface Flags {
  i: boolean;
  x: boolean;
  s: boolean;
  m: boolean;
}

type Node =
  | { kind: "literal"; char: string; i: boolean }
  | { kind: "class"; items: ClassItem[]; negated: boolean; i: boolean }
  | { kind: "escape"; text: string; zeroWidth: boolean }
  | { kind: "dot"; s: boolean }
  | { kind: "anchor"; end: boolean; m: boolean }
  | { kind: "group"; capture: boolean; name?: string; alternatives: Node[][] }
  | { kind: "repeat"; node: Node; min: number; max: number | undefined; lazy: boolean };

/** A range of characters, or a class escape (`\d`, `\w`, `\s` and their negations) inside `[…]`. */
type ClassItem = { from: number; to: number } | { escape: string };

export class RustRegexError extends Error {}

const CLASS_ESCAPES = new Set(["d", "D", "w", "W", "s", "S"]);
const CHAR_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", f: "\f", v: "\v", "0": "\0" };
const POSIX: Record<string, [number, number][]> = {
  alpha: [
    [65, 90],
    [97, 122],
  ],
  digit: [[48, 57]],
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122],
  ],
  upper: [[65, 90]],
  lower: [[97, 122]],
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102],
  ],
};

class Parser {
  private at = 0;
  groups = 0;
  constructor(private readonly source: string) {}

  parse(): Node[][] {
    const alternatives = this.alternatives({ i: false, x: false, s: false, m: false });
    if (this.at < this.source.length) throw new RustRegexError(`unbalanced ")" at ${this.at}`);
    return alternatives;
  }

  private alternatives(outer: Flags): Node[][] {
    const flags = { ...outer };
    const alternatives: Node[][] = [[]];
    for (;;) {
      this.skipVerbose(flags);
      const char = this.source[this.at];
      if (char === undefined || char === ")") return alternatives;
      const current = alternatives[alternatives.length - 1] as Node[];
      if (char === "|") {
        this.at++;
        alternatives.push([]);
        continue;
      }
      if (char === "(" && this.source.startsWith("(?", this.at)) {
        const inline = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(this.source.slice(this.at));
        if (inline !== null && (inline[1] !== "" || inline[2] !== undefined || inline[3] === ":")) {
          if (inline[3] === ")") {
            // `(?i)`: on for the rest of this group.
            this.applyFlags(flags, inline[1] ?? "", inline[2] ?? "");
            this.at += inline[0].length;
            continue;
          }
          const scoped = { ...flags };
          this.applyFlags(scoped, inline[1] ?? "", inline[2] ?? "");
          this.at += inline[0].length;
          current.push(this.quantified(this.groupBody(scoped, false), flags));
          continue;
        }
      }
      current.push(this.quantified(this.atom(flags), flags));
    }
  }

  private applyFlags(flags: Flags, on: string, off: string): void {
    for (const [letters, value] of [
      [on, true],
      [off, false],
    ] as const) {
      for (const letter of letters) {
        if (letter !== "i" && letter !== "x" && letter !== "s" && letter !== "m")
          throw new RustRegexError(`flag ${letter} is not supported`);
        flags[letter] = value;
      }
    }
  }

  private groupBody(flags: Flags, capture: boolean, name?: string): Node {
    const alternatives = this.alternatives(flags);
    if (this.source[this.at] !== ")") throw new RustRegexError("unclosed group");
    this.at++;
    return { kind: "group", capture, ...(name === undefined ? {} : { name }), alternatives };
  }

  private atom(flags: Flags): Node {
    const char = this.source[this.at] as string;
    this.at++;
    if (char === "(") {
      const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(this.source.slice(this.at));
      if (named !== null) {
        this.at += named[0].length;
        this.groups++;
        return this.groupBody(flags, true, named[1]);
      }
      if (this.source[this.at] === "?")
        throw new RustRegexError(`group syntax (?${this.source[this.at + 1]}`);
      this.groups++;
      return this.groupBody(flags, true);
    }
    if (char === "[") return this.characterClass(flags);
    if (char === ".") return { kind: "dot", s: flags.s };
    if (char === "^") return { kind: "anchor", end: false, m: flags.m };
    if (char === "$") return { kind: "anchor", end: true, m: flags.m };
    if (char === "\\") return this.escape(flags);
    if ("*+?{".includes(char)) throw new RustRegexError(`repetition without an operand at ${this.at - 1}`);
    return { kind: "literal", char, i: flags.i };
  }

  private escape(flags: Flags): Node {
    const char = this.source[this.at];
    this.at++;
    if (char === undefined) throw new RustRegexError("pattern ends in a backslash");
    if (char === "b" || char === "B") return { kind: "escape", text: `\\${char}`, zeroWidth: true };
    if (char === "A") return { kind: "anchor", end: false, m: false };
    if (char === "z") return { kind: "anchor", end: true, m: false };
    if (CLASS_ESCAPES.has(char)) return { kind: "escape", text: `\\${char}`, zeroWidth: false };
    const literal = this.escapedChar(char);
    return { kind: "literal", char: literal, i: flags.i };
  }

  /** The character an escape outside `\d`-style classes stands for, or an error for what is not carried over. */
  private escapedChar(char: string): string {
    if (CHAR_ESCAPES[char] !== undefined) return CHAR_ESCAPES[char];
    if (char === "x") {
      const hex = /^[0-9a-fA-F]{2}/.exec(this.source.slice(this.at));
      if (hex === null) throw new RustRegexError("\\x{…} escape");
      this.at += 2;
      return String.fromCharCode(Number.parseInt(hex[0], 16));
    }
    if (/[A-Za-z0-9]/.test(char)) throw new RustRegexError(`escape \\${char}`);
    return char;
  }

  private characterClass(flags: Flags): Node {
    let negated = false;
    if (this.source[this.at] === "^") {
      negated = true;
      this.at++;
    }
    const items: ClassItem[] = [];
    let first = true;
    for (;;) {
      if (flags.x) this.skipSpaces();
      const char = this.source[this.at];
      if (char === undefined) throw new RustRegexError("unclosed class");
      if (char === "]" && !first) {
        this.at++;
        break;
      }
      first = false;
      if (char === "[") {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.source.slice(this.at));
        const ranges = posix === null ? undefined : POSIX[posix[2] ?? ""];
        if (posix === null || ranges === undefined || posix[1] === "^")
          throw new RustRegexError("nested class");
        for (const [from, to] of ranges) items.push({ from, to });
        this.at += posix[0].length;
        continue;
      }
      if (/^(?:&&|~~|--)/.test(this.source.slice(this.at)) && items.length > 0)
        throw new RustRegexError("class set operation");
      if (flags.x && char === "#") throw new RustRegexError("# in a verbose-mode class");
      const from = this.classChar();
      if (typeof from !== "number") {
        items.push(from);
        continue;
      }
      if (flags.x) this.skipSpaces();
      if (this.source[this.at] === "-" && this.source[this.at + 1] !== "]") {
        this.at++;
        if (flags.x) this.skipSpaces();
        const to = this.classChar();
        if (typeof to !== "number") throw new RustRegexError("class range to a class escape");
        if (to < from) throw new RustRegexError("reversed class range");
        items.push({ from, to });
      } else items.push({ from, to: from });
    }
    return { kind: "class", items, negated, i: flags.i };
  }

  private classChar(): number | { escape: string } {
    const char = this.source[this.at] as string;
    this.at++;
    if (char !== "\\") return char.codePointAt(0) as number;
    const escaped = this.source[this.at];
    this.at++;
    if (escaped === undefined) throw new RustRegexError("pattern ends in a backslash");
    if (CLASS_ESCAPES.has(escaped)) return { escape: `\\${escaped}` };
    return this.escapedChar(escaped).codePointAt(0) as number;
  }

  private quantified(node: Node, flags: Flags): Node {
    this.skipVerbose(flags);
    const char = this.source[this.at];
    let min: number;
    let max: number | undefined;
    if (char === "*" || char === "+" || char === "?") {
      this.at++;
      [min, max] = char === "*" ? [0, undefined] : char === "+" ? [1, undefined] : [0, 1];
    } else if (char === "{") {
      const braces = /^\{\s*(\d+)\s*(,\s*(\d*)\s*)?\}/.exec(this.source.slice(this.at));
      if (braces === null) throw new RustRegexError(`bad repetition at ${this.at}`);
      this.at += braces[0].length;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === "" ? undefined : Number(braces[3]);
    } else return node;
    this.skipVerbose(flags);
    let lazy = false;
    if (this.source[this.at] === "?") {
      lazy = true;
      this.at++;
    }
    this.skipVerbose(flags);
    const next = this.source[this.at];
    if (next !== undefined && "*+?{".includes(next)) throw new RustRegexError("repeated repetition");
    if (node.kind === "escape" && node.zeroWidth) throw new RustRegexError("repeated assertion");
    return { kind: "repeat", node, min, max, lazy };
  }

  private skipSpaces(): void {
    while (/\s/.test(this.source[this.at] ?? "")) this.at++;
  }

  /** In verbose mode: whitespace and `#` comments up to the line's end. */
  private skipVerbose(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      this.skipSpaces();
      if (this.source[this.at] !== "#") return;
      while (this.at < this.source.length && this.source[this.at] !== "\n") this.at++;
    }
  }
}

export interface ConvertedRegex {
  /** JavaScript regex source. */
  source: string;
  /** `i` when the whole pattern is case-insensitive, else empty. */
  flags: string;
  /** The capture group holding the secret: the first capturing group, or 0 for the whole match. */
  group: number;
  /** Lower-cased literal prefixes every match starts with (after zero-width assertions). */
  keywords: string[];
}

/**
 * Converts a Rust regex (Kingfisher's `pattern`) to JavaScript; throws `RustRegexError` when it can't.
 * `longKeywords`: the prefilter keywords read on through small choices (see `longPrefixes`).
 */
export function convertRustRegex(pattern: string, options: { longKeywords?: boolean } = {}): ConvertedRegex {
  const parser = new Parser(pattern.trim());
  const tree = parser.parse();
  const allInsensitive = everyLetterInsensitive(tree);
  const source = emitAlternatives(tree, allInsensitive);
  // Compiling checks what the emitter wrote (and the `d`/`y` flags the detector adds).
  new RegExp(source, `${allInsensitive ? "i" : ""}dy`);
  return {
    source,
    flags: allInsensitive ? "i" : "",
    group: parser.groups > 0 ? 1 : 0,
    keywords: options.longKeywords ? longPrefixes(tree) : prefixes(tree),
  };
}

function everyLetterInsensitive(alternatives: Node[][]): boolean {
  const check = (node: Node): boolean => {
    switch (node.kind) {
      case "literal":
      case "class":
        return node.i || !hasLetter(node);
      case "group":
        return node.alternatives.every((sequence) => sequence.every(check));
      case "repeat":
        return check(node.node);
      default:
        return true;
    }
  };
  return alternatives.every((sequence) => sequence.every(check));
}

function hasLetter(node: Node): boolean {
  if (node.kind === "literal") return node.char.toLowerCase() !== node.char.toUpperCase();
  if (node.kind !== "class") return false;
  return node.items.some(
    (item) => "escape" in item || overlaps(item, 65, 90) || overlaps(item, 97, 122) || item.to > 127,
  );
}

const overlaps = (item: { from: number; to: number }, from: number, to: number) =>
  item.from <= to && item.to >= from;

function emitAlternatives(alternatives: Node[][], allInsensitive: boolean): string {
  return alternatives
    .map((sequence) => sequence.map((node) => emit(node, allInsensitive)).join(""))
    .join("|");
}

function emit(node: Node, allInsensitive: boolean): string {
  switch (node.kind) {
    case "literal": {
      const lower = node.char.toLowerCase();
      const upper = node.char.toUpperCase();
      if (node.i && !allInsensitive && lower !== upper) return `[${escapeClass(lower)}${escapeClass(upper)}]`;
      return escapeLiteral(node.char);
    }
    case "class":
      return emitClass(node, allInsensitive);
    case "escape":
      return node.text;
    case "dot":
      return node.s ? "[\\s\\S]" : "[^\\n]";
    case "anchor":
      if (node.m) return node.end ? "(?![^\\n])" : "(?<![^\\n])";
      return node.end ? "(?![\\s\\S])" : "(?<![\\s\\S])";
    case "group": {
      // `(?:.|[\n\r])`, Kingfisher's "any character": one class, cheaper for V8 than an alternation,
      // and no choice to backtrack over where the alternatives overlap.
      const union = node.capture ? undefined : dotUnion(node.alternatives);
      if (union !== undefined) return union;
      const body = emitAlternatives(node.alternatives, allInsensitive);
      if (!node.capture) return `(?:${body})`;
      return node.name === undefined ? `(${body})` : `(?<${node.name}>${body})`;
    }
    case "repeat": {
      const inner = emit(node.node, allInsensitive);
      const operand = needsGroup(node.node) ? `(?:${inner})` : inner;
      const max = node.max ?? node.min + MAX_REPEAT;
      const count =
        node.min === 0 && max === 1 ? "?" : node.min === max ? `{${node.min}}` : `{${node.min},${max}}`;
      return `${operand}${count}${node.lazy ? "?" : ""}`;
    }
  }
}

/**
 * A group of a dot and character classes, one each, as one class: `(?:.|[\n\r])` is any character;
 * `(?:.|[\\n\r])` (a backslash and an `n` where a newline was meant) is a dot, where the alternation
 * would try both branches at every `n` of a repeated keyword (`ngrok` over and over: 2^7 ways per hit).
 */
function dotUnion(alternatives: Node[][]): string | undefined {
  const nodes = alternatives.map((sequence) => (sequence.length === 1 ? sequence[0] : undefined));
  const dots: Extract<Node, { kind: "dot" }>[] = [];
  const classes: Extract<Node, { kind: "class" }>[] = [];
  for (const node of nodes) {
    if (node?.kind === "dot") dots.push(node);
    else if (node?.kind === "class") classes.push(node);
    else return undefined;
  }
  if (dots.length === 0) return undefined;
  const newline = classes.some(
    (node) => !node.negated && node.items.some((item) => "from" in item && item.from <= 10 && item.to >= 10),
  );
  if (newline || dots.some((node) => node.s)) return "[\\s\\S]";
  // Classes without a newline add nothing to a dot; one that might hold a newline (`[^a]`, `[\s]`) is kept.
  const withoutNewline = classes.every((node) => !node.negated && node.items.every((item) => "from" in item));
  return withoutNewline ? "[^\\n]" : undefined;
}

/** A literal spelled in both cases (`[aA]`) is one class already; only multi-atom emissions need `(?:…)`. */
function needsGroup(node: Node): boolean {
  return node.kind === "repeat";
}

function emitClass(node: Extract<Node, { kind: "class" }>, allInsensitive: boolean): string {
  const items: ClassItem[] = [...node.items];
  if (node.i && !allInsensitive) {
    for (const item of node.items) {
      if ("escape" in item) continue;
      for (const [from, to, shift] of [
        [97, 122, -32],
        [65, 90, 32],
      ] as const) {
        if (!overlaps(item, from, to)) continue;
        items.push({ from: Math.max(item.from, from) + shift, to: Math.min(item.to, to) + shift });
      }
    }
  }
  const body = items
    .map((item) => {
      if ("escape" in item) return item.escape;
      const from = escapeClass(String.fromCodePoint(item.from));
      return item.from === item.to ? from : `${from}-${escapeClass(String.fromCodePoint(item.to))}`;
    })
    .join("");
  return `[${node.negated ? "^" : ""}${body}]`;
}

function escapeLiteral(char: string): string {
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}

function escapeClass(char: string): string {
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  return /[\]\\^\-[/]/.test(char) ? `\\${char}` : char;
}

/**
 * The literal texts a match must start with, lower-cased: zero-width assertions are stepped over,
 * a group's alternatives each give theirs, and a literal spelled as a one-letter class in both
 * cases (`[aA]`) counts as that letter. Empty when some way to match starts with no literal.
 */
function prefixes(alternatives: Node[][]): string[] {
  const all = new Set<string>();
  for (const sequence of alternatives) {
    const found = sequencePrefixes(sequence, 0, [""]);
    if (found === undefined) return [];
    for (const prefix of found) all.add(prefix);
  }
  return [...all];
}

const MAX_KEYWORDS = 16;
const MAX_KEYWORD = 24;

function sequencePrefixes(sequence: Node[], from: number, sofar: string[]): string[] | undefined {
  let current = sofar;
  for (let index = from; index < sequence.length; index++) {
    const node = sequence[index] as Node;
    if ((node.kind === "escape" && node.zeroWidth) || node.kind === "anchor") continue;
    const char = literalChar(node);
    if (char !== undefined) {
      current = current.map((prefix) => prefix + char);
      if (current.every((prefix) => prefix.length >= MAX_KEYWORD)) return current;
      continue;
    }
    if (node.kind === "group") {
      const branches: string[] = [];
      for (const alternative of node.alternatives) {
        for (const prefix of current) {
          // An alternative that ends before the group does carries on with what follows the group.
          const inner = sequencePrefixes(alternative, 0, [prefix]);
          if (inner === undefined) return finish(current);
          const complete = alternative.every((item) => literalChar(item) !== undefined || isZeroWidth(item));
          if (complete) {
            const rest = sequencePrefixes(sequence, index + 1, inner);
            if (rest === undefined) return finish(current);
            branches.push(...rest);
          } else branches.push(...inner);
        }
      }
      if (branches.length > MAX_KEYWORDS) return finish(current);
      return branches;
    }
    if (node.kind === "repeat" && node.min === node.max && node.min > 0) {
      const repeated = literalChar(node.node);
      if (repeated !== undefined) {
        current = current.map((prefix) => prefix + repeated.repeat(node.min));
        continue;
      }
    }
    return finish(current);
  }
  return current;
}

function finish(prefixes: string[]): string[] | undefined {
  return prefixes.every((prefix) => prefix.length > 0) ? prefixes : undefined;
}

const isZeroWidth = (node: Node) => (node.kind === "escape" && node.zeroWidth) || node.kind === "anchor";

function literalChar(node: Node): string | undefined {
  if (node.kind === "literal") return node.char.toLowerCase();
  if (node.kind !== "class" || node.negated) return undefined;
  const chars = new Set<string>();
  for (const item of node.items) {
    if ("escape" in item || item.to - item.from > 1) return undefined;
    for (let code = item.from; code <= item.to; code++) chars.add(String.fromCodePoint(code).toLowerCase());
  }
  return chars.size === 1 ? [...chars][0] : undefined;
}

/** A keyword being read: `open` while the pattern may still add to it. */
interface Reading {
  text: string;
  open: boolean;
}

/** The separators and letters a small class offers (`[_.-]`, `[kK]`), at most this many. */
const MAX_CHOICES = 4;

/**
 * The literal texts a match must start with, read past what `prefixes` stops at where the choices are
 * few: a small class (`[_.-]`), an optional literal or small class (`[_-]?`), a group's alternatives
 * each carrying on with what follows it (`(?:GOOGLE|google)[_.]?(?:CLIENT|client)` gives
 * `google_client`, `google.client`, `googleclient`). Reading stops where a choice would make more than
 * MAX_KEYWORDS texts, or at what is no small choice (`[_\s]*`, `\w`). Longer keywords run a rule at
 * fewer places: a vendor's name in prose (`google`) no longer runs it. Empty where a match may start
 * with no literal.
 */
function longPrefixes(alternatives: Node[][]): string[] {
  const read = readAlternatives(alternatives, [{ text: "", open: true }]);
  const texts = [...new Set(read.map((reading) => reading.text))];
  if (texts.some((text) => text.length === 0)) return [];
  // A keyword that starts with another adds no place the rule runs at (`hass_` beside `hass`).
  return texts.filter((text) => !texts.some((other) => other !== text && text.startsWith(other)));
}

function readAlternatives(alternatives: Node[][], from: Reading[]): Reading[] {
  const out: Reading[] = [];
  for (const alternative of alternatives) out.push(...readSequence(alternative, from));
  return unique(out);
}

function readSequence(sequence: Node[], from: Reading[]): Reading[] {
  let current = from;
  for (const node of sequence) {
    if (!current.some((reading) => reading.open)) return current;
    if (isZeroWidth(node)) continue;
    const next = readNode(node, current);
    if (next === undefined || next.length > MAX_KEYWORDS) return closed(current);
    current = next;
  }
  return current;
}

/** The readings after `node`, or undefined where it is no small choice. */
function readNode(node: Node, current: Reading[]): Reading[] | undefined {
  const extend = (choices: string[]) =>
    unique(
      current.flatMap((reading) =>
        reading.open ? choices.map((choice) => ({ text: reading.text + choice, open: true })) : [reading],
      ),
    );
  const choices = smallChoices(node);
  if (choices !== undefined) return extend(choices);
  if (node.kind === "repeat" && node.min === 0 && node.max === 1) {
    const optional = smallChoices(node.node);
    return optional === undefined ? undefined : extend(["", ...optional]);
  }
  if (node.kind === "repeat" && node.min === node.max && node.min > 0) {
    const char = literalChar(node.node);
    return char === undefined ? undefined : extend([char.repeat(node.min)]);
  }
  if (node.kind === "group") {
    const open = current.filter((reading) => reading.open);
    const inner = readAlternatives(node.alternatives, open);
    return unique([...current.filter((reading) => !reading.open), ...inner]);
  }
  return undefined;
}

/** A literal, or a class of at most MAX_CHOICES characters (lower-cased), as choices. */
function smallChoices(node: Node): string[] | undefined {
  const char = literalChar(node);
  if (char !== undefined) return [char];
  if (node.kind !== "class" || node.negated) return undefined;
  const chars = new Set<string>();
  for (const item of node.items) {
    if ("escape" in item || item.to - item.from >= MAX_CHOICES) return undefined;
    for (let code = item.from; code <= item.to; code++) chars.add(String.fromCodePoint(code).toLowerCase());
  }
  return chars.size <= MAX_CHOICES ? [...chars] : undefined;
}

const closed = (readings: Reading[]) => readings.map((reading) => ({ text: reading.text, open: false }));

function unique(readings: Reading[]): Reading[] {
  const seen = new Map<string, Reading>();
  for (const reading of readings) {
    const key = `${reading.open ? 1 : 0}${reading.text}`;
    if (!seen.has(key)) seen.set(key, reading);
  }
  return [...seen.values()];
}
