/** Budget periods are UTC calendar days and months. */
export type BudgetPeriod = "day" | "month";

export interface PeriodSpan {
  period: BudgetPeriod;
  /** `2025-06-01` for a day, `2025-06` for a month. */
  id: string;
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive: when the budget resets. */
  end: number;
}

/** The UTC day or month containing `time`. */
export function periodAt(period: BudgetPeriod, time: number): PeriodSpan {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (period === "month") {
    const start = Date.UTC(year, month, 1);
    return {
      period,
      id: new Date(start).toISOString().slice(0, 7),
      start,
      end: Date.UTC(year, month + 1, 1),
    };
  }
  const start = Date.UTC(year, month, date.getUTCDate());
  return { period, id: new Date(start).toISOString().slice(0, 10), start, end: start + 86_400_000 };
}
