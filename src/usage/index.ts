export type { ManagedBudgetGate } from "./budget-gate.js";
export { createBudgetGate } from "./budget-gate.js";
export type { BudgetPeriod } from "./budget-periods.js";
export type { BudgetLine, BudgetStatus } from "./budget-status.js";
export type { CreateLedgerOptions, Ledger, LedgerOptions } from "./ledger.js";
export { createLedger, createSqliteLedger, LEDGER_FILE } from "./ledger.js";
export type { WindowInput } from "./parse-window.js";
export { DEFAULT_LAST, parseDuration, parseWindow } from "./parse-window.js";
export type {
  GroupBy,
  StoredUsageRecord,
  SummarizeOptions,
  UsageGroupRow,
  UsageRow,
  UsageSummary,
  UsageWindow,
} from "./usage-types.js";
export { GROUP_BY } from "./usage-types.js";
