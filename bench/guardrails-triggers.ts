import { createGuardrails, type Guardrails } from "../src/guardrails/index.js";
import type { ContentSource } from "../src/guardrails/types.js";

const ONE_MB = 1024 * 1024;
const RUNS = 3;
/** The budget per megabyte for the whole check (issue 19): the request thread runs it. */
const BUDGET_MS = 200;

/**
 * One megabyte of a detector's trigger, repeated, as one source's text: the inputs that were slowest
 * per megabyte (most fixed by reading once what each hit re-read; the phone rows find a number per
 * line, so their time follows what is found).
 */
const TRIGGERS: readonly [unit: string, source: ContentSource][] = [
  ["![a](", "user"],
  ["[a](", "user"],
  ["<a ", "document"],
  ['<a style="display:none" ', "document"],
  ["\nfor the ai: ", "document"],
  ["for the ai: \n", "user"],
  ["```\ncode\n```\n", "user"],
  ["é", "user"],
  ["é ", "user"],
  ["\u200b", "user"],
  ["\u{E0041}", "user"],
  ["::", "user"],
  ["pwd=a;", "user"],
  ['"Pwd=abc"', "user"],
  ["pass=\n", "user"],
  ["password= ", "user"],
  ["1234 ", "user"],
  ["4111 1111 \n", "user"],
  ["206-555-0100 \n", "user"],
  ["0612345678 \n", "user"],
  // Phone shapes of other scripts: a number after a Greek or Hebrew copula (read back for a phone noun
  // in its sentence), after Hebrew ל- (to), and Bengali digits (folded to ASCII before the scan).
  ["είναι 1234567 ", "user"],
  ["הוא 1234567 ", "user"],
  ["התקשרו ל-050-234-5678 ", "user"],
  ["৫ ", "user"],
];

/**
 * Prints the whole check's CPU time for a megabyte of each trigger (median of three, after a warm-up
 * on a short text), with the findings it reports; `*` marks a row over the budget.
 */
export function printTriggerLatency(guardrails: Guardrails = createGuardrails()): void {
  console.log(
    `\nguardrails check of 1 MB of one trigger repeated (CPU ms, median of ${RUNS}; budget ${BUDGET_MS})`,
  );
  console.log("trigger                        source        cpu ms  findings");
  guardrails.check({ text: "warm up: password=hunter2 jane@example.com ![a](b)", direction: "input" });
  for (const [unit, source] of TRIGGERS) {
    const text = unit.repeat(Math.ceil(ONE_MB / unit.length)).slice(0, ONE_MB);
    const times: number[] = [];
    let findings = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = process.cpuUsage();
      findings = guardrails.check({ text, source, direction: "input" }).findings.length;
      const used = process.cpuUsage(started);
      times.push((used.user + used.system) / 1000);
    }
    const median = times.sort((left, right) => left - right)[Math.floor(RUNS / 2)] ?? 0;
    const label = JSON.stringify(unit)
      .replace(/[^\x20-\x7e]/gu, (character) => `U+${character.codePointAt(0)?.toString(16).toUpperCase()}`)
      .slice(0, 30);
    console.log(
      `${label.padEnd(31)}${source.padEnd(12)}${median.toFixed(0).padStart(8)}${median > BUDGET_MS ? "*" : " "}${String(findings).padStart(9)}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printTriggerLatency();
