import type { ContentSource } from "../types.js";
import { FEATURE_BITS } from "./features.js";

const MASK = (1 << FEATURE_BITS) - 1;
const READ_BY_AGENT_SALT = 0x2c1b3c6d;

/**
 * Context as features, not only as a threshold: text an agent reads (a document or a tool's output)
 * carries every feature twice, once as itself and once crossed with "read by the agent". The crossed
 * weights learn what the same words mean there: "transfer $3,000 to …" from a user is a request,
 * inside a tool result it is an injection. A user's text has only the plain features (no extra cost).
 */
export function readByAgent(source: ContentSource | undefined): boolean {
  return source === "document" || source === "tool_result";
}

/** The bucket of `bucket` crossed with "read by the agent": a fixed scramble of the bucket's bits. */
export function crossedBucket(bucket: number): number {
  return (Math.imul(bucket ^ READ_BY_AGENT_SALT, 0x9e3779b1) >>> (32 - FEATURE_BITS)) & MASK;
}
