import { runOffThread } from "../workers/offload.js";
import { assertSchemaWithinLimits } from "./schema-limits.js";
import { checkAgainstSchema, compiledSchema, type JsonCheck } from "./schema-validation.js";

export type { JsonCheck } from "./schema-validation.js";

/**
 * Objects and arrays a schema may have and still compile on the request thread: compiling costs
 * 0.3-1 ms per property here, so past this it runs on the worker thread (src/workers/offload.ts).
 */
const INLINE_SCHEMA_NODES = 24;

/** A caller's compiled JSON Schema, and where checks against it run. */
export interface SchemaValidator {
  readonly schemaJson: string;
  /** Large schemas, and any with `uniqueItems` (its check is quadratic in the answer). */
  readonly offThread: boolean;
}

/**
 * Compiles (once) a caller's JSON Schema; a schema that does not compile, or is over the limits
 * of schema-limits.ts, is an input error (INVALID_INPUT naming json_schema).
 */
export async function compileSchema(schema: Record<string, unknown>): Promise<SchemaValidator> {
  const { nodes, uniqueItems } = assertSchemaWithinLimits(schema);
  const schemaJson = JSON.stringify(schema);
  const offThread = nodes > INLINE_SCHEMA_NODES || uniqueItems;
  if (offThread) await runOffThread("compileSchema", schemaJson);
  else await compiledSchema(schemaJson);
  return { schemaJson, offThread };
}

/** Parses a model's answer as JSON and validates it, with readable errors to re-ask with. */
export function checkJson(text: string, validator: SchemaValidator): Promise<JsonCheck> {
  return validator.offThread
    ? runOffThread("checkJson", { schemaJson: validator.schemaJson, text })
    : checkAgainstSchema(validator.schemaJson, text);
}

/** The follow-up message that asks a model to fix its JSON. */
export function repairPrompt(errors: string[]): string {
  return `Your previous answer did not match the required JSON Schema:\n- ${errors.join("\n- ")}\nReply again with only the corrected JSON, no prose.`;
}
