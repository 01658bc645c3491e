import type { RegExpEngine } from "ajv/dist/types/index.js";
import { RE2JS } from "re2js";

/**
 * Ajv's `code.regExp`: a caller's `pattern` runs on RE2JS (a JavaScript port of RE2), whose
 * matching is linear in the input. With JavaScript's backtracking engine, `^(a+)+$` against 30
 * `a`s and a `!` froze the server for 6 s, doubling with each character. RE2 has no
 * backreferences or lookaround; a pattern using them is refused when the schema compiles.
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => {
    const compiled = RE2JS.compile(RE2JS.translateRegExp(pattern));
    // Ajv shares compiled patterns by their toString(): it must tell patterns apart.
    return { test: (text: string) => compiled.test(text), toString: () => `/${pattern}/${flags}` };
  },
  { code: "re2js" },
);
