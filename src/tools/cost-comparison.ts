import { roundUsd } from "../usage/round-usd.js";

/** What estimate_cost compares of a priced row (chat or embedding). */
export interface PricedRow {
  model: string;
  provider: string;
  deployment: string;
  cost_per_request_usd: number;
  cost_total_usd: number;
}

/** The deployments on `provider` (all of them when none is pinned). */
export function onProvider<D extends { provider: string }>(
  deployments: readonly D[],
  provider?: string,
): D[] {
  return deployments.filter((deployment) => !provider || deployment.provider === provider);
}

function pct(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 100 : 0;
}

/** Rows cheapest first; equal costs in deployment order. Sorts in place. */
export function cheapestFirst<R extends PricedRow>(rows: R[]): R[] {
  return rows.sort(
    (a, b) => a.cost_per_request_usd - b.cost_per_request_usd || a.deployment.localeCompare(b.deployment),
  );
}

/**
 * estimate_cost's comparison of sorted rows: the cheapest and priciest, the saving between them,
 * and the saving versus a baseline model's cheapest row (`baselineRows`: its deployments' rows).
 */
export function compareCosts<R extends PricedRow>(rows: readonly R[], baselineRows: R[] | undefined) {
  const cheapest = rows[0] ?? null;
  const mostExpensive = rows.at(-1) ?? null;
  const saving =
    cheapest && mostExpensive ? roundUsd(mostExpensive.cost_total_usd - cheapest.cost_total_usd) : 0;
  let baseline = null;
  const base = baselineRows?.sort((a, b) => a.cost_per_request_usd - b.cost_per_request_usd)[0];
  if (base) {
    const baselineSaving = cheapest ? roundUsd(base.cost_total_usd - cheapest.cost_total_usd) : 0;
    baseline = {
      model: base.model,
      provider: base.provider,
      cost_total_usd: base.cost_total_usd,
      saving_usd: baselineSaving,
      saving_pct: pct(baselineSaving, base.cost_total_usd),
    };
  }
  return {
    cheapest,
    most_expensive: mostExpensive,
    saving_vs_most_expensive_usd: saving,
    saving_vs_most_expensive_pct: mostExpensive ? pct(saving, mostExpensive.cost_total_usd) : 0,
    baseline,
  };
}
