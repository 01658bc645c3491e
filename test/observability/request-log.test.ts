import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { createLogger } from "../../src/logger.js";
import { configSecrets } from "../../src/observability/config-secrets.js";
import { createRequestLog } from "../../src/observability/request-log.js";
import { teeLedger } from "../../src/observability/tee-ledger.js";
import { usageRecord } from "../dashboard/sample-records.js";

const PROVIDER_KEY = "labkey-55c0ffee11d15ea5e";

function capturingLogger(secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger("info", {
    secrets,
    destination: { write: (line: string) => lines.push(line) },
  });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("logger redaction", () => {
  it("removes secrets by field path and from any text in the line", () => {
    const { logger, lines } = capturingLogger([PROVIDER_KEY]);
    logger.info({ apiKey: PROVIDER_KEY, headers: { authorization: "Bearer mmx-abc-123456" } }, "fields");
    logger.info({ config: { providers: { lab: { apiKey: "literal-key-1234567" } } } }, "nested");
    logger.error({ err: `upstream said: Incorrect API key provided: ${PROVIDER_KEY}` }, "in text");
    logger.warn({ detail: "retrying with Authorization: Bearer mmx-live-token-99" }, "bearer in text");
    logger.warn({ detail: "key sk-proj-abcdefghijklmnop leaked" }, "vendor shape");
    const text = lines.join("");
    for (const secret of [
      PROVIDER_KEY,
      "mmx-abc-123456",
      "literal-key-1234567",
      "mmx-live-token-99",
      "sk-proj-abcdefghijklmnop",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("learns the configured provider keys, literal or env:", () => {
    const config = parseConfig({
      providers: {
        lab: { baseURL: "http://127.0.0.1:1/v1", apiKey: "env:LAB_KEY" },
        other: { apiKey: "literal-xyz-12345" },
      },
    });
    expect(configSecrets(config, { LAB_KEY: PROVIDER_KEY }).sort()).toEqual(
      ["literal-xyz-12345", PROVIDER_KEY].sort(),
    );
  });
});

describe("createRequestLog", () => {
  it("writes one line per finished request, warn for failures with the attempt log", () => {
    const { logger, parsed } = capturingLogger([PROVIDER_KEY]);
    const ledger = teeLedger({ record() {} }, createRequestLog(logger));
    ledger.record(usageRecord({ key: "team-a", costUsd: 0.02 }));
    ledger.record(
      usageRecord({
        model: null,
        provider: null,
        errorClass: "PROVIDER_CALL_FAILED",
        attemptLog: [
          {
            provider: "lab",
            model: "m1",
            deployment: "lab/m1",
            outcome: "error",
            status: 401,
            latency_ms: 5,
            error: `Incorrect API key provided: ${PROVIDER_KEY}`,
          },
        ],
      }),
    );
    const [ok, failed] = parsed();
    expect(ok).toMatchObject({ level: 30, msg: "request", key: "team-a", cost_usd: 0.02, cache: "miss" });
    expect(ok).not.toHaveProperty("error");
    expect(failed).toMatchObject({ level: 40, msg: "request failed", error: "PROVIDER_CALL_FAILED" });
    expect(JSON.stringify(failed)).not.toContain(PROVIDER_KEY);
  });

  it("never lets an observer's failure stop the ledger write", () => {
    const written: unknown[] = [];
    const ledger = teeLedger(
      { record: (record) => written.push(record) },
      {
        observe() {
          throw new Error("boom");
        },
      },
    );
    expect(() => ledger.record(usageRecord({}))).not.toThrow();
    expect(written).toHaveLength(1);
  });
});
