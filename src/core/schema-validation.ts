import type { Ajv, ValidateFunction } from "ajv";
import { errorMessage, ModelmuxError } from "../errors.js";

/**
 * Compiling and checking against a caller's JSON Schema, keyed by the schema's JSON text. The same
 * code runs on the request thread for small schemas and on the worker thread (src/workers/) for
 * large ones; each thread keeps its own compiled schemas.
 */
let ajv: Ajv | undefined;
// Compiling is the slow part of validation; agents reuse the same few schemas.
const compiled = new Map<string, ValidateFunction>();
/** Compiled schemas kept; past it both caches start over (Ajv keeps every schema it compiled). */
const MAX_COMPILED = 500;

/**
 * Callers are isolated: with `addUsedSchema: false` no `$id` is registered, so two callers may use
 * the same `$id` and none can `$ref` another's schema. Patterns run on RE2JS (linear time).
 */
export async function compiledSchema(schemaJson: string): Promise<ValidateFunction> {
  let validate = compiled.get(schemaJson);
  if (validate) return validate;
  if (!ajv || compiled.size >= MAX_COMPILED) {
    const [{ Ajv }, { linearRegExp }] = await Promise.all([import("ajv"), import("./linear-regexp.js")]);
    ajv = new Ajv({ allErrors: true, strict: false, addUsedSchema: false, code: { regExp: linearRegExp } });
    compiled.clear();
  }
  try {
    validate = ajv.compile(JSON.parse(schemaJson) as Record<string, unknown>);
  } catch (error) {
    throw new ModelmuxError("INVALID_INPUT", `json_schema: not a valid JSON Schema: ${errorMessage(error)}`, {
      param: "json_schema",
    });
  }
  compiled.set(schemaJson, validate);
  return validate;
}

export type JsonCheck = { ok: true; value: unknown } | { ok: false; errors: string[] };

/** Strips a Markdown code fence some models wrap JSON in. */
function unfence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return match?.[1] ?? text;
}

/** Parses a model's answer as JSON and validates it, with readable errors to re-ask with. */
export async function checkAgainstSchema(schemaJson: string, text: string): Promise<JsonCheck> {
  const validate = await compiledSchema(schemaJson);
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
