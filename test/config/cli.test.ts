import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../support/cli-process.js";

function writeConfig(name: string, text: string): string {
  const file = join(tempDataDir(), name);
  writeFileSync(file, text);
  return file;
}

describe("CLI flags and config errors", () => {
  it("prints help and version", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stderr).toContain("modelmux http");
    const version = await runCli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stderr.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("exits 2 on a bad flag, naming it", async () => {
    const result = await runCli(["--bogus"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--bogus/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const port = await runCli(["http", "--port", "abc"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port: expected an integer from 0 to 65535, got "abc"');
    const command = await runCli(["serve"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "serve"');
  });

  it("exits 2 on a bad config field with its path", async () => {
    const file = writeConfig("bad.json", JSON.stringify({ routing: { weights: { price: "x" } } }));
    const result = await runCli(["--config", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('routing.weights.price: expected number, got "x"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("reads MODELMUX_CONFIG and YAML, and reports syntax errors and missing files", async () => {
    const yaml = writeConfig("bad.yaml", "cache:\n  ttlSeconds: 1\n");
    const result = await runCli([], { MODELMUX_CONFIG: yaml });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cache\.ttlSeconds: .*>=10/);
    const broken = writeConfig("broken.json", "{ nope");
    expect((await runCli(["--config", broken])).stderr).toMatch(/not valid \.json/);
    const missing = await runCli(["--config", "/no/such/file.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read config file/);
    const unknownKey = writeConfig("extra.json", JSON.stringify({ routing: { presett: "cheapest" } }));
    expect((await runCli(["--config", unknownKey])).stderr).toContain('routing: unknown field "presett"');
  });
});
