/**
 * How names people type map onto catalog entries. A model's *key* erases the differences that
 * never change the model: case, vendor prefixes (`anthropic/`, `meta-llama/`,
 * `accounts/fireworks/models/`), dots versus dashes (`claude-sonnet-4.5` / `-4-5`), Fireworks'
 * `v3p1` spelling, `-latest` and dated snapshot suffixes, and hosts' serving suffixes
 * (`-Instruct-Turbo`, `-versatile`, `-instant`). Two names with one key are one model.
 */

// Hosts' serving suffixes, `-latest`, and dated snapshots (2025-05-14, 20250514), in any order
// at the end; not 4-digit Mistral versions (2411, 2512), which are different models.
const SUFFIXES =
  /(-(instruct|turbo|versatile|instant|fp8|fp16|bf16|hf|maas|latest|20\d\d-?[01]\d-?[0-3]\d))+$/;

/** Bounded so a pathological name costs nothing: no model id is anywhere near this long. */
export const MAX_NAME_LENGTH = 200;

const keys = new Map<string, string>();
const MAX_CACHED_KEYS = 20_000;

export function modelKey(name: string): string {
  const cached = keys.get(name);
  if (cached !== undefined) return cached;
  let key = name.slice(0, MAX_NAME_LENGTH).toLowerCase().trim();
  key = key.slice(key.lastIndexOf("/") + 1).replace(/^~/, "");
  const cut = key.search(/[:@]/);
  if (cut >= 0) key = key.slice(0, cut);
  key = key.replace(/(\d)p(\d)/g, "$1.$2").replace(/^meta-llama-/, "llama-");
  const stripped = key.replace(SUFFIXES, "");
  if (stripped.length > 0) key = stripped;
  // One separator between words and numbers: gpt-4.1 / gpt-4-1 / gpt4.1 all become gpt-4-1.
  key = key
    .replace(/[._\s]+/g, "-")
    .replace(/([a-z])(?=\d)|(\d)(?=[a-z])/g, "$1$2-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  // Catalog names repeat across builds and lookups; callers' arbitrary names are not kept forever.
  if (keys.size < MAX_CACHED_KEYS) keys.set(name, key);
  return key;
}

/** The family word of a name (`claude`, `gpt`, `llama`, `kimi`, `o`): suggestions stay inside it. */
export function familyOf(name: string): string {
  const key = modelKey(name);
  return /^[a-z]+/.exec(key)?.[0] ?? key;
}

/** Who trains a model, from a host's prefix (`meta-llama/…`) or the family word. */
const VENDOR_PREFIXES: Record<string, string> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  "meta-llama": "meta",
  meta: "meta",
  mistralai: "mistral",
  deepseek: "deepseek",
  "deepseek-ai": "deepseek",
  qwen: "alibaba",
  "x-ai": "xai",
  xai: "xai",
  moonshotai: "moonshot",
  "z-ai": "zhipu",
  "zai-org": "zhipu",
  thudm: "zhipu",
  cohere: "cohere",
  microsoft: "microsoft",
  nvidia: "nvidia",
  amazon: "amazon",
  minimax: "minimax",
  minimaxai: "minimax",
  perplexity: "perplexity",
  "ibm-granite": "ibm",
  ai21: "ai21",
};

const VENDOR_FAMILIES: [RegExp, string][] = [
  [/^(gpt|o\d|chatgpt|codex|davinci|babbage|text-)/, "openai"],
  [/^claude/, "anthropic"],
  [/^(gemini|gemma|palm)/, "google"],
  [/^llama/, "meta"],
  [
    /^(mistral|mixtral|codestral|ministral|magistral|devstral|pixtral|voxtral|open-mistral|open-mixtral)/,
    "mistral",
  ],
  [/^deepseek/, "deepseek"],
  [/^(qwen|qwq|qvq)/, "alibaba"],
  [/^grok/, "xai"],
  [/^(kimi|moonshot)/, "moonshot"],
  [/^(glm|chatglm|cogview)/, "zhipu"],
  [/^(command|c4ai|aya)/, "cohere"],
  [/^phi/, "microsoft"],
  [/^(nova|titan)/, "amazon"],
  [/^(minimax|abab)/, "minimax"],
  [/^(sonar|r1-1776)/, "perplexity"],
  [/^jamba/, "ai21"],
  [/^(nemotron|llama-3.*nemotron)/, "nvidia"],
  [/^granite/, "ibm"],
];

export function vendorOfName(name: string): string | null {
  const lower = name.slice(0, MAX_NAME_LENGTH).toLowerCase().replace(/^~/, "");
  const slash = lower.indexOf("/");
  if (slash > 0) {
    const vendor = VENDOR_PREFIXES[lower.slice(0, slash)];
    if (vendor) return vendor;
  }
  const bare = lower.slice(lower.lastIndexOf("/") + 1);
  for (const [pattern, vendor] of VENDOR_FAMILIES) if (pattern.test(bare)) return vendor;
  return null;
}
