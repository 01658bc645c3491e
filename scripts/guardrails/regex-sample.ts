/**
 * A string matching a regular expression, drawn with a seeded generator: what gitleaks'
 * `secrets.NewSecret(regex)` (reggen) does when its rule files build their true-positive samples.
 * Covers the syntax those rules use: literals, escapes, classes with ranges, `.`, groups
 * (`(…)`, `(?:…)`, `(?i)` flags), alternation and quantifiers (`?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`,
 * lazy or not). Unbounded repeats add at most one, as reggen's `Generate(1)` does. Anything else
 * throws, so a sample is never silently wrong.
 */
type Node =
  | { type: "chars"; chars: string }
  | { type: "group"; alternatives: Node[][] }
  | { type: "repeat"; node: Node; min: number; max: number };

const PRINTABLE = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join("");
const DIGITS = "0123456789";
const WORD = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}_`;
const SPACE = " \t";

export function sampleRegex(pattern: string, random: () => number): string {
  const parser = new Parser(pattern);
  const tree = parser.alternatives();
  if (parser.index !== pattern.length) throw new Error(`regex-sample: unexpected ")" in ${pattern}`);
  return generate({ type: "group", alternatives: tree }, random);
}

function generate(node: Node, random: () => number): string {
  const pick = (count: number) => Math.floor(random() * count);
  switch (node.type) {
    case "chars":
      return node.chars === "" ? "" : (node.chars[pick(node.chars.length)] ?? "");
    case "group": {
      const alternative = node.alternatives[pick(node.alternatives.length)] ?? [];
      return alternative.map((child) => generate(child, random)).join("");
    }
    case "repeat": {
      const count = node.min + pick(node.max - node.min + 1);
      let out = "";
      for (let index = 0; index < count; index++) out += generate(node.node, random);
      return out;
    }
  }
}

class Parser {
  index = 0;
  constructor(private readonly pattern: string) {}

  alternatives(): Node[][] {
    const alternatives: Node[][] = [[]];
    while (this.index < this.pattern.length && this.pattern[this.index] !== ")") {
      if (this.pattern[this.index] === "|") {
        this.index++;
        alternatives.push([]);
        continue;
      }
      const atom = this.atom();
      if (atom === undefined) continue;
      alternatives[alternatives.length - 1]?.push(this.quantified(atom));
    }
    return alternatives;
  }

  private atom(): Node | undefined {
    const char = this.pattern[this.index++] ?? "";
    if (char === "^" || char === "$") return undefined;
    if (char === ".") return { type: "chars", chars: WORD };
    if (char === "[") return { type: "chars", chars: this.characterClass() };
    if (char === "\\") {
      const escaped = this.escape();
      return escaped === undefined ? undefined : { type: "chars", chars: escaped };
    }
    if (char === "(") {
      if (this.pattern[this.index] === "?") {
        // (?i) and (?-i:…): flags change nothing a generator needs; (?:…) is a plain group.
        const flags = /^\?[-a-zA-Z]*[:)]/.exec(this.pattern.slice(this.index))?.[0];
        if (flags === undefined) throw new Error(`regex-sample: unsupported group in ${this.pattern}`);
        this.index += flags.length;
        if (flags.endsWith(")")) return undefined;
      }
      const alternatives = this.alternatives();
      if (this.pattern[this.index++] !== ")")
        throw new Error(`regex-sample: unclosed group in ${this.pattern}`);
      return { type: "group", alternatives };
    }
    if ("*+?".includes(char)) throw new Error(`regex-sample: bare quantifier in ${this.pattern}`);
    return { type: "chars", chars: char };
  }

  /** After a backslash: a class shorthand, an anchor (nothing), or the escaped character. */
  private escape(): string | undefined {
    const char = this.pattern[this.index++] ?? "";
    if (char === "d") return DIGITS;
    if (char === "w") return WORD;
    if (char === "s") return SPACE;
    if (char === "b" || char === "B" || char === "A" || char === "z") return undefined;
    if (char === "x") {
      const hex = /^[0-9a-fA-F]{2}/.exec(this.pattern.slice(this.index))?.[0];
      if (hex === undefined) throw new Error(`regex-sample: bad \\x in ${this.pattern}`);
      this.index += 2;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    if (/[a-zA-Z0-9]/.test(char) && !"nrtf".includes(char))
      throw new Error(`regex-sample: unsupported escape \\${char} in ${this.pattern}`);
    return { n: "\n", r: "\r", t: "\t", f: "\f" }[char] ?? char;
  }

  private characterClass(): string {
    const negated = this.pattern[this.index] === "^";
    if (negated) this.index++;
    let chars = "";
    let first = true;
    while (this.index < this.pattern.length && (this.pattern[this.index] !== "]" || first)) {
      first = false;
      let char = this.pattern[this.index++] ?? "";
      if (char === "\\") {
        const escaped = this.escape() ?? "";
        if (escaped.length !== 1) {
          chars += escaped;
          continue;
        }
        char = escaped;
      }
      if (
        this.pattern[this.index] === "-" &&
        this.pattern[this.index + 1] !== "]" &&
        this.index + 1 < this.pattern.length
      ) {
        this.index++;
        let last = this.pattern[this.index++] ?? "";
        if (last === "\\") last = this.escape() ?? "";
        for (let code = char.charCodeAt(0); code <= last.charCodeAt(0); code++)
          chars += String.fromCharCode(code);
      } else chars += char;
    }
    if (this.pattern[this.index++] !== "]")
      throw new Error(`regex-sample: unclosed class in ${this.pattern}`);
    if (!negated) return [...new Set(chars)].join("");
    return [...PRINTABLE].filter((char) => !chars.includes(char)).join("");
  }

  private quantified(atom: Node): Node {
    const rest = this.pattern.slice(this.index);
    const match = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(rest);
    if (match === null) return atom;
    this.index += match[0].length;
    const [, symbol, low, comma, high] = match;
    if (symbol === "*") return { type: "repeat", node: atom, min: 0, max: 1 };
    if (symbol === "+") return { type: "repeat", node: atom, min: 1, max: 2 };
    if (symbol === "?") return { type: "repeat", node: atom, min: 0, max: 1 };
    const min = Number(low);
    const max = comma === undefined ? min : high === "" ? min + 1 : Number(high);
    return { type: "repeat", node: atom, min, max };
  }
}
