import { z } from "zod";
import type { ToolDefinition } from "../../chat/types.js";
import { MAX_TEXT_CHARS } from "../../tools/schemas.js";
import { invalidField, parseField } from "./invalid-field.js";

/**
 * Responses tools → chat tools. Function and custom tools translate one to one; the tools OpenAI
 * runs on its own servers (web search, file search, computer use, code interpreter, remote MCP, …)
 * cannot run behind chat completions, so they are refused with a 400 naming them.
 */
const functionTool = z.looseObject({
  type: z.literal("function"),
  name: z.string().min(1).max(64),
  description: z.string().max(MAX_TEXT_CHARS).nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

const grammarFormat = z.looseObject({
  type: z.literal("grammar"),
  syntax: z.enum(["lark", "regex"]),
  definition: z.string().max(MAX_TEXT_CHARS),
});

const customTool = z.looseObject({
  type: z.literal("custom"),
  name: z.string().min(1).max(64),
  description: z.string().max(MAX_TEXT_CHARS).nullish(),
  format: z.union([z.looseObject({ type: z.literal("text") }), grammarFormat]).nullish(),
});

function hostedToolError(type: unknown, path: string) {
  const name = typeof type === "string" ? `"${type}"` : "this tool";
  return invalidField(
    path,
    `the built-in tool ${name} runs only on OpenAI's servers and cannot be served through modelmux; declare a function tool and run it yourself`,
  );
}

/** The request's tools in chat completions' shape. */
export function toChatTools(tools: readonly Record<string, unknown>[]): ToolDefinition[] {
  return tools.map((tool, index) => {
    const path = `tools[${index}]`;
    if (tool.type === "function") {
      const parsed = parseField(functionTool, tool, path);
      const definition: ToolDefinition = { type: "function", function: { name: parsed.name } };
      if (parsed.description != null) definition.function.description = parsed.description;
      if (parsed.parameters != null) definition.function.parameters = parsed.parameters;
      // Responses' SDK always sends `strict` (null when unset); chat takes it only as a boolean.
      if (parsed.strict != null) definition.function.strict = parsed.strict;
      return definition;
    }
    if (tool.type === "custom") {
      const parsed = parseField(customTool, tool, path);
      const custom: { name: string; description?: string; format?: unknown } = { name: parsed.name };
      if (parsed.description != null) custom.description = parsed.description;
      if (parsed.format?.type === "grammar")
        custom.format = {
          type: "grammar",
          grammar: { syntax: parsed.format.syntax, definition: parsed.format.definition },
        };
      else if (parsed.format) custom.format = { type: "text" };
      return { type: "custom", custom };
    }
    throw hostedToolError(tool.type, `${path}.type`);
  });
}

const namedChoice = z.looseObject({ type: z.string(), name: z.string().min(1).max(64) });
const allowedTools = z.looseObject({
  type: z.literal("allowed_tools"),
  mode: z.enum(["auto", "required"]),
  tools: z.array(z.record(z.string(), z.unknown())).min(1).max(128),
});

/** A Responses tool_choice in chat completions' shape. */
export function toChatToolChoice(choice: string | Record<string, unknown>): unknown {
  if (typeof choice === "string") return choice;
  if (choice.type === "function" || choice.type === "custom") {
    const { type, name } = parseField(namedChoice, choice, "tool_choice");
    return type === "function" ? { type, function: { name } } : { type, custom: { name } };
  }
  if (choice.type === "allowed_tools") {
    const parsed = parseField(allowedTools, choice, "tool_choice");
    const tools = parsed.tools.map((tool, index) => {
      const path = `tool_choice.tools[${index}]`;
      if (tool.type !== "function" && tool.type !== "custom")
        throw hostedToolError(tool.type, `${path}.type`);
      const { type, name } = parseField(namedChoice, tool, path);
      return type === "function" ? { type, function: { name } } : { type, custom: { name } };
    });
    return { type: "allowed_tools", allowed_tools: { mode: parsed.mode, tools } };
  }
  throw hostedToolError(choice.type, "tool_choice.type");
}
