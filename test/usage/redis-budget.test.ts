import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import type { BudgetReservation } from "../../src/core/hooks.js";
import { isModelmuxError } from "../../src/errors.js";
import { createLogger } from "../../src/logger.js";
import {
  createBudgetGate,
  createLedger,
  type Ledger,
  type ManagedBudgetGate,
} from "../../src/usage/index.js";
import { tempDataDir } from "../support/cli-process.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";
import { usageRecord } from "./usage-record.js";

const logger = createLogger("silent");
/** The local caller is the operator (core/access-policy.ts): it sees every tenant's spend. */
const LOCAL = { key: "local", tool: "route_completion", admin: true };
const cleanup: (() => unknown)[] = [];
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

function emptyLedger(): Ledger {
  const ledger = createLedger({ dataDir: tempDataDir(), logger });
  cleanup.push(() => ledger.close());
  return ledger;
}

let day = 0;
/** Each test gets its own day, so Redis keys never collide between tests. */
function testClock(): () => number {
  day += 1;
  const time = Date.UTC(2030, 0, day, 12);
  return () => time;
}

async function gateFor(
  config: ConfigInput,
  options: { ledger?: Ledger; now: () => number; url?: string; holdMs?: number },
): Promise<ManagedBudgetGate> {
  const gate = createBudgetGate({
    config: parseConfig(config),
    ledger: options.ledger ?? emptyLedger(),
    redisUrl: options.url ?? redis.url,
    logger,
    now: options.now,
    holdMs: options.holdMs,
  });
  cleanup.push(() => gate.close());
  await gate.ready();
  return gate;
}

async function tryReserve(gate: ManagedBudgetGate, usd: number): Promise<BudgetReservation | undefined> {
  try {
    return await gate.reserve(LOCAL, usd);
  } catch (error) {
    if (isModelmuxError(error) && error.code === "BUDGET_EXCEEDED") return undefined;
    throw error;
  }
}

const DAILY = { budgets: { global: { dailyUsd: 1 } } };

describe("budget gate shared through Redis", () => {
  it("two instances share one budget: a hold on one blocks the other until settled", async () => {
    const now = testClock();
    const first = await gateFor(DAILY, { now });
    const second = await gateFor(DAILY, { now });
    const held = await first.reserve(LOCAL, 0.6);
    await expect(Promise.resolve().then(() => second.reserve(LOCAL, 0.5))).rejects.toThrow(
      /global daily budget exceeded: limit \$1 for 2030-01-\d\d, spent \$0, reserved \$0.6 by calls in flight, this call needs up to \$0.5/,
    );
    held.settle(0.2);
    await first.close(); // waits for the settle to reach Redis
    expect(await tryReserve(second, 0.5)).toBeDefined();
    const status = await second.status(LOCAL);
    expect(status.shared).toBe(true);
    expect(status.budgets[0]).toMatchObject({ spent_usd: 0.2, reserved_usd: 0.5, remaining_usd: 0.3 });
  });

  it("100 concurrent calls over two instances never overshoot the shared limit", async () => {
    const now = testClock();
    const gates = [await gateFor(DAILY, { now }), await gateFor(DAILY, { now })];
    let accepted = 0;
    await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        const gate = gates[index % 2] as ManagedBudgetGate;
        const reservation = await tryReserve(gate, 0.05);
        if (!reservation) return;
        accepted += 1;
        const [line] = (await gate.status(LOCAL)).budgets;
        expect((line?.spent_usd ?? 0) + (line?.reserved_usd ?? 0)).toBeLessThanOrEqual(1 + 1e-9);
        await new Promise((resolve) => setTimeout(resolve, index % 5));
        reservation.settle(0.03);
      }),
    );
    for (const gate of gates) await gate.close();
    const observer = await gateFor(DAILY, { now });
    const [line] = (await observer.status(LOCAL)).budgets;
    expect(accepted).toBeGreaterThan(19); // at least 1 / 0.05 calls fit
    expect(accepted).toBeLessThan(100);
    expect(line?.reserved_usd).toBe(0);
    expect(line?.spent_usd).toBeCloseTo(accepted * 0.03, 9);
    expect(line?.spent_usd).toBeLessThanOrEqual(1);
  });

  it("seeds a fresh Redis from the ledger once; later instances read the shared figure", async () => {
    const now = testClock();
    const ledger = emptyLedger();
    ledger.record(usageRecord({ time: now() - 1_000, costUsd: 0.7 }));
    const first = await gateFor(DAILY, { now, ledger });
    expect((await first.reserve(LOCAL, 0.2)) as BudgetReservation).toBeDefined();
    const second = await gateFor(DAILY, { now }); // its own ledger is empty
    expect((await second.status(LOCAL)).budgets[0]).toMatchObject({ spent_usd: 0.7, reserved_usd: 0.2 });
    expect(await tryReserve(second, 0.2)).toBeUndefined();
  });

  it("lets a crashed instance's hold lapse instead of blocking the budget for the day", async () => {
    const now = testClock();
    const crashed = await gateFor(DAILY, { now, holdMs: 300 });
    await crashed.reserve(LOCAL, 0.9); // never settled
    const survivor = await gateFor(DAILY, { now });
    expect(await tryReserve(survivor, 0.5)).toBeUndefined();
    let reservation: BudgetReservation | undefined;
    for (let attempt = 0; attempt < 100 && !reservation; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      reservation = await tryReserve(survivor, 0.5);
    }
    expect(reservation).toBeDefined();
  });

  it("falls back to this instance's counters when Redis is unreachable", async () => {
    const down = await startRedisServer();
    await down.kill();
    const gate = await gateFor(DAILY, { now: testClock(), url: down.url });
    const reservation = gate.reserve(LOCAL, 0.8);
    expect(reservation).not.toBeInstanceOf(Promise);
    expect(() => gate.reserve(LOCAL, 0.3)).toThrow(/global daily budget exceeded/);
    expect((await gate.status(LOCAL)).shared).toBe(false);
  });
});
