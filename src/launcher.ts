#!/usr/bin/env -S node --no-regexp-tier-up
/**
 * `dist/cli.js`, the built entry point: runs the bundle of src/cli.ts (`dist/modelmux.cjs`, built by
 * scripts/build.mjs) through V8's code cache. Compiling the bundle is a large part of start-up; with
 * the cache V8 skips parsing and reuses the bytecode of every function a start-up ran. Node 20 has no
 * code cache for ES modules (`module.enableCompileCache` is Node 22), hence one CommonJS bundle,
 * compiled here with vm.Script, which takes `cachedData`.
 *
 * The cache (`dist/modelmux.cjs.cache`) is written at build time by one real start-up. A cache is
 * valid only for the exact bundle it was made from: V8 checks little more than the source's length,
 * and bytecode run against other source is wrong code. The build puts the bundle's SHA-256 in its
 * first line (`//modelmux-build <hex>`); the cache begins with that line, and is used only when it
 * equals the bundle's. This costs nothing at start (hashing 1.3 MB and loading node:crypto did cost
 * ~10 ms), and every build, which rewrites the bundle, makes a new line. V8 itself rejects a cache
 * from another Node or V8 version or other flags. A missing, stale or unreadable cache only means a
 * normal compile.
 *
 * The `#!` line gives node NATIVE_REGEXP_FLAG (src/native-regexps.ts), which V8 counts among the
 * flags a cache must match. A client config may still run `node dist/cli.js` without it, so the
 * build makes two caches, one per way of starting, and this picks the one made under this
 * process's flags.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { codeCacheFile } from "./code-cache-file.js";

const bundle = join(import.meta.dirname, "modelmux.cjs");
const cacheFile = codeCacheFile(bundle);

/** The bundle's first line with its newline, when it names the build; else undefined (no cache). */
function buildLine(bytes: Buffer): Buffer | undefined {
  const end = bytes.indexOf(10);
  const line = bytes.subarray(0, end + 1);
  return end > 0 && /^\/\/modelmux-build [0-9a-f]{64}\n$/.test(line.toString("latin1")) ? line : undefined;
}

function readCache(line: Buffer | undefined): Buffer | undefined {
  if (!line) return undefined;
  try {
    const file = readFileSync(cacheFile);
    return file.subarray(0, line.length).equals(line) ? file.subarray(line.length) : undefined;
  } catch {
    return undefined;
  }
}

function runWithCodeCache(): void {
  const bytes = readFileSync(bundle);
  const line = buildLine(bytes);
  // The wrapper Node gives every CommonJS module; the bundle's lines keep their numbers. The build
  // makes the bundle pure ASCII, so latin1 decodes it as utf8 would, only faster (~2 ms).
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${bytes.toString("latin1")}\n})`,
    { filename: bundle, cachedData: readCache(line) },
  );
  // scripts/build.mjs sets this for its one start-up: at exit the cache holds every function that ran.
  if (process.env.MODELMUX_WRITE_CODE_CACHE === "1" && line) {
    process.once("exit", () => {
      writeFileSync(`${cacheFile}.tmp`, Buffer.concat([line, script.createCachedData()]));
      renameSync(`${cacheFile}.tmp`, cacheFile);
    });
  }
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

// Node 20 applies source maps only to modules it loads itself, not to code compiled with vm.Script:
// when they are asked for (`node --enable-source-maps dist/cli.js`), load the bundle plainly.
if (process.sourceMapsEnabled) createRequire(bundle)(bundle);
else runWithCodeCache();
