import type { Deployment, Tier } from "../catalog/types.js";
import type { HealthSnapshot, UnavailableReason } from "./health-tracker.js";
import type { RoutingWeights } from "./presets.js";

/** Each component is 0..1, higher is better. */
export interface ScoreComponents {
  uptime: number;
  throughput: number;
  price: number;
  latency: number;
  tier: number;
}

export interface ScoredCandidate {
  deployment: Deployment;
  score: number;
  components: ScoreComponents;
  available: boolean;
  unavailableReason?: UnavailableReason;
}

/** What the scorer reads from the health tracker. */
export interface HealthSource {
  now(): number;
  peek(id: string, at?: number): Readonly<HealthSnapshot>;
}

export interface ScoreContext {
  health: HealthSource;
  /** Normalised weights (see resolveWeights). */
  weights: Readonly<RoutingWeights>;
  tierOf?: ((model: string) => Tier | undefined) | undefined;
  /** Weights the price by the expected tokens; otherwise a 3:1 input:output blend. */
  expectedTokens?: { input: number; output: number } | undefined;
  /** Streaming callers feel time to first token rather than total latency. */
  streaming?: boolean | undefined;
}

/** Prior uptime of a deployment we know nothing about, and how many outcomes it is worth. */
export const UPTIME_PRIOR = 0.9;
const UPTIME_PRIOR_WEIGHT = 2;
/**
 * Uptime at or below which the uptime score is 0. Raw uptimes crowd near 1 (0.95 vs 0.99 would
 * differ by 0.04 while failing 5× as often), so the score spans 0.8..1 instead; the prior lands
 * on a neutral 0.5.
 */
const UPTIME_FLOOR = 0.8;
/** Neutral score for unmeasured latency, throughput or tier: neither favoured nor buried. */
export const NEUTRAL_SCORE = 0.5;
/** USD per 1M tokens added to prices so a free local model does not zero every other score. */
const PRICE_EPSILON = 0.01;
const TIER_RANK: Readonly<Record<Tier, number>> = { small: 1, medium: 2, flagship: 3 };

/**
 * Scores candidates, best first, available ones before unavailable ones. Price, latency,
 * throughput and tier are scored relative to the best candidate (best / value), which unlike
 * min-max keeps a 1 ms difference between two deployments from becoming a 0-vs-1 swing.
 * Uptime is absolute (see UPTIME_FLOOR), smoothed towards the prior while a deployment has few
 * outcomes.
 */
export function scoreCandidates(candidates: readonly Deployment[], context: ScoreContext): ScoredCandidate[] {
  const { health, weights, tierOf, expectedTokens, streaming } = context;
  const scored: ScoredCandidate[] = new Array(candidates.length);
  let minPrice = Number.POSITIVE_INFINITY;
  let minLatency = Number.POSITIVE_INFINITY;
  let maxThroughput = 0;
  let maxTier = 0;
  const at = health.now(); // one clock read per decision, not one per candidate

  // Pass 1: raw values, parked in the components they will become.
  for (let index = 0; index < candidates.length; index++) {
    const deployment = candidates[index] as Deployment;
    const snapshot = health.peek(deployment.id, at);
    const { price } = deployment;
    const blendedPrice = expectedTokens
      ? (price.input * expectedTokens.input + price.output * expectedTokens.output) / 1_000_000
      : (price.input * 3 + price.output) / 4;
    const latency = streaming ? snapshot.ttftMs : snapshot.latencyMs;
    const throughput = snapshot.throughputTps;
    const tier = tierOf?.(deployment.model);
    const tierRank = tier === undefined ? 0 : TIER_RANK[tier];
    const successes = snapshot.uptime === null ? 0 : snapshot.uptime * snapshot.samples;
    if (blendedPrice < minPrice) minPrice = blendedPrice;
    if (latency !== null && latency < minLatency) minLatency = latency;
    if (throughput !== null && throughput > maxThroughput) maxThroughput = throughput;
    if (tierRank > maxTier) maxTier = tierRank;
    scored[index] = {
      deployment,
      score: 0,
      components: {
        uptime: uptimeScore(
          (successes + UPTIME_PRIOR * UPTIME_PRIOR_WEIGHT) / (snapshot.samples + UPTIME_PRIOR_WEIGHT),
        ),
        throughput: throughput ?? -1,
        price: blendedPrice,
        latency: latency ?? -1,
        tier: tierRank,
      },
      available: snapshot.available,
      unavailableReason: snapshot.unavailableReason,
    };
  }

  // Pass 2: relative to the best, then the weighted sum.
  const priceUnit = expectedTokens ? PRICE_EPSILON / 1_000 : PRICE_EPSILON;
  const latencyFloor = Math.max(minLatency, 1);
  for (const candidate of scored) {
    const components = candidate.components;
    components.price = (minPrice + priceUnit) / (components.price + priceUnit);
    components.latency =
      components.latency < 0 ? NEUTRAL_SCORE : latencyFloor / Math.max(components.latency, 1);
    components.throughput =
      components.throughput < 0 || maxThroughput === 0
        ? NEUTRAL_SCORE
        : components.throughput / maxThroughput;
    components.tier = components.tier === 0 ? NEUTRAL_SCORE : components.tier / maxTier;
    candidate.score =
      weights.uptime * components.uptime +
      weights.throughput * components.throughput +
      weights.price * components.price +
      weights.latency * components.latency +
      weights.tier * components.tier;
  }

  // Stable sort: equal scores keep the caller's order (e.g. the catalog's preference).
  return scored.sort(compareCandidates);
}

function uptimeScore(uptime: number): number {
  return uptime <= UPTIME_FLOOR ? 0 : (uptime - UPTIME_FLOOR) / (1 - UPTIME_FLOOR);
}

function compareCandidates(first: ScoredCandidate, second: ScoredCandidate): number {
  if (first.available !== second.available) return first.available ? -1 : 1;
  return second.score - first.score;
}
