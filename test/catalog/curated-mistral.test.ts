import { describe, expect, it } from "vitest";
import { CURATED_MODELS } from "../../src/catalog/model-list.js";

const JTV = ["json", "tools", "vision"];
const JT = ["json", "tools"];
const ALL = ["classification", "extraction", "summarization", "chat", "code", "reasoning"];
const LIGHT = ["classification", "extraction", "summarization", "chat"];
const GENERAL = ["classification", "extraction", "summarization", "chat", "code"];

/** The Mistral entries as they were written out one by one (3098db4), fields in their order. */
const WRITTEN_OUT = [
  {
    id: "mistral-large-2512",
    aliases: ["mistral-large", "mistral-large-latest"],
    name: "Mistral Large 3",
    vendor: "mistral",
    tier: "flagship",
    capabilities: JTV,
    contextWindow: 262_144,
    maxOutput: 32_768,
    tasks: ALL,
    encoding: null,
    servedBy: { mistral: "mistral-large-2512", openrouter: "mistralai/mistral-large-2512" },
  },
  {
    id: "mistral-medium-3.5",
    aliases: ["mistral-medium", "mistral-medium-latest"],
    name: "Mistral Medium 3.5",
    vendor: "mistral",
    tier: "medium",
    capabilities: JTV,
    contextWindow: 262_144,
    maxOutput: 32_768,
    tasks: GENERAL,
    encoding: null,
    servedBy: { mistral: "mistral-medium-latest", openrouter: "mistralai/mistral-medium-3-5" },
  },
  {
    id: "mistral-small-2603",
    aliases: ["mistral-small", "mistral-small-latest"],
    name: "Mistral Small 4",
    vendor: "mistral",
    tier: "small",
    capabilities: JTV,
    contextWindow: 262_144,
    maxOutput: 32_768,
    tasks: LIGHT,
    encoding: null,
    servedBy: { mistral: "mistral-small-2603", openrouter: "mistralai/mistral-small-2603" },
  },
  {
    id: "codestral-2508",
    aliases: ["codestral", "codestral-latest"],
    name: "Codestral",
    vendor: "mistral",
    tier: "medium",
    capabilities: JT,
    contextWindow: 256_000,
    maxOutput: 32_768,
    tasks: ["code"],
    encoding: null,
    servedBy: { mistral: "codestral-2508" },
  },
  {
    id: "ministral-8b-2512",
    aliases: ["ministral-8b", "ministral-8b-latest"],
    name: "Ministral 8B",
    vendor: "mistral",
    tier: "small",
    capabilities: JT,
    contextWindow: 262_144,
    maxOutput: 32_768,
    tasks: LIGHT,
    encoding: null,
    servedBy: { mistral: "ministral-8b-2512" },
  },
];

describe("the curated Mistral models (built by one helper)", () => {
  it("are the entries they were when written out, field for field and in the same order", () => {
    const mistral = CURATED_MODELS.filter((model) => model.vendor === "mistral");
    expect(JSON.stringify(mistral)).toBe(JSON.stringify(WRITTEN_OUT));
  });
});
