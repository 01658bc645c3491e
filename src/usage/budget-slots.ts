import type { Config } from "../config/schema.js";
import { type BudgetPeriod, type PeriodSpan, periodAt } from "./budget-periods.js";

/** One budget in one period: e.g. team-a's June 2025 monthly budget. Money in nano-USD (integers, no float drift). */
export interface BudgetSlot {
  /** `global:day:2025-06-01`, `key:team-a:month:2025-06`. */
  id: string;
  scope: "global" | "key";
  /** The virtual key's name for `key` budgets. */
  key?: string;
  span: PeriodSpan;
  limitNano: number;
}

export const NANO = 1e9;

export function toNano(usd: number): number {
  return Math.round(usd * NANO);
}

export function fromNano(nano: number): number {
  return nano / NANO;
}

interface Limits {
  dailyUsd?: number;
  monthlyUsd?: number;
}

function slotsOf(
  scope: "global" | "key",
  key: string | undefined,
  limits: Limits | undefined,
  time: number,
): BudgetSlot[] {
  const slots: BudgetSlot[] = [];
  const add = (period: BudgetPeriod, limitUsd: number | undefined) => {
    if (limitUsd === undefined) return;
    const span = periodAt(period, time);
    const owner = scope === "key" ? `key:${key}` : "global";
    slots.push({
      id: `${owner}:${period}:${span.id}`,
      scope,
      ...(key !== undefined && { key }),
      span,
      limitNano: toNano(limitUsd),
    });
  };
  add("day", limits?.dailyUsd);
  add("month", limits?.monthlyUsd);
  return slots;
}

/** The budgets a caller's request counts against at `time`: global ones, then its key's. */
export function slotsFor(config: Pick<Config, "budgets" | "keys">, key: string, time: number): BudgetSlot[] {
  const entry = config.keys.find((candidate) => candidate.name === key);
  return [...slotsOf("global", undefined, config.budgets.global, time), ...slotsOf("key", key, entry, time)];
}

/** Every configured budget at `time` (for status without a caller). */
export function allSlots(config: Pick<Config, "budgets" | "keys">, time: number): BudgetSlot[] {
  return [
    ...slotsOf("global", undefined, config.budgets.global, time),
    ...config.keys.flatMap((entry) => slotsOf("key", entry.name, entry, time)),
  ];
}
