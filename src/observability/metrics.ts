import {
  Counter,
  type CounterConfiguration,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type LabelValues,
  Registry,
} from "prom-client";
import type { UsageRecord } from "../core/hooks.js";
import type { BreakerState } from "../router/circuit-breaker.js";
import type { HealthSnapshot } from "../router/health-tracker.js";

export interface Metrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** Counts one finished request (success, cache hit, block or failure). Never throws. */
  observe(record: UsageRecord): void;
  /** The Prometheus text exposition, with breaker states read from `health` at scrape time. */
  render(health?: Record<string, HealthSnapshot>): Promise<string>;
}

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

// Latency of LLM calls spans cache hits (ms) to long generations (a minute).
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120];

/** Labels stay bounded: the served model (from the catalog), never the caller's free-form one. */
function labelsOf(record: UsageRecord) {
  return {
    model: record.model ?? "none",
    provider: record.provider ?? "none",
    cache: record.cache,
  };
}

/** One label set's running sum in a ScrapeTimeCounter. */
interface Sum {
  value: number;
}

/** A counter whose sums are kept here and handed to prom-client only when /metrics is scraped. */
interface ScrapeTimeCounter<Label extends string> {
  /**
   * Adds `value` (a finite number above 0; anything else is not counted) to the labels' sum, and
   * returns that sum (undefined while nothing was counted): adding to it directly skips the lookup.
   */
  add(labels: Record<Label, string>, value: number): Sum | undefined;
}

const counts = (value: number) => value > 0 && Number.isFinite(value);

/**
 * prom-client validates and hashes the labels on every `inc` (about 2,500 instructions, five times
 * per request); here a request adds to a sum found by its label values joined, and the scrape
 * writes each sum into the prom-client counter. Sums are added in the same order, so the totals
 * are the same numbers `inc` would have kept.
 */
function scrapeTimeCounter<Label extends string>(
  config: CounterConfiguration<Label> & { labelNames: readonly Label[] },
): ScrapeTimeCounter<Label> {
  const sums = new Map<string, { labels: LabelValues<Label>; value: number }>();
  new Counter({
    ...config,
    collect() {
      this.reset();
      for (const { labels, value } of sums.values()) this.inc(labels, value);
    },
  });
  return {
    add(labels, value) {
      if (!counts(value)) return undefined;
      let key = "";
      for (const name of config.labelNames) key += `${labels[name]}\u0000`;
      let sum = sums.get(key);
      if (sum) sum.value += value;
      else {
        sum = { labels: { ...labels }, value };
        sums.set(key, sum);
      }
      return sum;
    },
  };
}

/**
 * One prom-client registry per call (not the global default), so each server instance and
 * each test owns its metrics.
 */
export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  const requests = scrapeTimeCounter({
    name: "modelmux_requests_total",
    help: "Finished requests by served model, provider, outcome (ok or error code) and cache status",
    labelNames: ["model", "provider", "outcome", "cache"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "modelmux_request_duration_seconds",
    help: "End-to-end request latency, including failover and retries",
    labelNames: ["model", "provider", "cache"] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const tokens = scrapeTimeCounter({
    name: "modelmux_tokens_total",
    help: "Tokens exchanged with providers (cache hits excluded): input (cached included), output, cached input",
    labelNames: ["direction", "model", "provider"] as const,
    registers: [registry],
  });
  const cost = scrapeTimeCounter({
    name: "modelmux_cost_usd_total",
    help: "Spend in USD",
    labelNames: ["model", "provider"] as const,
    registers: [registry],
  });
  const saved = scrapeTimeCounter({
    name: "modelmux_cache_saved_usd_total",
    help: "USD that cache hits avoided spending",
    labelNames: ["model", "provider"] as const,
    registers: [registry],
  });
  const breaker = new Gauge({
    name: "modelmux_breaker_state",
    help: "Circuit breaker per deployment: 0 closed, 1 half-open, 2 open",
    labelNames: ["deployment"] as const,
    registers: [registry],
  });
  const uptime = new Gauge({
    name: "modelmux_deployment_uptime_ratio",
    help: "Share of successful calls in the deployment's rolling health window",
    labelNames: ["deployment"] as const,
    registers: [registry],
  });

  /**
   * A request's label values and the sums they add to, found with one lookup per request rather
   * than one per counter. A sum is filled in when its first value is counted (as `add` makes it).
   */
  interface Slot {
    labels: { model: string; provider: string; cache: string };
    requests?: Sum;
    input?: Sum;
    output?: Sum;
    cached?: Sum;
    cost?: Sum;
    saved?: Sum;
  }
  const slots = new Map<string, Slot>();
  const more = (sum: Sum, value: number) => {
    if (counts(value)) sum.value += value;
  };

  function observe(record: UsageRecord): void {
    try {
      const { model, provider, cache } = labelsOf(record);
      const outcome = record.errorClass ?? "ok";
      const key = `${model}\u0000${provider}\u0000${cache}\u0000${outcome}`;
      let slot = slots.get(key);
      if (!slot) {
        slot = { labels: { model, provider, cache } };
        slots.set(key, slot);
      }
      if (slot.requests) more(slot.requests, 1);
      else slot.requests = requests.add({ model, provider, cache, outcome }, 1);
      duration.observe(slot.labels, Math.max(0, record.latencyMs) / 1000);
      // A cache hit's tokens never went upstream; its saving is counted below instead.
      if (cache !== "hit") {
        const { tokensIn, tokensOut, tokensCached } = record;
        if (slot.input) more(slot.input, tokensIn);
        else slot.input = tokens.add({ direction: "input", model, provider }, tokensIn);
        if (slot.output) more(slot.output, tokensOut);
        else slot.output = tokens.add({ direction: "output", model, provider }, tokensOut);
        if (slot.cached) more(slot.cached, tokensCached);
        else slot.cached = tokens.add({ direction: "cached", model, provider }, tokensCached);
      }
      if (slot.cost) more(slot.cost, record.costUsd);
      else slot.cost = cost.add({ model, provider }, record.costUsd);
      if (slot.saved) more(slot.saved, record.savedByCacheUsd);
      else slot.saved = saved.add({ model, provider }, record.savedByCacheUsd);
    } catch {
      // Metrics must never fail a request; a bad record is simply not counted.
    }
  }

  async function render(health: Record<string, HealthSnapshot> = {}): Promise<string> {
    breaker.reset();
    uptime.reset();
    for (const [deployment, snapshot] of Object.entries(health)) {
      breaker.set({ deployment }, BREAKER_VALUE[snapshot.breaker]);
      if (snapshot.uptime !== null) uptime.set({ deployment }, snapshot.uptime);
    }
    return registry.metrics();
  }

  return { registry, contentType: registry.contentType, observe, render };
}
