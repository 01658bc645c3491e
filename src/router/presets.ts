import { ModelmuxError } from "../errors.js";

/** How much each component counts in a deployment's score; normalised to sum to 1. */
export interface RoutingWeights {
  uptime: number;
  throughput: number;
  price: number;
  latency: number;
  /** Model tier (small < medium < flagship); only the `quality` preset uses it by default. */
  tier: number;
}

export type RoutingPreset = "balanced" | "cheapest" | "fastest" | "quality";
export const ROUTING_PRESET_NAMES: readonly RoutingPreset[] = ["balanced", "cheapest", "fastest", "quality"];

// Every preset keeps a real uptime weight: the cheapest or fastest deployment is no use if it fails.
export const ROUTING_PRESETS: Readonly<Record<RoutingPreset, Readonly<RoutingWeights>>> = {
  balanced: { uptime: 0.5, throughput: 0.2, price: 0.2, latency: 0.1, tier: 0 },
  cheapest: { uptime: 0.3, throughput: 0.05, price: 0.6, latency: 0.05, tier: 0 },
  fastest: { uptime: 0.3, throughput: 0.3, price: 0.05, latency: 0.35, tier: 0 },
  quality: { uptime: 0.3, throughput: 0.05, price: 0.05, latency: 0.05, tier: 0.55 },
};

const KEYS = ["uptime", "throughput", "price", "latency", "tier"] as const;

/** A preset with optional overrides, scaled so the weights sum to 1 (scores stay in 0..1). */
export function resolveWeights(
  preset: RoutingPreset = "balanced",
  overrides?: Partial<RoutingWeights>,
): RoutingWeights {
  const merged: RoutingWeights = { ...ROUTING_PRESETS[preset], ...overrides };
  let total = 0;
  for (const key of KEYS) {
    const weight = merged[key];
    if (!Number.isFinite(weight) || weight < 0) {
      throw new ModelmuxError(
        "INVALID_CONFIG",
        `routing weight "${key}" must be a number ≥ 0, got ${weight}`,
      );
    }
    total += weight;
  }
  if (total === 0) throw new ModelmuxError("INVALID_CONFIG", "routing weights must not all be 0");
  if (Math.abs(total - 1) > 1e-9) for (const key of KEYS) merged[key] /= total;
  return merged;
}
