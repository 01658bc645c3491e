import { ModelmuxError } from "../errors.js";

/**
 * Limits on a caller's JSON Schema, checked before anything recurses into it: a schema nested
 * 5,000 deep overflowed the stack (a 500), and compiling is synchronous work that grows with the
 * schema's size (0.3-1 ms per property on this machine): a large schema compiles on the worker
 * thread (json-output.ts), and the node cap bounds that thread's work.
 */
export const MAX_SCHEMA_DEPTH = 32;
export const MAX_SCHEMA_NODES = 200;
export const MAX_SCHEMA_CHARS = 100_000;

function tooBig(message: string): ModelmuxError {
  return new ModelmuxError("INVALID_INPUT", `json_schema: ${message}`, { param: "json_schema" });
}

export interface SchemaSize {
  /** Objects and arrays in the schema. */
  nodes: number;
  /** Whether a `uniqueItems: true` appears: checking it is quadratic in the answer's array. */
  uniqueItems: boolean;
}

/** Walks the schema without recursion and throws INVALID_INPUT when it is over a limit. */
export function assertSchemaWithinLimits(schema: unknown): SchemaSize {
  const stack: [unknown, number][] = [[schema, 1]];
  let nodes = 0;
  let chars = 0;
  let uniqueItems = false;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value === "string") chars += value.length;
    if (typeof value !== "object" || value === null) continue;
    if (depth > MAX_SCHEMA_DEPTH)
      throw tooBig(`nested deeper than ${MAX_SCHEMA_DEPTH} levels; flatten it or use $ref to a definition`);
    if (++nodes > MAX_SCHEMA_NODES)
      throw tooBig(`more than ${MAX_SCHEMA_NODES} objects and arrays; send a smaller schema`);
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, child] of entries) {
      if (typeof key === "string") chars += key.length;
      if (key === "uniqueItems" && child === true) uniqueItems = true;
      stack.push([child, depth + 1]);
    }
    if (chars > MAX_SCHEMA_CHARS) throw tooBig(`over ${MAX_SCHEMA_CHARS} characters of names and strings`);
  }
  return { nodes, uniqueItems };
}
