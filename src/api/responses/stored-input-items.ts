import { newId } from "./output-items.js";

/**
 * The input items a stored Response lists at GET /v1/responses/{id}/input_items, as OpenAI lists
 * them: every item the model was given, oldest first (the earlier turns' input and output items
 * when chained with previous_response_id, then this request's input), each with an id. The
 * request's `instructions` are not items.
 */

/** Id prefixes of items the caller sent without one. */
const ID_PREFIX: Record<string, string> = {
  message: "msg",
  function_call: "fc",
  function_call_output: "fco",
  custom_tool_call: "ctc",
  custom_tool_call_output: "ctco",
  reasoning: "rs",
};

/** A message's string content as the parts OpenAI lists it with. */
function contentParts(role: unknown, content: unknown): unknown {
  if (typeof content !== "string") return content;
  return role === "assistant"
    ? [{ type: "output_text", text: content, annotations: [] }]
    : [{ type: "input_text", text: content }];
}

/** One already-validated input item, with its id (kept when the caller sent one) and status. */
function listedItem(item: Record<string, unknown>): Record<string, unknown> {
  const type = typeof item.type === "string" ? item.type : "message";
  const id = typeof item.id === "string" && item.id !== "" ? item.id : newId(ID_PREFIX[type] ?? "item");
  if (type !== "message") return { ...item, id, type, status: item.status ?? "completed" };
  return {
    id,
    type,
    role: item.role,
    content: contentParts(item.role, item.content),
    status: item.status ?? "completed",
  };
}

/** This request's input (validated) as listed items: a string is one user message. */
export function ownInputItems(input: string | readonly Record<string, unknown>[]): Record<string, unknown>[] {
  if (typeof input === "string")
    return [
      {
        id: newId("msg"),
        type: "message",
        role: "user",
        content: [{ type: "input_text", text: input }],
        status: "completed",
      },
    ];
  return input.map(listedItem);
}

/**
 * JSON arrays (as JSON.stringify writes them: no spaces) joined into one, without parsing:
 * a chained response's items are the earlier items' stored text plus the new ones.
 */
export function joinJsonArrays(arrays: readonly string[]): string {
  const inner = arrays.map((array) => array.slice(1, -1)).filter((items) => items !== "");
  return `[${inner.join(",")}]`;
}
