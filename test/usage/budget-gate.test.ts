import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import type { BudgetReservation } from "../../src/core/hooks.js";
import { isModelmuxError, type ModelmuxError } from "../../src/errors.js";
import { createLogger } from "../../src/logger.js";
import {
  createBudgetGate,
  createLedger,
  type Ledger,
  type ManagedBudgetGate,
} from "../../src/usage/index.js";
import { tempDataDir } from "../support/cli-process.js";
import { usageRecord } from "./usage-record.js";

const logger = createLogger("silent");
const KEY_HASH = "a".repeat(64);
/** The local caller is the operator (core/access-policy.ts): it sees every tenant's spend. */
const LOCAL = { key: "local", tool: "route_completion", admin: true };
const TEAM = { key: "team-a", tool: "route_completion" };
const cleanup: (() => unknown)[] = [];

afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

function ledgerFor(dataDir = tempDataDir()): Ledger {
  const ledger = createLedger({ dataDir, logger });
  cleanup.push(() => ledger.close());
  return ledger;
}

function gateFor(
  config: ConfigInput,
  options: { ledger?: Ledger; now?: () => number } = {},
): ManagedBudgetGate {
  const gate = createBudgetGate({
    config: parseConfig(config),
    ledger: options.ledger ?? ledgerFor(),
    logger,
    now: options.now,
  });
  cleanup.push(() => gate.close());
  return gate;
}

function refusal(action: () => unknown): ModelmuxError {
  try {
    action();
  } catch (error) {
    if (isModelmuxError(error)) return error;
    throw error;
  }
  throw new Error("expected BUDGET_EXCEEDED");
}

const sync = (reservation: BudgetReservation | Promise<BudgetReservation>): BudgetReservation => {
  if (reservation instanceof Promise) throw new Error("local budgets reserve synchronously");
  return reservation;
};

describe("budget gate (local counters)", () => {
  it("never overshoots under 100 concurrent calls: spent + in flight stays within the limit", async () => {
    const gate = gateFor({ budgets: { global: { dailyUsd: 1 } } });
    let inFlight = 0;
    let accepted = 0;
    let refused = 0;
    await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, index % 7));
        let reservation: BudgetReservation;
        try {
          reservation = sync(gate.reserve(LOCAL, 0.05));
        } catch (error) {
          expect((error as ModelmuxError).code).toBe("BUDGET_EXCEEDED");
          refused += 1;
          return;
        }
        accepted += 1;
        inFlight += 0.05;
        const [line] = (await gate.status(LOCAL)).budgets;
        expect((line?.spent_usd ?? 0) + (line?.reserved_usd ?? 0)).toBeLessThanOrEqual(1 + 1e-9);
        await new Promise((resolve) => setTimeout(resolve, index % 5));
        inFlight -= 0.05;
        reservation.settle(0.03); // real cost below the worst case: the difference goes back
      }),
    );
    const [line] = (await gate.status(LOCAL)).budgets;
    expect(accepted + refused).toBe(100);
    expect(refused).toBeGreaterThan(0);
    expect(line?.reserved_usd).toBe(0);
    expect(line?.spent_usd).toBeCloseTo(accepted * 0.03, 9);
    expect(line?.spent_usd).toBeLessThanOrEqual(1);
    expect(inFlight).toBeCloseTo(0, 9);
  });

  it("bounds overshoot by the in-flight reservations when real costs exceed the quotes", () => {
    const gate = gateFor({ budgets: { global: { dailyUsd: 1 } } });
    const held = Array.from({ length: 10 }, () => sync(gate.reserve(LOCAL, 0.1)));
    expect(() => gate.reserve(LOCAL, 0.01)).toThrow(/global daily budget exceeded/);
    for (const reservation of held) reservation.settle(0.12);
    return gate.status(LOCAL).then(({ budgets: [line] }) => {
      // Worst case: every in-flight call ran over its quote; nothing else got in meanwhile.
      expect(line?.spent_usd).toBeCloseTo(1.2, 9);
      expect(() => gate.reserve(LOCAL, 0)).toThrow(/exceeded/);
    });
  });

  it("refuses with a message naming the budget, limit, spent, reserved and the quote", () => {
    const gate = gateFor(
      { keys: [{ name: "team-a", sha256: KEY_HASH, monthlyUsd: 2 }] },
      { now: () => Date.UTC(2025, 5, 10) },
    );
    const first = sync(gate.reserve(TEAM, 1.5));
    first.settle(1.25);
    sync(gate.reserve(TEAM, 0.5));
    const error = refusal(() => gate.reserve(TEAM, 0.3));
    expect(error.code).toBe("BUDGET_EXCEEDED");
    expect(error.message).toBe(
      'key "team-a" monthly budget exceeded: limit $2 for 2025-06, spent $1.25, reserved $0.5 by calls in flight, ' +
        "this call needs up to $0.3; resets 2025-07-01T00:00:00.000Z",
    );
    expect(error.data).toEqual({
      budget: "key",
      key: "team-a",
      period: "month",
      period_id: "2025-06",
      limit_usd: 2,
      spent_usd: 1.25,
      reserved_usd: 0.5,
      quote_usd: 0.3,
      resets_at: "2025-07-01T00:00:00.000Z",
    });
    // Other callers are not held to team-a's budget.
    expect(() => gate.reserve(LOCAL, 5)).not.toThrow();
  });

  it("settle keeps the real cost and releases the rest; release keeps nothing; both count once", async () => {
    const gate = gateFor({ budgets: { global: { dailyUsd: 1 } } });
    const settled = sync(gate.reserve(LOCAL, 0.6));
    settled.settle(0.1);
    settled.settle(0.5);
    const released = sync(gate.reserve(LOCAL, 0.9));
    released.release();
    released.release();
    expect((await gate.status(LOCAL)).budgets[0]).toMatchObject({
      spent_usd: 0.1,
      reserved_usd: 0,
      remaining_usd: 0.9,
    });
    expect(() => gate.reserve(LOCAL, 0.9)).not.toThrow();
  });

  it("rolls over at UTC midnight and month end (injected clock)", async () => {
    let time = Date.UTC(2025, 0, 15, 23, 0);
    const gate = gateFor({ budgets: { global: { dailyUsd: 1, monthlyUsd: 1.5 } } }, { now: () => time });
    sync(gate.reserve(LOCAL, 0.9)).settle(0.9);
    expect(refusal(() => gate.reserve(LOCAL, 0.2)).message).toMatch(/^global daily budget exceeded/);
    time = Date.UTC(2025, 0, 15, 23, 59, 59, 999);
    expect(() => gate.reserve(LOCAL, 0.2)).toThrow(/daily/);
    // New day, same month: the daily budget resets, the monthly one does not.
    time = Date.UTC(2025, 0, 16, 0, 0);
    expect(refusal(() => gate.reserve(LOCAL, 0.7)).message).toMatch(
      /^global monthly budget exceeded: limit \$1.5 for 2025-01,/,
    );
    sync(gate.reserve(LOCAL, 0.6)).settle(0.6);
    // A new month: January's spend does not count in February.
    time = Date.UTC(2025, 1, 1, 0, 0);
    sync(gate.reserve(LOCAL, 0.5)).settle(0.5);
    expect((await gate.status()).budgets.map((line) => [line.period_id, line.spent_usd])).toEqual([
      ["2025-02-01", 0.5],
      ["2025-02", 0.5],
    ]);
  });

  it("starts from the spend already in the ledger, so budgets survive a restart", async () => {
    const dataDir = tempDataDir();
    const now = Date.UTC(2025, 5, 10, 15);
    const before = createLedger({ dataDir, logger });
    before.record(usageRecord({ time: Date.UTC(2025, 5, 10, 9), key: "team-a", costUsd: 0.7 }));
    before.record(usageRecord({ time: Date.UTC(2025, 5, 10, 10), key: "local", costUsd: 0.2 }));
    before.record(usageRecord({ time: Date.UTC(2025, 5, 9, 10), key: "team-a", costUsd: 5 })); // yesterday
    await before.close();
    const config = {
      budgets: { global: { dailyUsd: 1 } },
      keys: [{ name: "team-a", sha256: KEY_HASH, dailyUsd: 0.75 }],
    };
    const gate = gateFor(config, { ledger: ledgerFor(dataDir), now: () => now });
    const { budgets } = await gate.status(TEAM);
    expect(budgets.map((line) => [line.scope, line.spent_usd])).toEqual([
      ["global", 0.9],
      ["key", 0.7],
    ]);
    // The global spend is every tenant's: a tenant's refusal does not show it, the operator's does.
    const refused = refusal(() => gate.reserve(TEAM, 0.15));
    expect(refused.message).toMatch(
      /^global daily budget exceeded: limit \$1 for .*, with what every key has spent and holds in flight, this call needs up to \$0.15;/,
    );
    expect(refused.message).not.toMatch(/0\.9/);
    expect(refused.data).not.toHaveProperty("spent_usd");
    expect(refused.data).not.toHaveProperty("reserved_usd");
    expect(refusal(() => gate.reserve(LOCAL, 0.15)).message).toMatch(
      /^global daily budget exceeded: .*spent \$0.9,/,
    );
    expect(refusal(() => gate.reserve(TEAM, 0.09)).message).toMatch(/^key "team-a" daily budget exceeded/);
    expect(() => gate.reserve(LOCAL, 0.1)).not.toThrow();
  });

  it("lets everything through, synchronously, when no budget applies", () => {
    const gate = gateFor({});
    const reservation = sync(gate.reserve(LOCAL, 1e6));
    expect(() => reservation.settle(1e6)).not.toThrow();
  });
});
