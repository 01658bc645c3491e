import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { errorMessage, isModelmuxError } from "../errors.js";

/** A tool answer: structured content for agents plus a short text copy for people. */
export function toolResult(structured: Record<string, unknown>, text: string): CallToolResult {
  return { content: [{ type: "text", text }], structuredContent: structured };
}

/** Maps any error to an MCP `isError` result; messages are already secret-free. */
export function toolError(error: unknown): CallToolResult {
  const code = isModelmuxError(error) ? error.code : "INTERNAL_ERROR";
  const message = isModelmuxError(error) ? error.message : `internal error: ${errorMessage(error)}`;
  const data = isModelmuxError(error) && error.data ? `\n${JSON.stringify(error.data)}` : "";
  return { isError: true, content: [{ type: "text", text: `${code}: ${message}${data}` }] };
}

/** Runs a handler and turns whatever it throws into an `isError` result, so the server stays up. */
export async function guard(
  handler: () => Promise<CallToolResult> | CallToolResult,
): Promise<CallToolResult> {
  try {
    return await handler();
  } catch (error) {
    return toolError(error);
  }
}
