import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codeCacheFile } from "../../src/code-cache-file.js";
import { NATIVE_REGEXP_FLAG } from "../../src/native-regexps.js";
import { CLI, cleanEnv, tempDataDir } from "../support/cli-process.js";

const DIST = join(CLI, "..");

/** The two ways a client starts the bin: through its `#!` line (or as the README says), and a plain node. */
const STARTS = [
  ["with the V8 flag of its #! line", [NATIVE_REGEXP_FLAG]],
  ["in a plain node", []],
] as const;

/** A copy of the built launcher and bundle (and package.json, for the version) with the given cache files. */
function builtCopy(cache: Buffer | undefined, plainNodeCache = cache): string {
  const root = tempDataDir();
  mkdirSync(join(root, "dist"));
  copyFileSync(join(DIST, "..", "package.json"), join(root, "package.json"));
  for (const file of ["cli.js", "modelmux.cjs", "package.json"])
    copyFileSync(join(DIST, file), join(root, "dist", file));
  const copy = join(root, "dist", "modelmux.cjs");
  if (cache) writeFileSync(codeCacheFile(copy, [NATIVE_REGEXP_FLAG]), cache);
  if (plainNodeCache) writeFileSync(codeCacheFile(copy, []), plainNodeCache);
  return join(root, "dist", "cli.js");
}

/**
 * `modelmux --version` run by node with `nodeArgs` (as the README's client configs do), or by the bin
 * itself when `nodeArgs` is "bin"; then the copy is removed.
 */
function version(cli: string, nodeArgs: readonly string[] | "bin" = [NATIVE_REGEXP_FLAG]) {
  const [file, ...args] = nodeArgs === "bin" ? [cli] : [process.execPath, ...nodeArgs, cli];
  const result = spawnSync(file ?? cli, [...args, "--version"], { env: cleanEnv(), encoding: "utf8" });
  rmSync(join(cli, "..", ".."), { recursive: true, force: true });
  return result;
}

describe("dist/cli.js runs the bundle through V8's code cache, and never depends on it", () => {
  const expected = JSON.parse(readFileSync(join(DIST, "..", "package.json"), "utf8")).version;
  const bundle = readFileSync(join(DIST, "modelmux.cjs"));
  const lineEnd = bundle.indexOf(10) + 1;
  // The bundle's first line names it by the SHA-256 of the rest; the cache begins with that line.
  const buildLine = bundle.subarray(0, lineEnd);
  const cache = readFileSync(codeCacheFile(join(DIST, "modelmux.cjs"), [NATIVE_REGEXP_FLAG]));
  const otherBuild = Buffer.from(`//modelmux-build ${"0".repeat(64)}\n`);

  it("names the bundle by its SHA-256 in its first line", () => {
    const digest = createHash("sha256")
      .update(bundle.subarray(lineEnd - 1))
      .digest("hex");
    expect(buildLine.toString()).toBe(`//modelmux-build ${digest}\n`);
  });

  it.each(STARTS)(
    "ships a cache made from this very bundle, which V8 accepts when started %s",
    (_name, flags) => {
      const file = codeCacheFile(join(DIST, "modelmux.cjs"), flags);
      expect(readFileSync(file).subarray(0, lineEnd)).toEqual(buildLine);
      // Compiled as the launcher does, under each start's V8 flags: V8 rejects a cache made under
      // other flags, which is why there are two.
      const check = `const { readFileSync } = require("node:fs");
      const bundle = readFileSync(process.argv[1]);
      const cache = readFileSync(process.argv[2]).subarray(bundle.indexOf(10) + 1);
      const source = "(function (exports, require, module, __filename, __dirname) {" + bundle.toString("latin1") + "\\n})";
      const script = new (require("node:vm").Script)(source, { filename: process.argv[1], cachedData: cache });
      process.stdout.write(String(script.cachedDataRejected));`;
      const rejected = (nodeFlags: readonly string[]) => {
        const result = spawnSync(
          process.execPath,
          [...nodeFlags, "-e", check, join(DIST, "modelmux.cjs"), file],
          {
            encoding: "utf8",
          },
        );
        expect(result.stderr).toBe("");
        return result.stdout;
      };
      expect(rejected(flags)).toBe("false");
      expect(rejected(flags.length === 0 ? [NATIVE_REGEXP_FLAG] : [])).toBe("true");
    },
  );

  it("runs through its #! line, which gives node the V8 flag", () => {
    expect(readFileSync(CLI, "latin1").split("\n", 1)[0]).toBe(
      `#!/usr/bin/env -S node ${NATIVE_REGEXP_FLAG}`,
    );
    const result = version(builtCopy(cache), "bin");
    expect(result.stderr.trim()).toBe(expected);
    expect(result.status).toBe(0);
  });

  it("starts in a plain node, with its own cache or none", () => {
    for (const plainNodeCache of [readFileSync(codeCacheFile(join(DIST, "modelmux.cjs"), [])), undefined]) {
      const result = version(builtCopy(cache, plainNodeCache), []);
      expect(result.stderr.trim()).toBe(expected);
      expect(result.status).toBe(0);
    }
  });

  it.each([
    ["the build's cache", cache],
    ["no cache", undefined],
    ["a cache made from another build", Buffer.concat([otherBuild, cache.subarray(lineEnd)])],
    ["a cache of this build with a corrupt body", Buffer.concat([buildLine, Buffer.alloc(4096, 7)])],
    ["a truncated cache", cache.subarray(0, 1000)],
  ])("starts with %s", (_name, cache) => {
    const result = version(builtCopy(cache));
    expect(result.stderr.trim()).toBe(expected);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
  });
});
