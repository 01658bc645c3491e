import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { expect, it } from "vitest";
import { createGuardrails } from "../../src/guardrails/index.js";
import { loadEvalCases } from "./eval-harness.js";

/**
 * The secret detector reuses secretlint's patterns in a synchronous scanner (see secrets.ts for why).
 * This keeps it honest: on every evaluation case, whatever secretlint's recommended preset reports,
 * modelmux reports too, over the same span.
 */
it("finds every secret that secretlint's recommended preset finds on the evaluation set", async () => {
  const config: Parameters<typeof lintSource>[0]["options"]["config"] = {
    rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }],
  };
  const guardrails = createGuardrails();
  const missed: string[] = [];
  let compared = 0;
  for (const testCase of loadEvalCases()) {
    const result = await lintSource({
      source: { filePath: "/virtual/input.txt", content: testCase.text, ext: ".txt", contentType: "text" },
      options: { config, noPhysicFilePath: true, maskSecrets: true },
    });
    const secrets = guardrails.scan(testCase.text).filter((finding) => finding.kind === "secret");
    for (const message of result.messages) {
      compared++;
      const [start, end] = message.range;
      if (!secrets.some((finding) => finding.start < end && finding.end > start))
        missed.push(`${testCase.id} ${message.ruleId}`);
    }
  }
  expect(compared).toBeGreaterThan(30);
  expect(missed).toEqual([]);
});
