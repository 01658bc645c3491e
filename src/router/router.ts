import type { Deployment, Tier } from "../catalog/types.js";
import { ROUTING_PRESET_NAMES, type RoutingPreset, type RoutingWeights, resolveWeights } from "./presets.js";
import type { RandomSource } from "./random.js";
import { type HealthSource, type ScoredCandidate, scoreCandidates } from "./scorer.js";

export interface RouterOptions {
  health: HealthSource;
  /** Default preset for calls that name none. Default `balanced`. */
  preset?: RoutingPreset;
  /** Overrides of the default preset's weights (from config). */
  weights?: Partial<RoutingWeights>;
  /** Share of decisions that put a random healthy non-best candidate first. Default 0.01. */
  exploration?: number;
  random?: RandomSource;
  tierOf?: (model: string) => Tier | undefined;
}

export interface PickOptions {
  preset?: RoutingPreset;
  weights?: Partial<RoutingWeights>;
  expectedTokens?: { input: number; output: number };
  streaming?: boolean;
}

export interface RouteDecision {
  /** Best first: available candidates by score, then unavailable ones (with their reason). */
  ordered: ScoredCandidate[];
  /** True when exploration moved a random healthy candidate to the front. */
  explored: boolean;
  reason: string;
}

export interface Router {
  pick(candidates: readonly Deployment[], options?: PickOptions): RouteDecision;
}

const EXPLORED_REASON = "exploration: a random healthy deployment goes first so its health data stays fresh";
const CUSTOM_REASON = "highest score under the request's own weights";
const NONE_AVAILABLE_REASON = "no deployment available: all are cooling down (circuit open or Retry-After)";

/** Orders deployments by score; with a small probability explores a random healthy one instead. */
export function createRouter(options: RouterOptions): Router {
  const exploration = options.exploration ?? 0.01;
  if (!(exploration >= 0 && exploration <= 1)) throw new RangeError("exploration must be within 0..1");
  const random = options.random ?? Math.random;
  const defaultPreset = options.preset ?? "balanced";
  const defaultWeights = resolveWeights(defaultPreset, options.weights);
  // Resolved once: a decision must not rebuild weights or reasons.
  const presetPlans = new Map<RoutingPreset, { weights: RoutingWeights; reason: string }>();
  for (const preset of ROUTING_PRESET_NAMES) {
    presetPlans.set(preset, {
      weights: preset === defaultPreset ? defaultWeights : resolveWeights(preset),
      reason: `highest ${preset} score (uptime, throughput, price, latency, tier)`,
    });
  }

  return {
    pick(candidates, pickOptions = {}) {
      const preset = pickOptions.preset ?? defaultPreset;
      const plan = presetPlans.get(preset);
      if (!plan) throw new RangeError(`unknown routing preset "${preset}"`);
      const weights = pickOptions.weights ? resolveWeights(preset, pickOptions.weights) : plan.weights;
      const ordered = scoreCandidates(candidates, {
        health: options.health,
        weights,
        tierOf: options.tierOf,
        expectedTokens: pickOptions.expectedTokens,
        streaming: pickOptions.streaming,
      });
      if (ordered.length === 0) return { ordered, explored: false, reason: "no candidate deployments" };
      if (!ordered[0]?.available) return { ordered, explored: false, reason: NONE_AVAILABLE_REASON };

      let availableCount = 1;
      while (availableCount < ordered.length && ordered[availableCount]?.available) availableCount++;
      if (availableCount > 1 && exploration > 0 && random() < exploration) {
        const chosenIndex = 1 + Math.floor(random() * (availableCount - 1));
        const [chosen] = ordered.splice(chosenIndex, 1);
        if (chosen) ordered.unshift(chosen);
        return { ordered, explored: true, reason: EXPLORED_REASON };
      }
      return { ordered, explored: false, reason: pickOptions.weights ? CUSTOM_REASON : plan.reason };
    },
  };
}
