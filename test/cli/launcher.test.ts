import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, cleanEnv, tempDataDir } from "../support/cli-process.js";

const DIST = join(CLI, "..");

/** A copy of the built launcher and bundle (and package.json, for the version) with the given cache file. */
function builtCopy(cache: Buffer | undefined): string {
  const root = tempDataDir();
  mkdirSync(join(root, "dist"));
  copyFileSync(join(DIST, "..", "package.json"), join(root, "package.json"));
  for (const file of ["cli.js", "modelmux.cjs", "package.json"])
    copyFileSync(join(DIST, file), join(root, "dist", file));
  if (cache) writeFileSync(join(root, "dist", "modelmux.cjs.cache"), cache);
  return join(root, "dist", "cli.js");
}

function version(cli: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, "--version"], { env: cleanEnv(), encoding: "utf8" });
  rmSync(join(cli, "..", ".."), { recursive: true, force: true });
  return result;
}

describe("dist/cli.js runs the bundle through V8's code cache, and never depends on it", () => {
  const expected = JSON.parse(readFileSync(join(DIST, "..", "package.json"), "utf8")).version;
  const bundle = readFileSync(join(DIST, "modelmux.cjs"));
  const lineEnd = bundle.indexOf(10) + 1;
  // The bundle's first line names it by the SHA-256 of the rest; the cache begins with that line.
  const buildLine = bundle.subarray(0, lineEnd);
  const cache = readFileSync(join(DIST, "modelmux.cjs.cache"));
  const otherBuild = Buffer.from(`//modelmux-build ${"0".repeat(64)}\n`);

  it("names the bundle by its SHA-256 in its first line", () => {
    const digest = createHash("sha256")
      .update(bundle.subarray(lineEnd - 1))
      .digest("hex");
    expect(buildLine.toString()).toBe(`//modelmux-build ${digest}\n`);
  });

  it("ships a cache made from this very bundle, which V8 accepts", () => {
    expect(cache.subarray(0, lineEnd)).toEqual(buildLine);
    // In a plain node (V8 rejects a cache made under other V8 flags), compiled as the launcher does.
    const check = `const { readFileSync } = require("node:fs");
      const bundle = readFileSync(process.argv[1]);
      const cache = readFileSync(process.argv[1] + ".cache").subarray(bundle.indexOf(10) + 1);
      const source = "(function (exports, require, module, __filename, __dirname) {" + bundle.toString("latin1") + "\\n})";
      const script = new (require("node:vm").Script)(source, { filename: process.argv[1], cachedData: cache });
      process.stdout.write(String(script.cachedDataRejected));`;
    const result = spawnSync(process.execPath, ["-e", check, join(DIST, "modelmux.cjs")], {
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("false");
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
