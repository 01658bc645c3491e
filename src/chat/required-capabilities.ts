import type { Capability } from "../catalog/types.js";
import { hasPart } from "./message-text.js";
import type { ChatMessage, ForwardedParams } from "./types.js";

/**
 * Capabilities a request needs from the model that serves it: tools for tool definitions,
 * vision for image parts, audio for audio parts or audio output, json for a json_schema format.
 */
export function requiredCapabilities(
  messages: readonly ChatMessage[],
  params: ForwardedParams | undefined,
): Capability[] {
  const needs: Capability[] = [];
  if ((params?.tools?.length ?? 0) > 0 || (Array.isArray(params?.functions) && params.functions.length > 0))
    needs.push("tools");
  if (hasPart(messages, "image_url")) needs.push("vision");
  const modalities = params?.modalities;
  if (
    hasPart(messages, "input_audio") ||
    (params?.audio !== undefined && params.audio !== null) ||
    (Array.isArray(modalities) && modalities.includes("audio"))
  )
    needs.push("audio");
  const format = params?.response_format as { type?: unknown } | undefined;
  if (format?.type === "json_schema") needs.push("json");
  return needs;
}
