import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";
import { halfOf } from "./seeded-random.js";

/** ripsecrets' test files: every line of `test/one_per_line/<kind>` holds one secret, no line of `test/none` does. */
const ONE_PER_LINE = /^test\/one_per_line\/([\w-]+)$/;
const NONE = "test/none";
/** A file holding one secret somewhere (`test/one_per_file/…`): the test does not name the line. */
const ONE_PER_FILE = /^test\/one_per_file\//;

/**
 * Stand-ins the source counts as secrets: a value masked with x's (`ACxxxx…`, `_authToken=xxxx…`) or
 * written as the words a template puts there (`USERNAME:PASSWORD@`). modelmux does not report either,
 * by design, so these are left out, not scored as misses.
 */
const STAND_IN = /x{8}|USERNAME:PASSWORD/;
/** A negative the tool passes only through its ignore mechanisms (the line's pragma, .secretsignore): a secret's shape, not a non-secret. */
const IGNORED = /pragma: allowlist secret|\.secretsignore/;

/**
 * Lines of sirwart/ripsecrets' tests (`src/lib.rs` asserts one finding per line of each
 * `one_per_line` file and none in `test/none`): positive or negative as the test says, left out,
 * counted by reason, where the label says less than it seems (stand-ins, ignored secrets, a file's
 * unnamed line). Lines fall in half a or b by a well-mixed bit of their file's name, as CredSweeper's
 * do (extract-credsweeper.ts): a vendor's forms stay together.
 */
export function ripsecretsLines(
  files: { path: string; content: string }[],
  context: LineContext,
): { lines: PiiSecretLine[]; leftOut: Map<string, number> } {
  const leftOut = new Map<string, number>();
  const lines: PiiSecretLine[] = [];
  for (const { path, content } of files) {
    const name = path.split("/").pop() ?? path;
    const half = halfOf(name);
    const leave = (reason: string) =>
      leftOut.set(`${half} ${reason}`, (leftOut.get(`${half} ${reason}`) ?? 0) + 1);
    const kind = ONE_PER_LINE.exec(path)?.[1];
    const rows = content.split("\n");
    for (const [index, row] of rows.entries()) {
      const text = row.trim();
      if (text === "") continue;
      const reason = ONE_PER_FILE.test(path)
        ? "one-per-file"
        : kind === undefined && path !== NONE
          ? "unlabelled-file"
          : kind !== undefined && STAND_IN.test(text)
            ? "stand-in"
            : kind === undefined && IGNORED.test(text)
              ? "ignored-secret"
              : undefined;
      if (reason !== undefined) {
        leave(reason);
        continue;
      }
      lines.push({
        text,
        evaluates: "secret",
        positive: kind !== undefined,
        types: kind === undefined ? [] : [kind],
        unclaimed: [],
        ...context,
        source: `${context.source}-${half}`,
        origin: `${path}:${index + 1}`,
      });
    }
  }
  return { lines, leftOut };
}
