import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  AGENT_REQUEST_SOURCES,
  DEV_BENIGN_FLAG_RATE,
  DEV_DOCUMENT_FLAG_RATE,
  devFlagRate,
  ORDINARY_REQUEST_SOURCES,
} from "../../../scripts/guardrails/dev-caps.js";
import { loadCorpus } from "../../../scripts/guardrails/load-corpus.js";

// The caps the trainer holds each dev source's benign lines to when it picks the thresholds.
describe("the trainer's dev caps", () => {
  const { sources } = JSON.parse(
    readFileSync(join(import.meta.dirname, "../../../scripts/guardrails/corpus-sources.json"), "utf8"),
  ) as { sources: { id: string; split: string }[] };

  it("holds ordinary and agent requests to 1 %, other user sources to 3 %, pages to 1 %", () => {
    expect(devFlagRate("user", "m-ifeval-prompts")).toBe(0.01);
    expect(devFlagRate("user", "gpteacher-roleplay-requests")).toBe(0.01);
    expect(devFlagRate("user", "clinc150-agent-orders")).toBe(0.01);
    expect(devFlagRate("user", "notinject-hard-benign")).toBe(DEV_BENIGN_FLAG_RATE);
    expect(devFlagRate("document", "gsm8k-questions")).toBe(DEV_DOCUMENT_FLAG_RATE);
  });

  it("names only sources of the corpus that have dev lines, none of them a test source", () => {
    for (const id of [...ORDINARY_REQUEST_SOURCES, ...AGENT_REQUEST_SOURCES]) {
      const source = sources.find((candidate) => candidate.id === id);
      expect(source, id).toBeDefined();
      expect(["dev", "train+dev"], id).toContain(source?.split);
    }
    // Built corpus (gitignored; present wherever the model is trained): their dev lines are all benign.
    const { lines, publicPresent } = loadCorpus();
    if (!publicPresent) return;
    for (const id of ORDINARY_REQUEST_SOURCES) {
      const dev = lines.filter((line) => line.source === id && line.split === "dev");
      expect(dev.length, id).toBeGreaterThan(100);
      expect(
        dev.every((line) => line.kind === "benign"),
        id,
      ).toBe(true);
    }
  });
});
