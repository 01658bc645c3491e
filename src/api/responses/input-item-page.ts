import { invalidField } from "./invalid-field.js";

/** The query of GET /v1/responses/{id}/input_items, checked. */
export interface InputItemQuery {
  after?: string;
  before?: string;
  limit: number;
  order: "asc" | "desc";
}

/** The `include` values OpenAI's SDK may send; none adds anything to the items modelmux keeps (image URLs are always listed). */
const INCLUDABLE = new Set([
  "file_search_call.results",
  "web_search_call.results",
  "web_search_call.action.sources",
  "message.input_image.image_url",
  "computer_call_output.output.image_url",
  "code_interpreter_call.outputs",
  "reasoning.encrypted_content",
  "message.output_text.logprobs",
]);
const PARAMETERS = new Set(["after", "before", "limit", "order", "include", "include[]"]);
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw invalidField(name, "expected one value");
  const value = values[0];
  if (value === "") throw invalidField(name, "expected a non-empty value");
  return value;
}

/** Checks the query; a bad or unknown parameter is a 400 naming it. */
export function parseInputItemQuery(params: URLSearchParams): InputItemQuery {
  for (const name of new Set(params.keys()))
    if (!PARAMETERS.has(name))
      throw invalidField(
        name.slice(0, 100),
        "unknown query parameter; expected after, before, limit, order or include[]",
      );
  for (const value of [...params.getAll("include"), ...params.getAll("include[]")])
    if (!INCLUDABLE.has(value))
      throw invalidField(
        "include",
        `unknown value ${JSON.stringify(value.slice(0, 100))}; expected one of ${[...INCLUDABLE].join(", ")}`,
      );
  const limitText = single(params, "limit");
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!/^\d+$/.test(limitText ?? "0") || limit < 1 || limit > MAX_LIMIT)
    throw invalidField("limit", `expected an integer from 1 to ${MAX_LIMIT}`);
  const order = single(params, "order") ?? "desc";
  if (order !== "asc" && order !== "desc") throw invalidField("order", 'expected "asc" or "desc"');
  const after = single(params, "after");
  const before = single(params, "before");
  return { limit, order, ...(after !== undefined && { after }), ...(before !== undefined && { before }) };
}

function positionOf(ordered: readonly Record<string, unknown>[], id: string, field: string): number {
  const index = ordered.findIndex((item) => item.id === id);
  if (index < 0) throw invalidField(field, `no input item "${id.slice(0, 200)}" in this response`);
  return index;
}

/**
 * One page of the items (stored oldest first) in OpenAI's list shape. `after` pages on from an
 * item, `before` gives the page just ahead of one; `has_more` says whether more lie beyond the
 * page in that direction.
 */
export function inputItemPage(items: readonly Record<string, unknown>[], query: InputItemQuery) {
  const ordered = query.order === "asc" ? items : [...items].reverse();
  const start = query.after === undefined ? 0 : positionOf(ordered, query.after, "after") + 1;
  const end = query.before === undefined ? ordered.length : positionOf(ordered, query.before, "before");
  const window = ordered.slice(start, Math.max(start, end));
  const data =
    query.before !== undefined && query.after === undefined
      ? window.slice(Math.max(0, window.length - query.limit))
      : window.slice(0, query.limit);
  return {
    object: "list",
    data,
    first_id: (data[0]?.id as string | undefined) ?? null,
    last_id: (data.at(-1)?.id as string | undefined) ?? null,
    has_more: window.length > data.length,
  };
}
