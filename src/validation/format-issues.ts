import type { z } from "zod";

type Issue = z.core.$ZodIssue;

/** `routing.weights[0].price` style path; `(root)` for the top level. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}

function describeInput(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (typeof input === "string") return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (Array.isArray(input)) return "an array";
  if (typeof input === "object") return "an object";
  return String(input);
}

/** One line per issue, naming the field and what was expected, e.g. `routing.weights.price: expected number, got "x"`. */
export function formatIssue(issue: Issue): string {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case "invalid_type":
      return `${path}: expected ${issue.expected}, got ${describeInput(issue.input)}`;
    case "unrecognized_keys":
      return `${path}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
    case "invalid_value":
      return `${path}: expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}, got ${describeInput(issue.input)}`;
    default: {
      const message = issue.message.replace(/^(Invalid input|Too small|Too big): /, "");
      return `${path}: ${message}${issue.input !== undefined && typeof issue.input !== "object" ? `, got ${describeInput(issue.input)}` : ""}`;
    }
  }
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map(formatIssue).join("; ");
}
