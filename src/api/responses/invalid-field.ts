import type { z } from "zod";
import { ModelmuxError } from "../../errors.js";
import { formatIssue, formatPath } from "../../validation/format-issues.js";

/** INVALID_INPUT naming the field (`input[2].content[0].image_url: …`); answered as a 400. */
export function invalidField(path: string, message: string): ModelmuxError {
  return new ModelmuxError("INVALID_INPUT", `${path}: ${message}`, { param: path });
}

/** Parses one part of the body; a failure names its full path from the body's root. */
export function parseField<T extends z.ZodType>(schema: T, value: unknown, path: string): z.output<T> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw invalidField(path, "invalid value");
  const message = formatIssue({ ...issue, path: [] }).replace(/^\(root\): /, "");
  const full = path === "body" ? formatPath(issue.path) : `${path}${suffix(issue.path)}`;
  return raise(full, message);
}

function suffix(parts: readonly PropertyKey[]): string {
  return parts.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
}

function raise(path: string, message: string): never {
  throw invalidField(path, message);
}
