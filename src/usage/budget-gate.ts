import type { Config } from "../config/schema.js";
import { seesAllTenants } from "../core/access-policy.js";
import type { BudgetGate, BudgetReservation } from "../core/hooks.js";
import type { CallerContext } from "../core/route-types.js";
import type { Logger } from "../logger.js";
import { nodeCrypto } from "../node-crypto.js";
import { budgetExceeded } from "./budget-exceeded.js";
import { allSlots, type BudgetSlot, slotsFor, toNano } from "./budget-slots.js";
import { type BudgetStatus, budgetLine } from "./budget-status.js";
import type { Ledger } from "./ledger.js";
import { createMemoryBudgetStore, type SlotState } from "./memory-budget-store.js";
import { createRedisBudgetStore, type RedisBudgetStore } from "./redis-budget-store.js";

export interface BudgetGateOptions {
  config: Pick<Config, "budgets" | "keys" | "routing">;
  /** Where spend-so-far comes from when a period is first seen (so budgets survive restarts). */
  ledger: Pick<Ledger, "spentUsd" | "spentUsdSync">;
  /** Share budgets across instances through this Redis (atomic Lua scripts). */
  redisUrl?: string;
  logger?: Logger;
  now?: () => number;
  /** How long an unsettled Redis hold lives (an instance crashed mid-call). Default routing.timeoutMs + 60 s. */
  holdMs?: number;
}

/** The global and per-key BudgetGate, with status and lifecycle. */
export interface ManagedBudgetGate extends BudgetGate {
  /**
   * Holds `worstCaseUsd` on every budget that applies (global, then the caller's key; day and
   * month) or throws BUDGET_EXCEEDED. Synchronous with local counters; a promise with Redis.
   */
  reserve(caller: CallerContext, worstCaseUsd: number): BudgetReservation | Promise<BudgetReservation>;
  /** The caller's budgets (global + its key), or every configured budget without a caller. */
  status(caller?: Pick<CallerContext, "key">): Promise<BudgetStatus>;
  /** Resolves once Redis is connected (or gave up for now); immediate without Redis. */
  ready(): Promise<void>;
  /** Waits for pending Redis settles and disconnects. */
  close(): Promise<void>;
}

const FREE: BudgetReservation = { settle() {}, release() {} };

/**
 * Budgets per day and month, global and per virtual key, in USD. A call reserves its worst case
 * before going upstream and settles the real cost after, so concurrent calls overshoot by at
 * most what is reserved in flight. With Redis, every instance shares the counters; if Redis is
 * unreachable each instance falls back to its own counters (seeded from its ledger) and warns.
 */
export function createBudgetGate(options: BudgetGateOptions): ManagedBudgetGate {
  const { config, ledger, logger } = options;
  const now = options.now ?? Date.now;
  // Spend so far per slot, read from the ledger once per period (asynchronously: it may be PostgreSQL).
  const seeds = new Map<string, number>();
  const loading = new Map<string, Promise<void>>();
  function seed(slot: BudgetSlot): number {
    return seeds.get(slot.id) ?? 0;
  }
  function loadSeed(slot: BudgetSlot): Promise<void> {
    let load = loading.get(slot.id);
    if (!load) {
      load = ledger.spentUsd({ since: slot.span.start, until: slot.span.end, key: slot.key }).then(
        (spent) => {
          seeds.set(slot.id, toNano(spent));
        },
        (error: unknown) => {
          // Unknown spend counts as none this time; the next request asks the ledger again.
          loading.delete(slot.id);
          logger?.warn(
            { err: String(error), budget: slot.id },
            "budget: cannot read spend so far from the ledger",
          );
        },
      );
      loading.set(slot.id, load);
    }
    return load;
  }
  /** Resolves once every slot's spend so far is known (at once when it already is). */
  function unseeded(slots: BudgetSlot[]): Promise<void> | undefined {
    const { spentUsdSync } = ledger;
    if (spentUsdSync) {
      for (const slot of slots) {
        if (seeds.has(slot.id)) continue;
        seeds.set(
          slot.id,
          toNano(spentUsdSync({ since: slot.span.start, until: slot.span.end, key: slot.key })),
        );
      }
      return undefined;
    }
    const missing = slots.filter((slot) => !seeds.has(slot.id));
    return missing.length === 0 ? undefined : Promise.all(missing.map(loadSeed)).then(() => {});
  }
  const memory = createMemoryBudgetStore(seed);
  const redis: RedisBudgetStore | undefined = options.redisUrl
    ? createRedisBudgetStore({
        url: options.redisUrl,
        seed,
        holdMs: options.holdMs ?? config.routing.timeoutMs + 60_000,
        logger,
      })
    : undefined;
  const pending = new Set<Promise<void>>();
  let fallbackWarned = false;

  function track(work: Promise<void>): void {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  }

  function localReservation(slots: BudgetSlot[], amountNano: number, seesAll: boolean): BudgetReservation {
    const refusal = memory.reserve(slots, amountNano);
    if (refusal) throw budgetExceeded(refusal.slot, refusal.state, amountNano, seesAll);
    let open = true;
    const settle = (actualUsd: number) => {
      if (!open) return;
      open = false;
      memory.settle(slots, amountNano, toNano(actualUsd));
    };
    return { settle, release: () => settle(0) };
  }

  function sharedReservation(
    store: RedisBudgetStore,
    slots: BudgetSlot[],
    amountNano: number,
    id: string,
  ): BudgetReservation {
    let open = true;
    const settle = (actualUsd: number) => {
      if (!open) return;
      open = false;
      track(
        store.settle(slots, amountNano, toNano(actualUsd), id).catch((error: unknown) => {
          logger?.error(
            { err: error, actualUsd },
            "budget store: cannot settle in Redis; the hold lapses on its own",
          );
        }),
      );
    };
    return { settle, release: () => settle(0) };
  }

  function fallBack(error: unknown): void {
    if (fallbackWarned) return;
    fallbackWarned = true;
    logger?.warn(
      { err: error },
      "budget store: Redis unavailable, enforcing budgets with this instance's counters",
    );
  }

  async function reserveShared(
    store: RedisBudgetStore,
    slots: BudgetSlot[],
    amountNano: number,
    seesAll: boolean,
  ): Promise<BudgetReservation> {
    const id = nodeCrypto().randomUUID();
    let refusal: Awaited<ReturnType<RedisBudgetStore["reserve"]>>;
    try {
      refusal = await store.reserve(slots, amountNano, id);
    } catch (error) {
      fallBack(error);
      return localReservation(slots, amountNano, seesAll);
    }
    fallbackWarned = false;
    if (refusal) throw budgetExceeded(refusal.slot, refusal.state, amountNano, seesAll);
    return sharedReservation(store, slots, amountNano, id);
  }

  function reserve(
    caller: CallerContext,
    worstCaseUsd: number,
  ): BudgetReservation | Promise<BudgetReservation> {
    const slots = slotsFor(config, caller.key, now());
    if (slots.length === 0) return FREE;
    // Round the quote up: a reservation never holds less than the call may cost.
    const amountNano = Math.max(0, Math.ceil(worstCaseUsd * 1e9 - 1e-6));
    // What a refusal may say of the global budget's spend depends on who asks.
    const seesAll = seesAllTenants(caller);
    const seeding = unseeded(slots);
    if (seeding) return seeding.then(() => reserveSeeded(slots, amountNano, seesAll));
    return reserveSeeded(slots, amountNano, seesAll);
  }

  function reserveSeeded(
    slots: BudgetSlot[],
    amountNano: number,
    seesAll: boolean,
  ): BudgetReservation | Promise<BudgetReservation> {
    if (!redis) return localReservation(slots, amountNano, seesAll);
    if (!redis.isReady) {
      fallBack(new Error("not connected"));
      return localReservation(slots, amountNano, seesAll);
    }
    return reserveShared(redis, slots, amountNano, seesAll);
  }

  async function status(caller?: Pick<CallerContext, "key">): Promise<BudgetStatus> {
    const slots = caller ? slotsFor(config, caller.key, now()) : allSlots(config, now());
    await unseeded(slots);
    let states: SlotState[];
    let shared = false;
    try {
      states = redis?.isReady ? await redis.read(slots) : memory.read(slots);
      shared = redis?.isReady ?? false;
    } catch {
      states = memory.read(slots);
    }
    return { shared, budgets: slots.map((slot, index) => budgetLine(slot, states[index])) };
  }

  return {
    reserve,
    status,
    async ready() {
      await Promise.all([redis?.ready(), unseeded(allSlots(config, now()))]);
    },
    async close() {
      await Promise.all(pending);
      await redis?.close();
    },
  };
}
