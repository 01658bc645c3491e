import { dataUrlImageSize, type ImageSize } from "../chat/image-size.js";
import { toolCallName, toolCallText } from "../chat/message-text.js";
import type { ChatMessage, ImageDetail, ToolDefinition } from "../chat/types.js";

/** Counts text with one encoding (the caller's BPE). */
export type TextCounter = (text: string) => number;

// OpenAI's image pricing for GPT-4o-class models: a base cost plus a cost per 512-px tile,
// after fitting the image in 2048×2048 and scaling its short side down to 768.
const IMAGE_BASE_TOKENS = 85;
const IMAGE_TILE_TOKENS = 170;
/**
 * A remote URL's size is unknown before the provider fetches it: count it as the largest image
 * the formula allows (768×2048 after scaling: 8 tiles, 1,445 tokens), so reservations stay honest.
 */
export const REMOTE_IMAGE_SIZE: ImageSize = { width: 768, height: 2048 };

/** Tokens of one image part by OpenAI's tile formula; `low` detail is the base cost only. */
export function imageTokens(size: ImageSize, detail: ImageDetail | undefined): number {
  if (detail === "low") return IMAGE_BASE_TOKENS;
  let { width, height } = size;
  if (width <= 0 || height <= 0) return IMAGE_BASE_TOKENS;
  const fit = Math.min(1, 2048 / Math.max(width, height));
  width *= fit;
  height *= fit;
  const shrink = Math.min(1, 768 / Math.min(width, height));
  width *= shrink;
  height *= shrink;
  return IMAGE_BASE_TOKENS + IMAGE_TILE_TOKENS * Math.ceil(width / 512) * Math.ceil(height / 512);
}

/**
 * Tokens a message carries beyond its text: images by the tile formula, tool calls (name and
 * arguments), the name field. Audio and file parts are not counted (no published formula).
 */
export function messageExtraTokens(message: ChatMessage, count: TextCounter): number {
  let tokens = 0;
  if (message.name) tokens += 1 + count(message.name);
  if (Array.isArray(message.content)) {
    for (const part of message.content) {
      if (part.type !== "image_url") continue;
      const size = dataUrlImageSize(part.image_url.url) ?? REMOTE_IMAGE_SIZE;
      tokens += imageTokens(size, part.image_url.detail);
    }
  }
  for (const call of message.tool_calls ?? [])
    tokens += 3 + count(toolCallName(call)) + count(toolCallText(call));
  return tokens;
}

// Function definitions per OpenAI's cookbook ("How to count tokens with tiktoken", gpt-4o
// constants): each function costs 7 plus "name:description"; properties 3, each 3 plus
// "key:type:description"; an enum -3 plus 3 and the item per value; the list ends with 12.
const FUNCTION_INIT = 7;
const PROPERTIES_INIT = 3;
const PROPERTY_KEY = 3;
const ENUM_INIT = -3;
const ENUM_ITEM = 3;
const FUNCTIONS_END = 12;

function withoutFinalPeriod(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

/** Tokens the tool definitions add to the prompt (0 for none). */
export function toolDefinitionTokens(
  tools: readonly ToolDefinition[] | undefined,
  count: TextCounter,
): number {
  if (!tools || tools.length === 0) return 0;
  let tokens = FUNCTIONS_END;
  for (const tool of tools) {
    if (tool.type === "custom") {
      // No published formula for custom tools: counted like a function, plus the grammar's text.
      const { name, description, format } = tool.custom;
      tokens += FUNCTION_INIT + count(`${name}:${withoutFinalPeriod(description ?? "")}`);
      if (format !== undefined) tokens += count(JSON.stringify(format));
      continue;
    }
    const definition = tool.function;
    tokens += FUNCTION_INIT + count(`${definition.name}:${withoutFinalPeriod(definition.description ?? "")}`);
    const properties = (definition.parameters?.properties ?? {}) as Record<string, Record<string, unknown>>;
    const keys = Object.keys(properties);
    if (keys.length === 0) continue;
    tokens += PROPERTIES_INIT;
    for (const key of keys) {
      const property = properties[key] ?? {};
      tokens += PROPERTY_KEY;
      if (Array.isArray(property.enum)) {
        tokens += ENUM_INIT;
        for (const item of property.enum) tokens += ENUM_ITEM + count(String(item));
      }
      const type = typeof property.type === "string" ? property.type : JSON.stringify(property.type ?? "");
      const description = typeof property.description === "string" ? property.description : "";
      tokens += count(`${key}:${type}:${withoutFinalPeriod(description)}`);
    }
  }
  return tokens;
}
