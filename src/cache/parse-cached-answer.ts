import type { CachedAnswer } from "../core/hooks.js";

const STRING_FIELDS = ["text", "model", "provider", "deployment", "finishReason"] as const;
const NUMBER_FIELDS = ["costUsd", "createdAt"] as const;

function isUsage(value: unknown): value is CachedAnswer["usage"] {
  if (typeof value !== "object" || value === null) return false;
  const usage = value as Record<string, unknown>;
  return (
    typeof usage.input === "number" && typeof usage.output === "number" && typeof usage.cached === "number"
  );
}

/** The stored value when it has the shape of a CachedAnswer; undefined for a corrupt or foreign entry. */
export function parseCachedAnswer(value: unknown): CachedAnswer | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const field of STRING_FIELDS) if (typeof record[field] !== "string") return undefined;
  for (const field of NUMBER_FIELDS) if (typeof record[field] !== "number") return undefined;
  if (!isUsage(record.usage)) return undefined;
  return record as unknown as CachedAnswer;
}
