import { parseArgs } from "node:util";
import { loadPiiSecretCorpus, type PiiSecretLine } from "../scripts/guardrails/load-pii-secret-corpus.js";
import type { PiiSecretSplit } from "../scripts/guardrails/pii-secret-line.js";
import { createGuardrails, type Finding, type Guardrails } from "../src/guardrails/index.js";

interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  negatives: number;
}

/**
 * On the test split a type with fewer positive lines than this is counted only in a pool of such
 * types: a row per rule with one or two examples would tell which lines were missed.
 */
const MIN_TEST_TYPE_LINES = 10;

const empty = (): Tally => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0, negatives: 0 });

/**
 * PII and secret detection on the held-out corpus (scripts/guardrails/pii-secret-sources.json):
 * sources the rules were not written against, split by source. Dev sources (presidio-research's
 * synthetic sentences, presidio's recognizer tests, libphonenumber's matcher tests, faker-js's
 * per-locale phone formats, Duckling's per-language corpora of numbers in text, turns of CrossWOZ's,
 * MultiWOZ's, the Schema-Guided Dialogue dataset's and X-RiSAWOZ's task-oriented dialogues and lines
 * of MEDDOCAN's Spanish clinical cases (halves `-a`, tuned on, and `-b`, reported), gitleaks' rule
 * samples, detect-secrets' plugin tests, whispers' fixtures, hand-labelled connection-string lines of
 * SqlClient, pyodbc, Npgsql, node-postgres, mssql-python, SQLAlchemy, python-ibmdb, R's odbc and
 * Snowflake's .NET connector, hand-labelled lines of Bitnami's Helm charts and GitHub's custom secret
 * patterns, GSM8K and UD PUD benign lines)
 * may be tuned on; train
 * sources (Kingfisher's rule examples,
 * whose rules were ported: `--split train`, not run by default) are what rules were written from;
 * test sources (Recognizers-Text's sequence specs, Nosey Parker's rule examples, XQuAD, MT-bench and
 * XSTest benign lines) are only reported.
 * Each line is checked as the input policy checks a request; it counts as flagged for `pii` (or
 * `secret`) when any finding of that kind survives the policy (only of the line's `scoredTypes`,
 * where the source names them). `--misses` lists the dev (or train) split's misses and false
 * positives (never the test split's); `--public-ips` measures with only public IP addresses
 * reported, and private ones labelled as someone's (`privateIpAddresses: false`).
 */
export function printPiiSecretCorpus(guardrails: Guardrails, split: PiiSecretSplit): void {
  const { lines, labelledPresent, benignPresent, claimed } = loadPiiSecretCorpus(split);
  console.log(`\nPII and secrets, held-out corpus, ${split} split`);
  if (!labelledPresent)
    console.log(
      "(labelled lines missing: run `npm run corpus:pii-secrets`; nothing to measure but benign lines)",
    );
  if (!benignPresent) console.log("(benign lines missing: run `npm run corpus:guardrails`)");
  const claimedTypes = Object.entries(claimed).map(([type, name]) => `${type} (${name})`);
  console.log(
    `PII types claimed and scored: ${claimedTypes.join(", ")}; other types are reported, not scored`,
  );
  const scored = lines.filter((line) => line.excluded === undefined);
  const excluded = lines.length - scored.length;
  const bySource = new Map<string, Tally>();
  const byType = new Map<string, Tally>();
  const byLanguage = new Map<string, Tally>();
  const falsePositiveTypes = new Map<string, number>();
  const unclaimed = new Map<string, { lines: number; flagged: number }>();
  const spans = new Map<string, { gold: number; found: number }>();
  const spanFindings = { all: 0, onGold: 0 };
  const total = { pii: empty(), secret: empty() };
  const misses: string[] = [];
  for (const line of scored) {
    const findings = guardrails
      .check({ text: line.text, direction: "input", only: ["pii", "secret"] })
      .findings.filter(
        (finding) =>
          finding.kind === line.evaluates &&
          (line.scoredTypes === undefined || line.scoredTypes.includes(finding.type)),
      );
    const flagged = findings.length > 0;
    const sourceKey = `${line.source} · ${line.evaluates}`;
    const tallies = [total[line.evaluates], bySource.get(sourceKey) ?? empty()];
    bySource.set(sourceKey, tallies[1] as Tally);
    if (line.language !== undefined) {
      const key = `${line.source} · ${line.language}`;
      const tally = byLanguage.get(key) ?? empty();
      byLanguage.set(key, tally);
      tallies.push(tally);
    }
    if (line.positive) {
      for (const type of line.types) {
        const tally = byType.get(`${line.evaluates} · ${type}`) ?? empty();
        byType.set(`${line.evaluates} · ${type}`, tally);
        tallies.push(tally);
      }
    }
    for (const tally of tallies) {
      if (line.positive) {
        if (flagged) tally.truePositives++;
        else tally.falseNegatives++;
      } else {
        tally.negatives++;
        if (flagged) tally.falsePositives++;
      }
    }
    if (!line.positive && flagged) {
      for (const type of new Set(findings.map((finding) => finding.type)))
        falsePositiveTypes.set(
          `${line.evaluates} · ${type}`,
          (falsePositiveTypes.get(`${line.evaluates} · ${type}`) ?? 0) + 1,
        );
    }
    if (!line.positive && line.unclaimed.length > 0) {
      for (const type of line.unclaimed) {
        const tally = unclaimed.get(type) ?? { lines: 0, flagged: 0 };
        tally.lines++;
        if (flagged) tally.flagged++;
        unclaimed.set(type, tally);
      }
    }
    if (line.spans !== undefined) countSpans(line, findings, spans, spanFindings);
    if (split !== "test" && line.positive !== flagged)
      misses.push(
        `${line.positive ? "FN" : "FP"} ${line.source} ${line.origin} ${JSON.stringify(line.text.slice(0, 300))}${flagged ? ` → ${findings.map((finding) => finding.type).join(",")}` : ""}`,
      );
  }
  console.log(
    `${scored.length} lines scored, ${excluded} left out (weak, conflicting or unsupported labels in the source)`,
  );
  console.log("kind      lines  precision  recall     F1    TP    FP    FN");
  for (const kind of ["pii", "secret"] as const) console.log(formatRow(kind, total[kind], 8));
  console.log("— per source (benign sources: share of lines flagged)");
  for (const [key, tally] of [...bySource].sort()) console.log(formatRow(key, tally, 48));
  if (byLanguage.size > 0) {
    console.log("— per language, where the source names it");
    for (const [key, tally] of [...byLanguage].sort()) console.log(formatRow(key, tally, 48));
  }
  console.log("— per labelled type (recall; types named as the source names them)");
  const pooled = new Map<string, { types: number; tally: Tally }>();
  for (const [key, tally] of [...byType].sort()) {
    if (key.startsWith("secret") && tally.falseNegatives === 0 && split !== "test") continue;
    const kind = key.split(" · ")[0] ?? key;
    if (split === "test" && tally.truePositives + tally.falseNegatives < MIN_TEST_TYPE_LINES) {
      const pool = pooled.get(kind) ?? { types: 0, tally: empty() };
      pool.types++;
      pool.tally.truePositives += tally.truePositives;
      pool.tally.falseNegatives += tally.falseNegatives;
      pooled.set(kind, pool);
      continue;
    }
    console.log(formatRow(key, tally, 48));
  }
  for (const [kind, { types, tally }] of pooled)
    console.log(formatRow(`${kind} · ${types} types of < ${MIN_TEST_TYPE_LINES} lines`, tally, 48));
  if (split !== "test") console.log(`  (${split} secret types with no miss are not listed)`);
  if (falsePositiveTypes.size > 0) {
    console.log("— false positives by the type modelmux reported");
    for (const [key, count] of [...falsePositiveTypes].sort())
      console.log(`${key.padEnd(48)}${String(count).padStart(6)}`);
  }
  if (unclaimed.size > 0) {
    console.log("— lines holding only types modelmux does not claim (not scored): share flagged as pii");
    for (const [type, tally] of [...unclaimed].sort())
      console.log(
        `${type.padEnd(48)}${String(tally.lines).padStart(6)}${(tally.flagged / tally.lines).toFixed(3).padStart(9)}`,
      );
  }
  if (spans.size > 0) {
    console.log("— span level (labelled spans overlapped by a finding of the line's kind)");
    for (const [type, tally] of [...spans].sort())
      console.log(
        `${type.padEnd(48)}${String(tally.gold).padStart(6)} recall ${(tally.found / tally.gold).toFixed(3)}`,
      );
    console.log(
      `findings on lines with labelled spans: ${spanFindings.all}, ${spanFindings.onGold} on a labelled claimed span (precision ${(spanFindings.onGold / Math.max(1, spanFindings.all)).toFixed(3)})`,
    );
  }
  if (values.misses && split !== "test") for (const miss of misses) console.log(miss);
}

function countSpans(
  line: PiiSecretLine,
  findings: Finding[],
  spans: Map<string, { gold: number; found: number }>,
  spanFindings: { all: number; onGold: number },
): void {
  const overlaps = (start: number, end: number, finding: Finding) =>
    finding.start < end && start < finding.end;
  for (const [type, start, end] of line.spans ?? []) {
    const tally = spans.get(type) ?? { gold: 0, found: 0 };
    tally.gold++;
    if (findings.some((finding) => overlaps(start, end, finding))) tally.found++;
    spans.set(type, tally);
  }
  for (const finding of findings) {
    spanFindings.all++;
    if ((line.spans ?? []).some(([, start, end]) => overlaps(start, end, finding))) spanFindings.onGold++;
  }
}

function formatRow(key: string, tally: Tally, width: number): string {
  const positives = tally.truePositives + tally.falseNegatives;
  const lines = positives + tally.negatives;
  const number = (value: number) => (Number.isNaN(value) ? "—" : value.toFixed(3)).padStart(9);
  const count = (value: number) => String(value).padStart(6);
  if (positives === 0) {
    return `${key.padEnd(width)}${count(lines)}  flagged ${(tally.falsePositives / Math.max(1, lines)).toFixed(3)}${count(tally.falsePositives)}`;
  }
  const precision = tally.truePositives / (tally.truePositives + tally.falsePositives);
  const recall = tally.truePositives / positives;
  const f1 = (2 * precision * recall) / (precision + recall);
  return `${key.padEnd(width)}${count(lines)}${number(precision)}${number(recall)}${number(f1)}${count(tally.truePositives)}${count(tally.falsePositives)}${count(tally.falseNegatives)}`;
}

const { values } = parseArgs({
  options: { misses: { type: "boolean" }, split: { type: "string" }, "public-ips": { type: "boolean" } },
  strict: false,
});

if (import.meta.url === `file://${process.argv[1]}`) {
  // `--public-ips`: as configured with `privateIpAddresses: false` (every valid address is the default).
  const guardrails = createGuardrails({ privateIpAddresses: values["public-ips"] !== true });
  const splits = values.split === undefined ? (["dev", "test"] as const) : [values.split as PiiSecretSplit];
  for (const split of splits) printPiiSecretCorpus(guardrails, split);
}
