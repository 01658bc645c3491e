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
  const digest = createHash("sha256")
    .update(readFileSync(join(DIST, "modelmux.cjs")))
    .digest();

  it("ships a cache made from this very bundle", () => {
    expect(readFileSync(join(DIST, "modelmux.cjs.cache")).subarray(0, digest.length)).toEqual(digest);
  });

  it.each([
    ["the build's cache", readFileSync(join(DIST, "modelmux.cjs.cache"))],
    ["no cache", undefined],
    ["a cache made from another bundle", Buffer.concat([Buffer.alloc(digest.length), Buffer.from("x")])],
    ["a cache of this bundle's digest with a corrupt body", Buffer.concat([digest, Buffer.alloc(4096, 7)])],
    ["a truncated cache", readFileSync(join(DIST, "modelmux.cjs.cache")).subarray(0, 1000)],
  ])("starts with %s", (_name, cache) => {
    const result = version(builtCopy(cache));
    expect(result.stderr.trim()).toBe(expected);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
  });
});
