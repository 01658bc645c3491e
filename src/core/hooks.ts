import type { Usage } from "../catalog/types.js";
import type { AnswerChoice, ChatMessage, FinishReason } from "../chat/types.js";
import type { Attempt, CacheStatus, CallerContext } from "./route-types.js";

/**
 * The seams where cache, budgets and the ledger plug into the orchestrator. Each has a
 * no-op default so the core runs (and is tested) without them.
 */

/** What the cache stores for one answer: every choice field, so a hit replays it exactly. */
export interface CachedAnswer extends Omit<AnswerChoice, "finishReason"> {
  /** A chat answer's finish reason, or `embedding` for a stored vector (see embed-cache). */
  finishReason: FinishReason | "embedding";
  choices?: AnswerChoice[];
  systemFingerprint?: string;
  droppedParams?: string[];
  json?: unknown;
  model: string;
  provider: string;
  deployment: string;
  usage: Usage;
  /** What the original call cost: the saving a hit represents. */
  costUsd: number;
  createdAt: number;
}

/** The parts of a request that change its answer; the cache hashes these (canonically). */
export interface CacheKeyInput {
  /** Resolved model reference, or the auto-routing inputs. */
  route: Record<string, unknown>;
  /** Chat messages; the embeddings door keys its inputs as `{ role: "input", content }`. */
  messages: readonly (Omit<ChatMessage, "role"> & { role: ChatMessage["role"] | "input" })[];
  params: Record<string, unknown>;
  jsonSchema?: Record<string, unknown>;
  /** Tenant namespace (virtual key / team): tenants never see each other's entries. */
  namespace: string;
}

export interface ResponseCache {
  key(input: CacheKeyInput): string;
  /** Never throws: a failing store degrades to a miss (and warns once per incident). */
  get(key: string): Promise<CachedAnswer | undefined>;
  /** Never throws and never delays the answer by more than the store's own latency. */
  set(key: string, answer: CachedAnswer, ttlSeconds: number): Promise<void>;
  /** Concurrent callers with the same key share one run of `work`. */
  singleFlight<T>(key: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** False when the store could not be opened and the cache runs as off (answers say `off`). */
  enabled?(): Promise<boolean>;
}

/** One ledger row per request: hits, blocks and failures included. */
export interface UsageRecord {
  /** Unique per request; the ledger assigns one when absent. A record is stored once per id. */
  requestId?: string;
  time: number;
  key: string;
  tool: string;
  sessionId?: string;
  requestedModel: string;
  model: string | null;
  provider: string | null;
  tokensIn: number;
  tokensOut: number;
  tokensCached: number;
  costUsd: number;
  /** What this request would have cost on the requested/baseline model (for the savings story). */
  baselineCostUsd: number | null;
  /** Cost a cache hit avoided (the original call's cost). */
  savedByCacheUsd: number;
  latencyMs: number;
  attempts: number;
  cache: CacheStatus;
  guardrailAction: string;
  /** Error code for failures (`PROVIDER_CALL_FAILED`, `BUDGET_EXCEEDED`, …); null on success. */
  errorClass: string | null;
  attemptLog?: Attempt[];
}

export interface UsageLedger {
  /** Must not block the request: buffer and write in the background, losing nothing. */
  record(record: UsageRecord): void;
}

export interface BudgetReservation {
  settle(actualUsd: number): void;
  release(): void;
}

export interface BudgetGate {
  /**
   * Reserves the worst case before going upstream; throws BUDGET_EXCEEDED (with the quote) when it
   * does not fit. A promise when the counters are shared between instances (Redis): always await it.
   */
  reserve(caller: CallerContext, worstCaseUsd: number): BudgetReservation | Promise<BudgetReservation>;
}

export const NO_BUDGET: BudgetGate = { reserve: () => ({ settle() {}, release() {} }) };
export const NO_LEDGER: UsageLedger = { record() {} };
