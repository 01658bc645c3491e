import type { BudgetPeriod } from "./budget-periods.js";
import { type BudgetSlot, fromNano } from "./budget-slots.js";
import type { SlotState } from "./memory-budget-store.js";
import { roundUsd } from "./round-usd.js";

/** One budget's state, as `modelmux://budget` and the dashboard show it. */
export interface BudgetLine {
  scope: "global" | "key";
  key: string | null;
  period: BudgetPeriod;
  /** `2025-06-01` or `2025-06` (UTC). */
  period_id: string;
  resets_at: string;
  limit_usd: number;
  spent_usd: number;
  reserved_usd: number;
  remaining_usd: number;
}

export interface BudgetStatus {
  /** True when the counters live in Redis and every instance shares them. */
  shared: boolean;
  budgets: BudgetLine[];
}

/** A slot and its counters as a BudgetLine (USD, rounded). */
export function budgetLine(
  slot: BudgetSlot,
  state: SlotState = { spentNano: 0, reservedNano: 0 },
): BudgetLine {
  return {
    scope: slot.scope,
    key: slot.key ?? null,
    period: slot.span.period,
    period_id: slot.span.id,
    resets_at: new Date(slot.span.end).toISOString(),
    limit_usd: fromNano(slot.limitNano),
    spent_usd: roundUsd(fromNano(state.spentNano)),
    reserved_usd: roundUsd(fromNano(state.reservedNano)),
    remaining_usd: roundUsd(Math.max(0, fromNano(slot.limitNano - state.spentNano - state.reservedNano))),
  };
}
