import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";
import { halfOf } from "./seeded-random.js";

/**
 * Samsung/CredSweeper's test samples (tests/samples/): one small file per vendor token or credential
 * form (config, code, shell, logs, patches, documents), whose expected reports are committed beside
 * them (tests/data/*.json). Those reports are one tool's opinion, read here as labels:
 * - output.json: what CredSweeper reports with its default settings (filters and ML at its `medium`
 *   threshold); doc.json: what it reports with `--doc` (its rules for credentials in prose and
 *   documents), every candidate with its ML probability: read as reported when the probability is at
 *   least the same `medium` threshold (0.62204, ml_config.json) or the rule has no ML;
 *   no_filters_no_ml.json: every regex candidate before filters and ML.
 * - The samples' own marks win over the reports: a line ending in ` - TP`/` # TP` (or `FP`), starting
 *   `FP#`, `TP:`, `NEGATIVE:`, `Positive:`, `negative case:`, `T `/`F ` (`T:`, `t `), and the parts opened by a marker line (`# TP`, `# FP:`, `FALSE:`, `>>> negative cases >>>`
 *   until `<<< … <<<`); the mark is cut from the text. A file named as a negative (`_n`, `.n.`, `_f`,
 *   `_fp`, `FALSE`, `false_positive`) is a negative part as a whole.
 * So, per line (a finding over several lines, a PEM key, a JWK, an AWS key pair, is one text):
 * - positive: reported (either mode) under a secret rule, outside a negative part; its types the
 *   rules, its spans the reported values;
 * - negative: a line of a negative part, or a candidate neither mode reports;
 * - left out, counted by reason: `identifier` (reported only by rules for what is no secret: UUID,
 *   nonce, salt, S3 bucket, Firebase domain, WeChat app id); `conflict` (reported in a negative part:
 *   the samples' authors and the tool disagree); `value-elsewhere` (a candidate not reported whose
 *   value a positive line of the same file holds: the same secret in a form the tool misses, not a
 *   non-secret); `authors-positive-part` (a candidate not reported above a file's negative-part
 *   marker, where its authors wrote the forms the tool should find); `placeholder` (a reported value
 *   that is a template or masked: `<…>`, `${…}`, `%(…)s`, `{{…}}`, `***`, `xxxx`); `unread` (a line
 *   of a positive file no report and no mark touches: code around the secret, a continued value).
 * Files that are not UTF-8 text (archives, images, office documents, key stores) are skipped. A report
 * is placed on its file line when its value is on it (structured readers, XML and HTML, report a text
 * of their own): otherwise it is dropped, counted as `unplaced`. Lines fall in half a or b by a well-mixed bit of
 * their file's name (`mixedBit`): a file's forms stay together, so half b holds vendors half a lacks.
 * A text already taken from half a is not taken again from half b.
 */
export function credSweeperLines(
  files: readonly CredSweeperFile[],
  reports: CredSweeperReports,
  context: LineContext,
): { lines: PiiSecretLine[]; leftOut: Map<string, number> } {
  const leftOut = new Map<string, number>();
  const leave = (half: string, reason: string) =>
    leftOut.set(`${half} ${reason}`, (leftOut.get(`${half} ${reason}`) ?? 0) + 1);
  const lines: PiiSecretLine[] = [];
  for (const file of files) {
    const name = file.path.split("/").pop() ?? file.path;
    const half = halfOf(name);
    const rows = file.content.replace(/\r/g, "").split("\n");
    const placed = placeReports(name, rows, reports, () => leave(half, "unplaced"));
    const parts = partsOf(rows, NEGATIVE_FILE.test(name));
    const negativeMarkerAt = rows.findIndex((row) => partMarker(row) === "negative");
    const positiveValues = new Set<string>();
    placed.rows.forEach((found, index) => {
      if (
        parts[index] !== "negative" &&
        found !== undefined &&
        found.reported.some((item) => isSecretRule(item.rule))
      )
        for (const item of found.reported) positiveValues.add(item.value);
    });
    for (let start = 0; start < rows.length; start++) {
      const end = placed.blockEnd.get(start) ?? start;
      const raw = rows.slice(start, end + 1).join("\n");
      const origin = `${name}:${start + 1}`;
      const unit = placed.rows.slice(start, end + 1);
      const first = start;
      start = end;
      if (partMarker(raw) !== undefined || !/[\p{L}\p{N}]/u.test(raw)) continue;
      const { text, mark } = cutMark(raw);
      const reported = unit.flatMap((found) => found?.reported ?? []);
      const candidates = unit.flatMap((found) => found?.candidates ?? []);
      const secrets = reported.filter((item) => isSecretRule(item.rule));
      const part = mark ?? parts[first];
      const emit = (positive: boolean, spans: [string, number, number][] = []) =>
        lines.push({
          text,
          evaluates: "secret",
          positive,
          types: positive ? [...new Set(secrets.map((item) => item.rule))] : [],
          unclaimed: [],
          ...(spans.length > 0 ? { spans } : {}),
          ...context,
          source: `${context.source}-${half}`,
          origin,
        });
      if (part === "negative") {
        if (secrets.length > 0 && mark === undefined) leave(half, "conflict");
        else emit(false);
      } else if (secrets.length > 0 || part === "positive") {
        const values = [...new Set(secrets.map((item) => item.value))].filter((value) =>
          text.includes(value),
        );
        if (values.length > 0 && values.every((value) => PLACEHOLDER.test(value))) leave(half, "placeholder");
        else if (secrets.length === 0 && reported.length > 0) leave(half, "identifier");
        else emit(true, spansOf(text, values));
      } else if (reported.length > 0) leave(half, "identifier");
      else if (candidates.length === 0) leave(half, "unread");
      else if ([...positiveValues].some((value) => value.length >= 4 && text.includes(value)))
        leave(half, "value-elsewhere");
      else if (negativeMarkerAt !== -1 && end < negativeMarkerAt) leave(half, "authors-positive-part");
      else emit(false);
    }
  }
  const inHalfA = new Set(lines.filter((line) => line.source.endsWith("-a")).map((line) => line.text));
  return { lines: lines.filter((line) => line.source.endsWith("-a") || !inHalfA.has(line.text)), leftOut };
}

/** A text file of tests/samples/. */
export interface CredSweeperFile {
  path: string;
  content: string;
}

/** One finding of CredSweeper's JSON report (fields not read here are left out). */
export interface CredSweeperFinding {
  rule: string;
  ml_probability: number | null;
  line_data_list: { line: string; line_num: number; path: string; value: string }[];
}

/** tests/data/output.json (default settings), doc.json (`--doc`) and no_filters_no_ml.json. */
export interface CredSweeperReports {
  output: CredSweeperFinding[];
  doc: CredSweeperFinding[];
  candidates: CredSweeperFinding[];
}

/** CredSweeper's `medium` ML threshold (credsweeper/ml_model/ml_config.json), its default. */
const ML_MEDIUM = 0.62204;

// Rules for what is no secret: identifiers and random values that protect nothing on their own.
const NOT_SECRET = new Set([
  "UUID",
  "Nonce",
  "Salt",
  "AWS S3 Bucket",
  "Firebase Domain",
  "Tencent WeChat API App ID",
]);
const isSecretRule = (rule: string) => !NOT_SECRET.has(rule);

// `jfrog_n`, `auth_n.template`, `pem_key.n.encrypted.1`, `wechat_f`, `aws_multi_fp`, `password_FALSE`, `false_positive`.
const NEGATIVE_FILE = /(?:^|[_.])(?:n|f|fp)(?:$|\.)|false/i;

// A value that stands for one: `<PostgreSQL PW>`, `${PASSWORD}`, `%(password)s`, `{{ secret }}`, `*****`, `xxxx`.
const PLACEHOLDER = /^(?:<[^<>]*>?|\$\{[^}]*\}?|%\([^)]*\)s?|\{\{.*|.*\*{3,}.*|[xX]{4,})$/;

type Part = "positive" | "negative";

/** A line that only opens a part: `# TP`, `# FP:`, `FALSE:`, `>>> negative cases >>>`; `<<< … <<<` closes it. */
function partMarker(row: string): Part | "close" | undefined {
  const line = row.trim();
  if (/^(?:#|\/\/)?\s*(?:FP|FALSE)\s*:?$/i.test(line)) return "negative";
  if (/^(?:#|\/\/)?\s*(?:TP|TRUE)\s*:?$/i.test(line)) return "positive";
  if (/^>{3}.*\bnegative\b.*>{3}$/i.test(line)) return "negative";
  if (/^<{3}.*\bnegative\b.*<{3}$/i.test(line)) return "close";
  return undefined;
}

/** Each row's part: a negative-named file is negative throughout, unless a marker says otherwise. */
function partsOf(rows: string[], negativeFile: boolean): (Part | undefined)[] {
  let part: Part | undefined = negativeFile ? "negative" : undefined;
  return rows.map((row) => {
    const marker = partMarker(row);
    if (marker === "close") part = negativeFile ? "negative" : undefined;
    else if (marker !== undefined) part = marker;
    return part;
  });
}

// A mark before the text: `FP# `, `TP: `, `NEGATIVE: `, `Positive: `, `negative case: `, `T: `, `F `, `t `.
const LEADING_MARK = /^(TP|FP|positive|negative)(?: case)?\s*[:#]\s*|^([TF]):?\s+(?![=(:])/i;

/** A line's own mark (` - TP`, ` # FP` at its end; `FP#`, `NEGATIVE:`, `T ` at its start) and the line without it. */
function cutMark(raw: string): { text: string; mark?: Part } {
  const trailing = /\s+(?:-|#|\/\/)\s*(TP|FP)\s*$/.exec(raw);
  if (trailing !== null)
    return { text: raw.slice(0, trailing.index), mark: trailing[1] === "TP" ? "positive" : "negative" };
  const leading = LEADING_MARK.exec(raw);
  if (leading !== null)
    return {
      text: raw.slice(leading[0].length),
      mark: /^(?:TP|T|POSITIVE)$/i.test(leading[1] ?? leading[2] ?? "") ? "positive" : "negative",
    };
  return { text: raw };
}

function spansOf(text: string, values: string[]): [string, number, number][] {
  return values
    .filter((value) => !PLACEHOLDER.test(value))
    .map((value): [string, number, number] => {
      const at = text.indexOf(value);
      return ["credsweeper", at, at + value.length];
    })
    .sort((left, right) => left[1] - right[1]);
}

interface Found {
  reported: { rule: string; value: string }[];
  candidates: { rule: string; value: string }[];
}

/**
 * The reports on each row of one file (reported: output.json, or doc.json at the ML threshold;
 * candidates: the rest), and the blocks of rows one finding spans (first row → last row, overlapping
 * blocks merged). A report whose value (or line) is not on its row is dropped (`unplaced`).
 */
function placeReports(
  name: string,
  rows: string[],
  reports: CredSweeperReports,
  unplaced: () => void,
): { rows: (Found | undefined)[]; blockEnd: Map<number, number> } {
  const found: (Found | undefined)[] = rows.map(() => undefined);
  const ranges: [number, number][] = [];
  const read = (findings: CredSweeperFinding[], kind: "reported" | "candidates" | "doc") => {
    for (const finding of findings) {
      const here = finding.line_data_list.filter((data) => data.path.split("/").pop() === name);
      const at: number[] = [];
      for (const data of here) {
        const index = data.line_num - 1;
        const row = rows[index];
        const value = data.value.split("\n")[0] ?? "";
        if (row === undefined || !(row.includes(value) || row.includes(data.line.trim()))) {
          if (kind !== "candidates") unplaced();
          continue;
        }
        const reported =
          kind === "reported" ||
          (kind === "doc" && (finding.ml_probability === null || finding.ml_probability >= ML_MEDIUM));
        const entry = found[index] ?? { reported: [], candidates: [] };
        found[index] = entry;
        (reported ? entry.reported : entry.candidates).push({ rule: finding.rule, value: data.value });
        if (reported) at.push(index);
      }
      if (at.length > 1) ranges.push([Math.min(...at), Math.max(...at)]);
    }
  };
  read(reports.output, "reported");
  read(reports.doc, "doc");
  read(reports.candidates, "candidates");
  ranges.sort((left, right) => left[0] - right[0]);
  const blockEnd = new Map<number, number>();
  let open: [number, number] | undefined;
  for (const [start, end] of ranges) {
    if (open !== undefined && start <= open[1]) open[1] = Math.max(open[1], end);
    else {
      if (open !== undefined) blockEnd.set(open[0], open[1]);
      open = [start, end];
    }
  }
  if (open !== undefined) blockEnd.set(open[0], open[1]);
  return { rows: found, blockEnd };
}
