import { afterEach, describe, expect, it } from "vitest";
import type { ConfigInput } from "../../src/config/schema.js";
import { createLogger } from "../../src/logger.js";
import { createLedger, type UsageSummary } from "../../src/usage/index.js";
import { runCli } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { connectInMemory, errorText, structured } from "../support/in-memory-server.js";

type Session = Awaited<ReturnType<typeof connectInMemory>>;
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function start(
  overrides: Partial<ConfigInput> = {},
): Promise<{ upstream: FakeUpstream; session: Session }> {
  const upstream = await startFakeUpstream();
  cleanup.push(() => upstream.close());
  upstream.setDefault({ type: "ok", usage: { completion_tokens: 500 } });
  const session = await connectInMemory({
    providers: { fake: { baseURL: upstream.url, models: { m1: { price: { input: 1, output: 2 } } } } },
    routing: { exploration: 0, maxAttempts: 1, timeoutMs: 20_000 },
    cache: { store: "off" },
    ...overrides,
  });
  let closed = false;
  cleanup.push(async () => {
    if (!closed) await session.close();
    closed = true;
  });
  return { upstream, session };
}

const complete = (session: Session, prompt: string) =>
  session.client.callTool({ name: "route_completion", arguments: { prompt, model: "m1", max_tokens: 500 } });

describe("ledger and budgets end to end (real SDK client, fake upstream)", () => {
  it("records successes, failures and budget refusals; get_usage and `modelmux usage` agree", async () => {
    const { upstream, session } = await start({ budgets: { global: { dailyUsd: 0.0025 } } });
    const costs: number[] = [];
    for (const prompt of ["Name one prime number.", "Name one colour."]) {
      costs.push(structured<{ cost_usd: number }>(await complete(session, prompt)).cost_usd);
    }
    // ~$0.001 each (500 output tokens at $2 per 1M): a third worst case no longer fits in $0.0025.
    const refused = errorText(await complete(session, "Name one planet."));
    expect(refused).toMatch(
      /^BUDGET_EXCEEDED: global daily budget exceeded: limit \$0.0025 for \d{4}-\d{2}-\d{2}, spent \$0.00/,
    );
    expect(upstream.requests).toHaveLength(2);

    const usage = structured<UsageSummary>(
      await session.client.callTool({ name: "get_usage", arguments: { last: "1h", group_by: "model" } }),
    );
    expect(usage.totals).toMatchObject({ requests: 3, errors: 1, error_rate: 0.3333, tokens_out: 1_000 });
    expect(usage.totals.cost_usd).toBeCloseTo((costs[0] ?? 0) + (costs[1] ?? 0), 10);
    expect(usage.groups.map((row) => [row.group, row.requests])).toEqual([["m1", 3]]);

    await session.close();
    const report = await runCli(["usage", "--since", "1h", "--format", "json"], {
      MODELMUX_DATA_DIR: session.deps.dataDir,
    });
    expect(report.code).toBe(0);
    expect((JSON.parse(report.stdout) as UsageSummary).totals).toEqual(usage.totals);
  });

  it("records a failed upstream call with its error class", async () => {
    const { upstream, session } = await start();
    upstream.enqueue({ type: "status", status: 500 });
    expect(errorText(await complete(session, "Hello?"))).toMatch(/^PROVIDER_CALL_FAILED/);
    await session.close();
    const ledger = createLedger({ dataDir: session.deps.dataDir, logger: createLogger("silent") });
    const [row] = await ledger.recent(1);
    await ledger.close();
    expect(row).toMatchObject({
      tool: "route_completion",
      requestedModel: "m1",
      errorClass: "PROVIDER_CALL_FAILED",
      costUsd: 0,
    });
    expect(row?.attempts).toBe(1);
  });

  it("loses no record under 1,000 concurrent requests", { timeout: 180_000 }, async () => {
    const { session } = await start();
    const answers = await Promise.all(
      Array.from({ length: 1_000 }, (_, index) => complete(session, `Item ${index}`)),
    );
    const failed = answers.filter((answer) => answer.isError).length;
    await session.close();
    const ledger = createLedger({ dataDir: session.deps.dataDir, logger: createLogger("silent") });
    const rows = await ledger.query({ since: 0, until: Number.MAX_SAFE_INTEGER });
    await ledger.close();
    expect(rows).toHaveLength(1_000);
    expect(rows.filter((row) => row.errorClass !== null)).toHaveLength(failed);
  });
});
