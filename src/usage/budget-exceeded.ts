import { ModelmuxError } from "../errors.js";
import { type BudgetSlot, fromNano } from "./budget-slots.js";
import type { SlotState } from "./memory-budget-store.js";

/** `$0.0123`: enough decimals for sub-cent quotes, no float noise. */
export function formatUsd(usd: number): string {
  const text = usd
    .toFixed(usd !== 0 && Math.abs(usd) < 0.01 ? 8 : 4)
    .replace(/0+$/, "")
    .replace(/\.$/, "");
  return `$${text}`;
}

export function budgetName(slot: BudgetSlot): string {
  const owner = slot.scope === "key" ? `key "${slot.key}"` : "global";
  return `${owner} ${slot.span.period === "day" ? "daily" : "monthly"} budget`;
}

/**
 * BUDGET_EXCEEDED naming the budget, its limit, what is spent and held, and this call's quote.
 * The global budget's spend is every tenant's spend: only a caller that sees all tenants (the
 * operator, see core/access-policy.ts) is told it; a tenant's key learns the limit, its quote and
 * the reset time.
 */
export function budgetExceeded(
  slot: BudgetSlot,
  state: SlotState,
  quoteNano: number,
  seesAllTenants: boolean,
): ModelmuxError {
  const limit = fromNano(slot.limitNano);
  const spent = fromNano(state.spentNano);
  const reserved = fromNano(state.reservedNano);
  const quote = fromNano(quoteNano);
  const resetsAt = new Date(slot.span.end).toISOString();
  const showsSpend = slot.scope === "key" || seesAllTenants;
  const spend = showsSpend
    ? `spent ${formatUsd(spent)}, reserved ${formatUsd(reserved)} by calls in flight, `
    : "with what every key has spent and holds in flight, ";
  return new ModelmuxError(
    "BUDGET_EXCEEDED",
    `${budgetName(slot)} exceeded: limit ${formatUsd(limit)} for ${slot.span.id}, ${spend}` +
      `this call needs up to ${formatUsd(quote)}; resets ${resetsAt}`,
    {
      budget: slot.scope,
      ...(slot.key !== undefined && { key: slot.key }),
      period: slot.span.period,
      period_id: slot.span.id,
      limit_usd: limit,
      ...(showsSpend && { spent_usd: spent, reserved_usd: reserved }),
      quote_usd: quote,
      resets_at: resetsAt,
    },
  );
}
