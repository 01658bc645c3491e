/**
 * The V8 flag that compiles every regular expression to machine code on its first run, instead of
 * interpreting it first and compiling it on a later run (tier-up, V8's default). The guardrails
 * run hundreds of rules over every request; with tier-up a long-running server scans ~17 % slower
 * than a fresh one (s23, after checking every dev line: 10 KB mixed p50 2.70 ms against 2.23 ms,
 * 1 MB 187 ms against 149 ms), as rules met late are compiled only once V8's code budget allows.
 *
 * It must be on node's command line (the bin's `#!` line, `npm start`, the README's client configs):
 * Node 20 crashes (SIGSEGV) when `v8.setFlagsFromString` turns it on after a regular expression
 * has run as bytecode, and Node's own start-up runs some. Without it modelmux works the same, only
 * slower in a long run.
 */
export const NATIVE_REGEXP_FLAG = "--no-regexp-tier-up";

/** Whether this process was started with NATIVE_REGEXP_FLAG (V8 flags are process-wide, workers too). */
export function regexpsCompileNatively(execArgv: readonly string[] = process.execArgv): boolean {
  return execArgv.includes(NATIVE_REGEXP_FLAG);
}
