#!/usr/bin/env node
/**
 * `dist/cli.js`, the built entry point: runs the bundle of src/cli.ts (`dist/modelmux.cjs`, built by
 * scripts/build.mjs) through V8's code cache. Compiling the bundle is a large part of start-up; with
 * the cache V8 skips parsing and reuses the bytecode of every function a start-up ran. Node 20 has no
 * code cache for ES modules (`module.enableCompileCache` is Node 22), hence one CommonJS bundle,
 * compiled here with vm.Script, which takes `cachedData`.
 *
 * The cache (`dist/modelmux.cjs.cache`) is written at build time by one real start-up. It begins
 * with the SHA-256 of the bundle it was made from; V8 itself rejects a cache from another Node or
 * V8 version or other flags. A missing, stale or unreadable cache only means a normal compile.
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

const bundle = join(import.meta.dirname, "modelmux.cjs");
const cacheFile = `${bundle}.cache`;

function readCache(digest: Buffer): Buffer | undefined {
  try {
    const file = readFileSync(cacheFile);
    return file.subarray(0, digest.length).equals(digest) ? file.subarray(digest.length) : undefined;
  } catch {
    return undefined;
  }
}

function runWithCodeCache(): void {
  const bytes = readFileSync(bundle);
  const digest = createHash("sha256").update(bytes).digest();
  // The wrapper Node gives every CommonJS module; the bundle's lines keep their numbers.
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${bytes.toString("utf8")}\n})`,
    { filename: bundle, cachedData: readCache(digest) },
  );
  // scripts/build.mjs sets this for its one start-up: at exit the cache holds every function that ran.
  if (process.env.MODELMUX_WRITE_CODE_CACHE === "1") {
    process.once("exit", () => {
      writeFileSync(`${cacheFile}.tmp`, Buffer.concat([digest, script.createCachedData()]));
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
