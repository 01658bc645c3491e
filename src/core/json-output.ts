import type { Ajv, ValidateFunction } from "ajv";
import { errorMessage, ModelmuxError } from "../errors.js";
import { assertSchemaWithinLimits } from "./schema-limits.js";

// Ajv loads on the first request with a schema, not at start-up.
let ajv: Ajv | undefined;
// Compiling is the slow part of validation; agents reuse the same few schemas.
const compiled = new Map<string, ValidateFunction>();
/** Compiled schemas kept; past it both caches start over (Ajv keeps every schema it compiled). */
const MAX_COMPILED = 500;

/**
 * Compiles (once) a caller's JSON Schema; a schema that does not compile, or is over the limits
 * of schema-limits.ts, is an input error. Callers are isolated: with `addUsedSchema: false` no
 * `$id` is registered, so two callers may use the same `$id` and none can `$ref` another's schema.
 */
export async function compileSchema(schema: Record<string, unknown>): Promise<ValidateFunction> {
  assertSchemaWithinLimits(schema);
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    if (!ajv || compiled.size >= MAX_COMPILED) {
      const [{ Ajv }, { linearRegExp }] = await Promise.all([import("ajv"), import("./linear-regexp.js")]);
      ajv = new Ajv({ allErrors: true, strict: false, addUsedSchema: false, code: { regExp: linearRegExp } });
      compiled.clear();
    }
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      throw new ModelmuxError(
        "INVALID_INPUT",
        `json_schema: not a valid JSON Schema: ${errorMessage(error)}`,
        {
          param: "json_schema",
        },
      );
    }
    compiled.set(key, validate);
  }
  return validate;
}

export type JsonCheck = { ok: true; value: unknown } | { ok: false; errors: string[] };

/** Strips a Markdown code fence some models wrap JSON in. */
function unfence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return match?.[1] ?? text;
}

/** Parses a model's answer as JSON and validates it, with readable errors to re-ask with. */
export function checkJson(text: string, validate: ValidateFunction): JsonCheck {
  let value: unknown;
  try {
    value = JSON.parse(unfence(text));
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
  if (validate(value)) return { ok: true, value };
  const errors = (validate.errors ?? []).map(
    (issue) => `${issue.instancePath || "(root)"} ${issue.message ?? "is invalid"}`,
  );
  return { ok: false, errors: errors.length ? errors : ["does not match the schema"] };
}

/** The follow-up message that asks a model to fix its JSON. */
export function repairPrompt(errors: string[]): string {
  return `Your previous answer did not match the required JSON Schema:\n- ${errors.join("\n- ")}\nReply again with only the corrected JSON, no prose.`;
}
