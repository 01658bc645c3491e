import type { Ajv, ValidateFunction } from "ajv";
import { ModelmuxError } from "../errors.js";

// Ajv loads on the first request with a schema, not at start-up.
let ajv: Ajv | undefined;
// Compiling is the slow part of validation; agents reuse the same few schemas.
const compiled = new Map<string, ValidateFunction>();

/** Compiles (once) a caller's JSON Schema; a schema that does not compile is an input error. */
export async function compileSchema(schema: Record<string, unknown>): Promise<ValidateFunction> {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    if (!ajv) {
      const { Ajv } = await import("ajv");
      ajv = new Ajv({ allErrors: true, strict: false });
    }
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      throw new ModelmuxError(
        "INVALID_INPUT",
        `json_schema: not a valid JSON Schema: ${(error as Error).message}`,
      );
    }
    if (compiled.size > 500) compiled.clear();
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
