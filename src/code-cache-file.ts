import { regexpsCompileNatively } from "./native-regexps.js";

/**
 * The code cache of `bundle` for a process started with `execArgv`: V8 accepts a cache only under
 * the flags it was made with, so a start with NATIVE_REGEXP_FLAG (the bin's `#!` line) and a plain
 * `node dist/cli.js` each have their own (both made by scripts/build.mjs).
 */
export function codeCacheFile(bundle: string, execArgv: readonly string[] = process.execArgv): string {
  return regexpsCompileNatively(execArgv) ? `${bundle}.cache` : `${bundle}.plain-node.cache`;
}
