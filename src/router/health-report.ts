import type { Catalog } from "../catalog/catalog.js";
import type { Config } from "../config/schema.js";
import type { HealthTracker } from "./health-tracker.js";
import { resolveWeights } from "./presets.js";
import { scoreCandidates } from "./scorer.js";

export interface DeploymentHealthRow {
  deployment: string;
  model: string;
  provider: string;
  enabled: boolean;
  uptime: number | null;
  latency_ms: number | null;
  ttft_ms: number | null;
  throughput_tps: number | null;
  requests: number;
  failures: number;
  breaker: "closed" | "open" | "half_open";
  available: boolean;
  unavailable_reason?: string;
  score: number;
}

export interface HealthReportDeps {
  catalog: Catalog;
  health: HealthTracker;
  config: Config;
}

const round = (value: number | null, places = 0) =>
  value === null ? null : Math.round(value * 10 ** places) / 10 ** places;

/** Health of every deployment (filtered), with its current score among the model's deployments. */
export function healthReport(
  deps: HealthReportDeps,
  filter: {
    model?: string;
    provider?: string;
    includeDisabled?: boolean;
    /** Deployments the caller may see (core/access-policy.ts `seesDeployment`); all when absent. */
    visible?: (deployment: string) => boolean;
  } = {},
): DeploymentHealthRow[] {
  const weights = resolveWeights(deps.config.routing.preset, deps.config.routing.weights);
  const rows: DeploymentHealthRow[] = [];
  for (const model of deps.catalog.models) {
    if (filter.model && model.id !== filter.model) continue;
    const deployments = model.deployments.filter(
      (deployment) =>
        (!filter.provider || deployment.provider === filter.provider) &&
        (!filter.visible || filter.visible(deployment.id)) &&
        (filter.includeDisabled || deps.catalog.getProvider(deployment.provider)?.enabled),
    );
    const scored = scoreCandidates(deployments, {
      health: deps.health,
      weights,
      tierOf: (id) => deps.catalog.getModel(id)?.tier,
    });
    for (const candidate of scored) {
      const { deployment } = candidate;
      const snapshot = deps.health.snapshot(deployment.id);
      rows.push({
        deployment: deployment.id,
        model: deployment.model,
        provider: deployment.provider,
        enabled: deps.catalog.getProvider(deployment.provider)?.enabled ?? false,
        uptime: snapshot.uptime,
        latency_ms: round(snapshot.latencyMs),
        ttft_ms: round(snapshot.ttftMs),
        throughput_tps: round(snapshot.throughputTps, 1),
        requests: snapshot.requests,
        failures: snapshot.failures,
        breaker: snapshot.breaker,
        available: snapshot.available,
        ...(snapshot.unavailableReason && { unavailable_reason: snapshot.unavailableReason }),
        score: Math.round(candidate.score * 1000) / 1000,
      });
    }
  }
  return rows;
}
