import type { LineContext } from "./extract-pii-secret.js";
import { Evaluator, tokenizeGo, Unknown, type Value } from "./go-samples.js";
import type { PiiSecretLine } from "./pii-secret-line.js";
import { halfOf } from "./seeded-random.js";

/** Veles' detector tests: `veles/secrets/<vendor>/…_test.go` (a vendor may sit one folder deeper, `gitbasicauth/bitbucket`). */
const TEST_FILE = /^veles\/secrets\/(.+)\/[^/]+_test\.go$/;
/** Fields a case's text is in: `input` in most tables, `key` in the tables that say `isValid`. */
const INPUT_FIELDS = ["input", "in", "key"];
/** Fields a case's expected findings are in. */
const WANT_FIELDS = ["want", "expected", "wantSecrets"];
/**
 * Fields of a finding that name who or where, not a secret: a finding holding only these (an OAuth
 * client ID found without its secret, a user name) is no secret, so the case is left out.
 */
const IDENTIFIER_FIELDS = new Set([
  "ID",
  "ClientID",
  "AccessID",
  "RoleID",
  "Username",
  "ProjectID",
  "ProjectRef",
  "URL",
  "Host",
  "PublicB64",
  "VapidPublicKey",
  "VAPIDPublicKey",
  "Type",
]);
/** A test function that only lists texts its detector must not find (no `want` in its table). */
const NEGATIVE_TEST = /NoMatch|Negative|NotDetect|NoSecret|NoFind/i;
/** CSRF tokens (http/csrf_test.go): a per-session anti-forgery value, no credential on its own. */
const NOT_A_CREDENTIAL = /^veles\/secrets\/http\/csrf_test\.go$/;

const EMPTY_HELPERS = {
  templates: [],
  patterns: new Map<string, string>(),
  constants: new Map<string, string>(),
};

/** One case of a detection table: its text, or why it is left out, and the label its table gives. */
interface VelesCase {
  text?: string;
  positive?: boolean;
  reason?: string;
  origin: string;
}

/**
 * Lines of google/osv-scalibr's Veles detector tests (`veles/secrets/<vendor>/*_test.go`), read without a
 * Go toolchain: the case tables (`[]struct{…}{{name: …, input: …, want: …}, …}`) of the test functions
 * that run a detector (`….Detect(`), each input evaluated from its literals, constants and the string
 * functions of Go's standard library (go-samples.ts' Evaluator). Positive when the case wants a
 * non-empty `[]veles.Secret{…}` (or says `isValid: true`), negative when it wants none (`nil`, `{}`, no
 * `want` in a test of texts not to find, `isValid: false`). Left out, counted by reason: inputs read from
 * testdata files, inputs the evaluator cannot read, empty inputs, cases whose label is not one of
 * those, CSRF tokens (no credential on their own), and negatives that are another case's positive (a
 * vendor's test says the text is not its token; another's says it is a secret). Lines fall in half a
 * or b by a well-mixed bit of the vendor's folder, so a vendor's forms stay together.
 */
export function velesLines(
  files: { path: string; content: string }[],
  context: LineContext,
): { lines: PiiSecretLine[]; leftOut: Map<string, number> } {
  const leftOut = new Map<string, number>();
  const cases: (VelesCase & { vendor: string })[] = [];
  for (const { path, content } of files) {
    const vendor = TEST_FILE.exec(path)?.[1];
    if (vendor === undefined || vendor.startsWith("common")) continue;
    for (const found of testTableCases(content, path))
      cases.push({
        ...found,
        vendor,
        ...(NOT_A_CREDENTIAL.test(path) && found.reason === undefined ? { reason: "csrf-token" } : {}),
      });
  }
  const positives = new Set(cases.filter((found) => found.positive === true).map((found) => found.text));
  const lines: PiiSecretLine[] = [];
  for (const found of cases) {
    const half = halfOf(found.vendor);
    const reason =
      found.reason ??
      (found.positive === false && positives.has(found.text) ? "positive-elsewhere" : undefined);
    if (reason !== undefined || found.text === undefined || found.positive === undefined) {
      const key = `${half} ${reason ?? "unlabelled"}`;
      leftOut.set(key, (leftOut.get(key) ?? 0) + 1);
      continue;
    }
    lines.push({
      text: found.text,
      evaluates: "secret",
      positive: found.positive,
      types: found.positive ? [found.vendor] : [],
      unclaimed: [],
      ...context,
      source: `${context.source}-${half}`,
      origin: found.origin,
    });
  }
  return { lines, leftOut };
}

/** The cases of a Go test file's detection tables, each with its text and label or the reason it is left out. */
export function testTableCases(source: string, path: string): VelesCase[] {
  const tokens = tokenizeGo(source);
  const packageScope = new Map<string, Value>();
  let scope = new Map<string, Value>();
  const lookup = (name: string) => scope.get(name) ?? packageScope.get(name);
  const evaluator = new Evaluator(
    tokens,
    EMPTY_HELPERS,
    () => 0,
    lookup,
    () => {},
    true,
  );
  const evaluate = (index: number): string | undefined => {
    try {
      const value = evaluator.expression(index, true).value;
      return typeof value === "string" ? value : undefined;
    } catch (error) {
      if (!(error instanceof Unknown)) throw error;
      return undefined;
    }
  };
  /** The index of the bracket closing the one at `open`. */
  const closing = (open: number) => {
    let depth = 0;
    for (let index = open; index < tokens.length; index++) {
      const text = tokens[index]?.text ?? "";
      if ("([{".includes(text)) depth++;
      if (")]}".includes(text) && --depth === 0) return index;
    }
    return tokens.length;
  };
  /** Past one field value: the next `,` or closing `}` at this depth. */
  const valueEnd = (start: number) => {
    let depth = 0;
    for (let index = start; index < tokens.length; index++) {
      const text = tokens[index]?.text ?? "";
      if (depth === 0 && (text === "," || text === "}")) return index;
      if ("([{".includes(text)) depth++;
      if (")]}".includes(text)) depth--;
    }
    return tokens.length;
  };
  const skipNewlines = (start: number) => {
    let index = start;
    while (tokens[index]?.kind === "newline") index++;
    return index;
  };

  const cases: VelesCase[] = [];
  let depth = 0;
  let test = "";
  let detects = false;
  let funcEnd = -1;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === undefined) break;
    if (depth === 0 && token.text === "func") {
      scope = new Map();
      test = tokens[index + 1]?.kind === "ident" ? (tokens[index + 1]?.text ?? "") : "";
      const body = tokens.findIndex((candidate, at) => at > index && candidate.text === "{");
      funcEnd = body === -1 ? index : closing(body);
      detects = tokens
        .slice(index, funcEnd)
        .some((candidate) => candidate.kind === "ident" && /(?:^|\.)Detect$/.test(candidate.text));
    }
    if ("([{".includes(token.text) && token.kind === "punct") depth++;
    if (")]}".includes(token.text) && token.kind === "punct") depth--;
    const previous = tokens[index - 1];
    const atStatement =
      previous === undefined || previous.kind === "newline" || ["{", ";", "("].includes(previous.text);
    if (atStatement && token.kind === "ident") {
      const nameIndex = token.text === "var" || token.text === "const" ? index + 1 : index;
      const operator = tokens[nameIndex + 1]?.text;
      if ((operator === ":=" || operator === "=") && tokens[nameIndex]?.kind === "ident") {
        const value = evaluate(nameIndex + 2);
        (index > funcEnd ? packageScope : scope).set(tokens[nameIndex]?.text ?? "", value);
      }
    }
    // A table: `[]struct{ fields }{ {case}, … }`.
    if (
      token.text === "[" &&
      tokens[index + 1]?.text === "]" &&
      tokens[index + 2]?.text === "struct" &&
      tokens[index + 3]?.text === "{"
    ) {
      const structEnd = closing(index + 3);
      const open = skipNewlines(structEnd + 1);
      if (tokens[open]?.text !== "{" || !detects) continue;
      const names = fieldNames(index + 4, structEnd);
      const end = closing(open);
      for (let element = skipNewlines(open + 1); element < end; ) {
        if (tokens[element]?.text !== "{") {
          element = skipNewlines(valueEnd(element) + 1);
          continue;
        }
        const elementEnd = closing(element);
        cases.push(readCase(element + 1, elementEnd, names));
        element = skipNewlines(elementEnd + 1);
        if (tokens[element]?.text === ",") element = skipNewlines(element + 1);
      }
    }
  }
  return cases;

  /** A struct type's field names in order (`name, data string` names two). */
  function fieldNames(start: number, end: number): string[] {
    const names: string[] = [];
    let lineStart = true;
    for (let index = start; index < end; index++) {
      const token = tokens[index];
      if (token?.kind === "newline" || token?.text === ";") lineStart = true;
      else if (token?.kind === "ident" && (lineStart || tokens[index - 1]?.text === ",")) {
        names.push(token.text);
        lineStart = false;
      } else lineStart = false;
    }
    return names;
  }

  /** A case's fields, by name (`name: value`) or by position (`{"name", "text", want}`): where each value starts. */
  function readCase(start: number, end: number, names: string[]): VelesCase {
    const fields = new Map<string, number>();
    const keyed = tokens[skipNewlines(start) + 1]?.text === ":";
    for (let index = skipNewlines(start), position = 0; index < end; position++) {
      const name = tokens[index];
      if (keyed && (name?.kind !== "ident" || tokens[index + 1]?.text !== ":"))
        return { reason: "unreadable-case", origin: `${path} ${test}` };
      const valueAt = keyed ? index + 2 : index;
      const field = keyed ? (name?.text ?? "") : names[position];
      if (field === undefined) return { reason: "unreadable-case", origin: `${path} ${test}` };
      fields.set(field, valueAt);
      index = skipNewlines(valueEnd(valueAt));
      if (tokens[index]?.text === ",") index = skipNewlines(index + 1);
    }
    const nameAt = fields.get("name");
    const origin = `${path} ${test}${nameAt === undefined ? "" : ` ${evaluate(nameAt) ?? ""}`}`;
    const fileAt = fields.get("file");
    if (fileAt !== undefined && evaluate(fileAt) !== "") return { reason: "testdata-file", origin };
    const inputAt = INPUT_FIELDS.map((field) => fields.get(field)).find((at) => at !== undefined);
    if (inputAt === undefined) return { reason: "no-input", origin };
    const text = evaluate(inputAt);
    if (text === undefined) return { reason: "unreadable-input", origin };
    if (text.trim() === "") return { reason: "empty-input", origin };
    const positive = label(fields);
    if (positive === undefined) return { reason: "unlabelled", origin };
    if (positive === "identifier") return { reason: "identifier-only", origin };
    return { text, positive, origin };
  }

  /** The case's label: from `want` (a non-empty secrets list or none), `isValid`, or a negatives-only test. */
  function label(fields: Map<string, number>): boolean | "identifier" | undefined {
    const wantAt = WANT_FIELDS.map((field) => fields.get(field)).find((at) => at !== undefined);
    if (wantAt !== undefined) {
      const at = skipNewlines(wantAt);
      if (tokens[at]?.text === "nil") return false;
      const open = at + 3;
      if (
        tokens[at]?.text !== "[" ||
        tokens[at + 1]?.text !== "]" ||
        tokens[at + 2]?.text !== "veles.Secret" ||
        tokens[open]?.text !== "{"
      )
        return undefined;
      if (tokens[skipNewlines(open + 1)]?.text === "}") return false;
      // The fields the expected findings name (`Token{ClientID: id}`): identifiers alone are no secret.
      const named = tokens
        .slice(open + 1, closing(open))
        .filter((token, offset) => token.kind === "ident" && tokens[open + 2 + offset]?.text === ":")
        .map((token) => token.text);
      return named.length > 0 && named.every((name) => IDENTIFIER_FIELDS.has(name)) ? "identifier" : true;
    }
    const validAt = fields.get("isValid");
    if (validAt !== undefined) {
      const text = tokens[skipNewlines(validAt)]?.text;
      return text === "true" ? true : text === "false" ? false : undefined;
    }
    return NEGATIVE_TEST.test(test) ? false : undefined;
  }
}
