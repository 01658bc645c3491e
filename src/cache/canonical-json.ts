/**
 * JSON with object keys sorted at every depth, so the same data always yields the same text
 * whatever order its keys were written in. Like JSON.stringify, undefined properties are dropped
 * and non-finite numbers become null; array order is kept (it is meaningful).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  const record = value as Record<string, unknown>;
  if (typeof (record as { toJSON?: unknown }).toJSON === "function") {
    return canonicalJson((record as { toJSON: () => unknown }).toJSON());
  }
  const fields: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const field = record[key];
    if (field === undefined || typeof field === "function" || typeof field === "symbol") continue;
    fields.push(`${JSON.stringify(key)}:${canonicalJson(field)}`);
  }
  return `{${fields.join(",")}}`;
}
