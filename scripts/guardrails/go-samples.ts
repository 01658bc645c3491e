import { shannonEntropy } from "../../src/guardrails/entropy.js";
import { sampleRegex } from "./regex-sample.js";

/**
 * gitleaks' rule files (cmd/generate/config/rules/*.go) end each rule with its own test samples:
 * `tps` (lines the rule must find) and `fps` (lines it must not). This reads them without a Go
 * toolchain: a small evaluator for the expressions those assignments use — string literals and `+`,
 * `[]string{…}`, `append(…, xs...)`, local variables, `utils.GenerateSampleSecrets` (its format
 * templates read from gitleaks' own utils/generate.go), `utils.GenerateSampleSecret`,
 * `secrets.NewSecret(regex)`, `secrets.NewSecretWithEntropy(regex, bits)` and
 * `newPlausibleSecret(regex)` (drawn with a seeded generator), and the `utils.AlphaNumeric("36")`-style
 * pattern helpers (read from utils/patterns.go). A sample whose expression holds anything else is left
 * out and counted, never guessed. For ports of the rules themselves it also reads each function's
 * `r := config.Rule{…}` (its fields, each evaluated or left undefined) with the regex builders
 * `regexp.MustCompile`, `utils.GenerateUniqueTokenRegex`, `utils.GenerateSemiGenericRegex` (their
 * pieces read from utils/generate.go's constants), `utils.MergeRegexps` and `utils.MinEntropy`.
 */
export interface GoRuleSamples {
  /** The function that defines the rule (`GitHubPat`). */
  rule: string;
  positives: string[];
  negatives: string[];
  /** The function's `config.Rule{…}` literal, when it assigns one. */
  fields?: GoStruct;
}

/** A composite literal (`config.Rule{RuleID: "…", …}`): its type and fields; unreadable fields are undefined. */
export interface GoStruct {
  type: string;
  fields: Map<string, Value>;
}

export interface GoHelpers {
  /** `samples := map[string]string{…}` of GenerateSampleSecrets: format templates with {i}, {I}, {s}. */
  templates: string[];
  /** Pattern helpers: name → regex with `%s` where the size goes (`AlphaNumeric` → `[a-z0-9]{%s}`). */
  patterns: Map<string, string>;
  /** utils/generate.go's string constants (`secretPrefixUnique` → `\b(`): the regex builders' pieces. */
  constants: Map<string, string>;
}

type Token = { kind: "string" | "ident" | "punct" | "newline" | "number"; text: string };
export type Value = string | string[] | GoStruct | undefined;

export function tokenizeGo(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index] ?? "";
    if (char === "\n") {
      tokens.push({ kind: "newline", text: "\n" });
      index++;
    } else if (char === " " || char === "\t" || char === "\r") index++;
    else if (source.startsWith("//", index)) {
      const end = source.indexOf("\n", index);
      index = end === -1 ? source.length : end;
    } else if (source.startsWith("/*", index)) {
      const end = source.indexOf("*/", index + 2);
      index = end === -1 ? source.length : end + 2;
    } else if (char === "`") {
      const end = source.indexOf("`", index + 1);
      if (end === -1) throw new Error("go-samples: unclosed raw string");
      tokens.push({ kind: "string", text: source.slice(index + 1, end) });
      index = end + 1;
    } else if (char === '"' || char === "'") {
      let end = index + 1;
      while (end < source.length && source[end] !== char) end += source[end] === "\\" ? 2 : 1;
      const literal = source.slice(index, end + 1);
      tokens.push({
        kind: char === '"' ? "string" : "number",
        text: char === '"' ? unquote(literal) : literal,
      });
      index = end + 1;
    } else if (/[A-Za-z_]/.test(char)) {
      const word = /^[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*/.exec(source.slice(index, index + 200))?.[0] ?? char;
      tokens.push({ kind: "ident", text: word });
      index += word.length;
    } else if (/\d/.test(char)) {
      const number = /^[\w.]+/.exec(source.slice(index, index + 50))?.[0] ?? char;
      tokens.push({ kind: "number", text: number });
      index += number.length;
    } else {
      const punct = ["...", ":=", "::", "==", "!=", "&&", "||", "<-", "++", "+="].find((op) =>
        source.startsWith(op, index),
      );
      tokens.push({ kind: "punct", text: punct ?? char });
      index += (punct ?? char).length;
    }
  }
  return tokens;
}

/** A Go interpreted string literal's value (the escapes Go source uses). */
function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, sequence: string) => {
    if (sequence.length > 1) return String.fromCharCode(Number.parseInt(sequence.slice(1), 16));
    return { n: "\n", r: "\r", t: "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0" }[sequence] ?? sequence;
  });
}

/** Thrown when an expression holds something the evaluator does not read. */
export class Unknown extends Error {}

/** Reads the helpers (templates and pattern functions) from gitleaks' utils/generate.go and patterns.go. */
export function readGoHelpers(generateGo: string, patternsGo: string): GoHelpers {
  const body = generateGo.slice(generateGo.indexOf("func GenerateSampleSecrets"));
  const tokens = tokenizeGo(body.slice(body.indexOf("map[string]string{") + "map[string]string{".length));
  const templates: string[] = [];
  for (let index = 0; index + 2 < tokens.length; index++) {
    const [key, colon, value] = [tokens[index], tokens[index + 1], tokens[index + 2]];
    if (key?.kind === "punct" && key.text === "}") break;
    if (key?.kind === "string" && colon?.text === ":" && value?.kind === "string") templates.push(value.text);
  }
  const patterns = new Map<string, string>();
  for (const match of patternsGo.matchAll(
    /func (\w+)\((?:size string)?\) string \{\s*return (?:fmt\.Sprintf\(`([^`]*)`, size\)|`([^`]*)`)/g,
  ))
    patterns.set(match[1] ?? "", match[2] ?? match[3] ?? "");
  if (templates.length === 0 || patterns.size === 0)
    throw new Error("go-samples: gitleaks helpers not found");
  const constants = new Map<string, string>();
  for (const match of generateGo.matchAll(/^\s*(\w+)\s*=\s*`([^`]*)`/gm))
    constants.set(match[1] ?? "", match[2] ?? "");
  return { templates, patterns, constants };
}

/** Every rule function's evaluated `tps` and `fps`, with the count of samples that could not be read. */
export function extractGoRuleSamples(
  source: string,
  helpers: GoHelpers,
  random: () => number,
): { rules: GoRuleSamples[]; skipped: number } {
  const tokens = tokenizeGo(source);
  const rules: GoRuleSamples[] = [];
  let skipped = 0;
  const packageScope = new Map<string, Value>();
  let scope = packageScope;
  let rule: string | undefined;
  const flush = () => {
    if (rule === undefined) return;
    const list = (name: string) => {
      const value = scope.get(name);
      return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
    };
    const literal = [...scope.values()].find(
      (value): value is GoStruct => isStruct(value) && value.type === "config.Rule",
    );
    if (scope.has("tps") || scope.has("fps"))
      rules.push({
        rule,
        positives: list("tps"),
        negatives: list("fps"),
        ...(literal === undefined ? {} : { fields: literal }),
      });
  };
  const evaluator = new Evaluator(
    tokens,
    helpers,
    random,
    (name) => scope.get(name) ?? packageScope.get(name),
    () => {
      skipped++;
    },
  );
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token?.kind === "ident" && token.text === "func") {
      flush();
      rule = tokens[index + 1]?.kind === "ident" ? tokens[index + 1]?.text : undefined;
      scope = new Map();
      continue;
    }
    const previous = tokens[index - 1];
    const atStatement =
      previous === undefined || previous.kind === "newline" || ["{", ";"].includes(previous.text);
    if (!atStatement || token?.kind !== "ident") continue;
    let nameIndex = index;
    if (token.text === "var") nameIndex++;
    const name = tokens[nameIndex]?.text ?? "";
    const operator = tokens[nameIndex + 1]?.text;
    if (operator !== ":=" && operator !== "=") continue;
    try {
      const value = evaluator.expression(nameIndex + 2);
      scope.set(name, value.value);
    } catch (error) {
      if (!(error instanceof Unknown)) throw error;
      if (name === "tps" || name === "fps") skipped++;
      scope.set(name, undefined);
    }
  }
  flush();
  return { rules, skipped };
}

const isStruct = (value: Value): value is GoStruct =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads Go expressions of string literals, `+`, local variables and the calls named in `call`; with
 * `stdlib`, also the standard library's string functions test tables build inputs with
 * (`fmt.Sprintf` with `%s`/`%q`, `strings.Repeat`, `strings.ReplaceAll`, `strings.ToLower`/`ToUpper`,
 * `[]byte(…)`/`string(…)`) and slices `x[a:b]` of a string whose bounds are numbers and `len(x)`
 * plus or minus numbers. Anything else throws Unknown.
 */
export class Evaluator {
  constructor(
    private readonly tokens: Token[],
    private readonly helpers: GoHelpers,
    private readonly random: () => number,
    private readonly lookup: (name: string) => Value,
    private readonly onSkip: () => void,
    private readonly stdlib = false,
  ) {}

  /** The expression starting at `index`: its value and the index after it. */
  expression(index: number, inside = false): { value: Value; next: number } {
    let { value, next } = this.primary(index, inside);
    while (this.tokens[next]?.text === "+") {
      next = this.skipNewlines(next + 1);
      const right = this.primary(next, inside);
      if (typeof value !== "string" || typeof right.value !== "string") throw new Unknown();
      value += right.value;
      next = right.next;
    }
    return { value, next };
  }

  private skipNewlines(index: number): number {
    let next = index;
    while (this.tokens[next]?.kind === "newline") next++;
    return next;
  }

  private primary(start: number, inside: boolean): { value: Value; next: number } {
    const index = inside ? this.skipNewlines(start) : start;
    const token = this.tokens[index];
    if (token === undefined) throw new Unknown();
    if (token.kind === "string") return { value: token.text, next: index + 1 };
    // Numbers and booleans as their source text (`utils.MinEntropy(3.5)`, a builder's `true`).
    if (token.kind === "number" && /^\d/.test(token.text)) return { value: token.text, next: index + 1 };
    if ((token.text === "true" || token.text === "false") && this.tokens[index + 1]?.text !== "(")
      return { value: token.text, next: index + 1 };
    if (token.kind === "ident" && token.text.includes(".") && this.tokens[index + 1]?.text === "{")
      return this.composite(token.text, index + 2);
    if (token.text === "(") {
      const inner = this.expression(index + 1, true);
      const close = this.skipNewlines(inner.next);
      if (this.tokens[close]?.text !== ")") throw new Unknown();
      return { value: inner.value, next: close + 1 };
    }
    if (
      this.stdlib &&
      token.text === "[" &&
      this.tokens[index + 1]?.text === "]" &&
      this.tokens[index + 2]?.text === "byte" &&
      this.tokens[index + 3]?.text === "("
    ) {
      const { values, next } = this.arguments(index + 4);
      if (values.length !== 1 || typeof values[0] !== "string") throw new Unknown();
      return { value: values[0], next };
    }
    if (
      token.text === "[" &&
      this.tokens[index + 1]?.text === "]" &&
      this.tokens[index + 2]?.text === "string"
    ) {
      if (this.tokens[index + 3]?.text !== "{") throw new Unknown();
      const { values, next } = this.list(index + 4, "}");
      return { value: values, next };
    }
    if (token.kind !== "ident") throw new Unknown();
    if (this.tokens[index + 1]?.text !== "(") {
      const value = this.lookup(token.text);
      if (value === undefined) throw new Unknown();
      if (this.stdlib && this.tokens[index + 1]?.text === "[") return this.slice(value, index + 2);
      return { value, next: index + 1 };
    }
    const { values, next, spread } = this.arguments(index + 2);
    return { value: this.call(token.text, values, spread), next };
  }

  /** A composite literal's `Field: value` pairs until `}`; a value that cannot be read is left undefined. */
  private composite(type: string, start: number): { value: GoStruct; next: number } {
    const fields = new Map<string, Value>();
    let index = this.skipNewlines(start);
    while (this.tokens[index] !== undefined && this.tokens[index]?.text !== "}") {
      const name = this.tokens[index];
      if (name?.kind !== "ident" || this.tokens[index + 1]?.text !== ":") throw new Unknown();
      try {
        const field = this.expression(index + 2, true);
        fields.set(name.text, field.value);
        index = field.next;
      } catch (error) {
        if (!(error instanceof Unknown)) throw error;
        fields.set(name.text, undefined);
        index = this.skipElement(index + 2, "}");
      }
      index = this.skipNewlines(index);
      if (this.tokens[index]?.text === ",") index = this.skipNewlines(index + 1);
    }
    return { value: { type, fields }, next: index + 1 };
  }

  /** Comma-separated expressions until `close`; an element that cannot be read is dropped and counted. */
  private list(start: number, close: string): { values: string[]; next: number } {
    const values: string[] = [];
    let index = this.skipNewlines(start);
    while (this.tokens[index] !== undefined && this.tokens[index]?.text !== close) {
      try {
        const element = this.expression(index, true);
        if (typeof element.value !== "string") throw new Unknown();
        values.push(element.value);
        index = element.next;
      } catch (error) {
        if (!(error instanceof Unknown)) throw error;
        this.onSkip();
        index = this.skipElement(index, close);
      }
      index = this.skipNewlines(index);
      if (this.tokens[index]?.text === ",") index = this.skipNewlines(index + 1);
    }
    return { values, next: index + 1 };
  }

  /** Call arguments: values (lists for `[]string`), whether the last was spread (`xs...`). */
  private arguments(start: number): { values: Value[]; next: number; spread: boolean } {
    const values: Value[] = [];
    let index = this.skipNewlines(start);
    let spread = false;
    while (this.tokens[index] !== undefined && this.tokens[index]?.text !== ")") {
      const argument = this.expression(index, true);
      values.push(argument.value);
      index = this.skipNewlines(argument.next);
      if (this.tokens[index]?.text === "...") {
        spread = true;
        index = this.skipNewlines(index + 1);
      }
      if (this.tokens[index]?.text === ",") index = this.skipNewlines(index + 1);
    }
    return { values, next: index + 1, spread };
  }

  /** Past one unreadable element: to the next comma or `close` at this depth. */
  private skipElement(start: number, close: string): number {
    let depth = 0;
    let index = start;
    for (; index < this.tokens.length; index++) {
      const text = this.tokens[index]?.text ?? "";
      if (depth === 0 && (text === "," || text === close)) return index;
      if ("([{".includes(text)) depth++;
      if (")]}".includes(text)) depth--;
    }
    return index;
  }

  private call(name: string, values: Value[], spread: boolean): Value {
    const text = (position: number) => {
      const value = values[position];
      if (typeof value !== "string") throw new Unknown();
      return value;
    };
    if (this.stdlib) {
      const value = this.stdlibCall(name, values, text);
      if (value !== undefined) return value;
    }
    if (name === "append") {
      const [first, ...rest] = values;
      if (!Array.isArray(first)) throw new Unknown();
      const added = rest.flatMap((value, position) => {
        if (Array.isArray(value) && spread && position === rest.length - 1) return value;
        if (typeof value === "string") return [value];
        throw new Unknown();
      });
      return [...first, ...added];
    }
    if (name === "utils.GenerateSampleSecrets") {
      const identifier = text(0);
      const secret = text(1);
      return this.helpers.templates.map((template) =>
        template
          .replaceAll("{i}", identifier)
          .replaceAll("{I}", identifier.toUpperCase())
          .replaceAll("{s}", secret),
      );
    }
    if (name === "utils.GenerateSampleSecret") return `${text(0)}_api_token = "${text(1)}"`;
    if (name === "secrets.NewSecret") return this.draw(text(0), false);
    if (name === "secrets.NewSecretWithEntropy") return this.draw(text(0), false, Number(text(1)));
    const regex = this.regexBuilder(name, values, text);
    if (regex !== undefined) return regex;
    if (name === "newPlausibleSecret") return this.draw(text(0), true);
    const helper = name.startsWith("utils.") ? this.helpers.patterns.get(name.slice(6)) : undefined;
    if (helper !== undefined) return helper.replace("%s", values.length > 0 ? text(0) : "");
    throw new Unknown();
  }

  /** A standard-library string function's result, or undefined when `name` is none of those read. */
  private stdlibCall(name: string, values: Value[], text: (position: number) => string): string | undefined {
    switch (name) {
      case "string":
        return text(0);
      case "strings.Repeat":
        return text(0).repeat(Number(text(1)));
      case "strings.ReplaceAll":
        return text(0).replaceAll(text(1), text(2));
      case "strings.ToLower":
        return text(0).toLowerCase();
      case "strings.ToUpper":
        return text(0).toUpperCase();
      case "fmt.Sprintf": {
        let position = 1;
        const formatted = text(0).replace(/%([sq%])/g, (_, verb: string) => {
          if (verb === "%") return "%";
          const argument = text(position++);
          return verb === "q" ? JSON.stringify(argument) : argument;
        });
        if (position !== values.length || /%[^sq%]/.test(text(0))) throw new Unknown();
        return formatted;
      }
      default:
        return undefined;
    }
  }

  /** `value[a:b]` (or `value[a]`'s absence: only slices): bounds are numbers and `len(x)` ± numbers. */
  private slice(value: Value, start: number): { value: Value; next: number } {
    if (typeof value !== "string") throw new Unknown();
    let index = start;
    const bound = (): number | undefined => {
      const token = this.tokens[index]?.text;
      if (token === ":" || token === "]") return undefined;
      let total = 0;
      let sign = 1;
      for (;;) {
        const term = this.tokens[index];
        if (term?.kind === "number" && /^\d+$/.test(term.text)) {
          total += sign * Number(term.text);
          index++;
        } else if (term?.text === "len" && this.tokens[index + 1]?.text === "(") {
          const inner = this.lookup(this.tokens[index + 2]?.text ?? "");
          if (typeof inner !== "string" || this.tokens[index + 3]?.text !== ")") throw new Unknown();
          total += sign * inner.length;
          index += 4;
        } else throw new Unknown();
        const operator = this.tokens[index]?.text;
        if (operator !== "+" && operator !== "-") return total;
        sign = operator === "+" ? 1 : -1;
        index++;
      }
    };
    const from = bound() ?? 0;
    if (this.tokens[index]?.text !== ":") throw new Unknown();
    index++;
    const to = bound() ?? value.length;
    if (this.tokens[index]?.text !== "]" || from < 0 || to > value.length || from > to) throw new Unknown();
    return { value: value.slice(from, to), next: index + 1 };
  }

  /**
   * The regex source gitleaks' builders compose (utils/generate.go), from that file's constants, or
   * undefined when `name` is no builder.
   */
  private regexBuilder(
    name: string,
    values: Value[],
    text: (position: number) => string,
  ): string | undefined {
    const piece = (constant: string) => {
      const value = this.helpers.constants.get(constant);
      if (value === undefined) throw new Unknown();
      return value;
    };
    switch (name) {
      case "regexp.MustCompile":
        return text(0);
      case "utils.MergeRegexps":
        return values.map((_, position) => text(position)).join("|");
      case "utils.MinEntropy":
        return `entropy(finding["secret"]) < ${Number(text(0)).toFixed(1)}`;
      case "utils.GenerateUniqueTokenRegex":
        return `${text(1) === "true" ? piece("caseInsensitive") : ""}${piece("secretPrefixUnique")}${text(0)}${piece("secretSuffix")}`;
      case "utils.GenerateSemiGenericRegex": {
        const identifiers = values[0];
        if (!Array.isArray(identifiers)) throw new Unknown();
        const named = `${piece("identifierPrefix")}${identifiers.join("|")}${piece("identifierSuffix")}`;
        const prefix =
          text(2) === "true"
            ? `${piece("caseInsensitive")}${named}`
            : `${piece("identifierCaseInsensitivePrefix")}${named}${piece("identifierCaseInsensitiveSuffix")}`;
        return `${prefix}${piece("operator")}${piece("secretPrefix")}${text(1)}${piece("secretSuffix")}`;
      }
      default:
        return undefined;
    }
  }

  /**
   * A random match of `pattern`; "plausible" ones, as gitleaks' generic rule draws them, hold a digit
   * 1-9; with `bits`, one whose Shannon entropy reaches them (betterleaks' NewSecretWithEntropy).
   */
  private draw(pattern: string, plausible: boolean, bits = 0): string {
    try {
      for (let attempt = 0; attempt < 50; attempt++) {
        const secret = sampleRegex(pattern, this.random);
        if ((!plausible || /[1-9]/.test(secret)) && shannonEntropy(secret) >= bits) return secret;
      }
    } catch {
      throw new Unknown();
    }
    throw new Unknown();
  }
}
