import { Template } from "@huggingface/jinja";
import { countBoundedSync } from "./bounded-count.js";
import { bytePairCounter } from "./byte-pair-counter.js";
import { FAMILY_SPECS, type FamilyEncoding, type FamilySpec } from "./family-encodings.js";
import { loadVocabulary } from "./family-vocabulary.js";
import { renderLlama31Chat } from "./llama31-chat.js";
import { countMistralV3Chat } from "./mistral-chat.js";
import { buildRankTableNow } from "./rank-table.js";
import { withUnicodeWhitespace } from "./tiktoken-parity.js";

/**
 * Counts text and chats with an open model family's own tokenizer. Runs on the worker thread
 * (src/workers/jobs.ts): loading a vocabulary reads its rank file and hashes its 130,000-150,000
 * ranks into a rank table (from the package's JSON when run from source: half a second to a
 * second), which the request thread must never wait on.
 */
export interface FamilyCount {
  tokens: number;
  /** A pre-token over MAX_PIECE_CHARS was counted in pieces (approximate), or the chat could not be rendered with the model's template. */
  approximate: boolean;
}

export interface FamilyChatMessage {
  role: string;
  content: string | null;
  name?: string;
  tool_call_id?: string;
  tool_calls?: { id?: string; type: "function"; function: { name: string; arguments: string } }[];
}

interface Tokenizer {
  countText(text: string): FamilyCount;
  /** The token ids of plain text (no special tokens), for checks against published vectors. */
  encode(text: string): number[];
  renderChat(messages: readonly FamilyChatMessage[], tools: readonly unknown[] | undefined): string;
}

const tokenizers = new Map<FamilyEncoding, Tokenizer>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every match of `split` and every stretch between two matches becomes a piece. */
function* splitIsolated(text: string, split: RegExp): Generator<string> {
  let last = 0;
  for (const match of text.matchAll(split)) {
    if (match.index > last) yield text.slice(last, match.index);
    if (match[0].length > 0) yield match[0];
    last = match.index + match[0].length;
  }
  if (last < text.length) yield last === 0 ? text : text.slice(last);
}

function* preTokenize(text: string, splits: readonly RegExp[], depth = 0): Generator<string> {
  const split = splits[depth];
  if (!split) {
    yield text;
    return;
  }
  for (const piece of splitIsolated(text, split)) yield* preTokenize(piece, splits, depth + 1);
}

function loadTokenizer(family: FamilyEncoding): Tokenizer {
  const spec: FamilySpec = FAMILY_SPECS[family];
  const vocabulary = loadVocabulary(family);
  const patterns = spec.splits.map((pattern) => withUnicodeWhitespace(new RegExp(pattern, "gu")));
  // The last split runs inside the merger's own loop; text that none of its alternatives matches
  // is one piece there too (the `Isolated` split keeps it), not dropped as a plain regex scan would.
  const last = patterns.at(-1) as RegExp;
  const lastSplit = new RegExp(`${last.source}|(?:(?!${last.source})[^])+`, "gu");
  const earlier = patterns.slice(0, -1);
  // The ranks as bytes (rank-table.ts), as OpenAI's encodings are: no string per token.
  const counter = bytePairCounter(buildRankTableNow(vocabulary.rankFile), lastSplit);
  const specials = [...vocabulary.specials].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // No specials (Tekken): a pattern that never matches, not the empty one that matches everywhere.
  const specialSplit = new RegExp(specials.length > 0 ? specials.join("|") : "(?!)", "gu");

  function countPlain(text: string, result: FamilyCount): void {
    const normalized = spec.normalize ? text.normalize(spec.normalize) : text;
    for (const segment of preTokenize(normalized, earlier)) {
      const counted = countBoundedSync(counter.count, lastSplit, segment);
      result.tokens += counted.tokens;
      result.approximate ||= counted.cut;
    }
  }

  const template = vocabulary.chatTemplate ? new Template(vocabulary.chatTemplate) : undefined;
  const { bos, eos } = vocabulary;
  return {
    encode(text) {
      const normalized = spec.normalize ? text.normalize(spec.normalize) : text;
      return [...preTokenize(normalized, earlier)].flatMap((segment) => counter.encode(segment));
    },
    countText(text) {
      // Text counted alone is the model's text, special-looking strings included, as an API counts them.
      const result = { tokens: 0, approximate: false };
      let last = 0;
      for (const match of text.matchAll(specialSplit)) {
        countPlain(text.slice(last, match.index), result);
        result.tokens++;
        last = match.index + match[0].length;
      }
      countPlain(last === 0 ? text : text.slice(last), result);
      return result;
    },
    renderChat(messages, tools) {
      if (family === "llama3") return renderLlama31Chat(messages, tools);
      if (!template) throw new Error(`${spec.package} has no chat template`);
      return template.render({
        messages,
        ...(tools?.length && { tools }),
        add_generation_prompt: true,
        bos_token: bos,
        eos_token: eos,
      });
    },
  };
}

function tokenizerFor(family: FamilyEncoding): Tokenizer {
  let tokenizer = tokenizers.get(family);
  if (!tokenizer) {
    tokenizer = loadTokenizer(family);
    tokenizers.set(family, tokenizer);
  }
  return tokenizer;
}

/** Loads a family's vocabulary ahead of its first count (at warm-up, or while a proxy answers). */
export function loadFamilyTokenizer(family: FamilyEncoding): true {
  tokenizerFor(family);
  return true;
}

export function encodeFamilyText(family: FamilyEncoding, text: string): number[] {
  return tokenizerFor(family).encode(text);
}

export function countFamilyText(input: { family: FamilyEncoding; text: string }): FamilyCount {
  return tokenizerFor(input.family).countText(input.text);
}

/**
 * The prompt the model sees for a chat (its chat template, with the reply's header), counted.
 * A chat the template refuses (Llama 3.1 takes one tool call per turn) is counted message by
 * message instead and marked approximate.
 */
export function countFamilyChat(input: {
  family: FamilyEncoding;
  messages: readonly FamilyChatMessage[];
  tools?: readonly unknown[];
}): FamilyCount {
  const tokenizer = tokenizerFor(input.family);
  if (FAMILY_SPECS[input.family].chat === "mistral_v3")
    return countMistralV3Chat(input.messages, input.tools, (text) => tokenizer.countText(text));
  let prompt: string;
  try {
    prompt = tokenizer.renderChat(input.messages, input.tools);
  } catch {
    const parts = input.messages.map((message) =>
      [message.role, message.content ?? "", JSON.stringify(message.tool_calls ?? "")].join("\n"),
    );
    if (input.tools?.length) parts.push(JSON.stringify(input.tools));
    const count = tokenizer.countText(parts.join("\n"));
    return { tokens: count.tokens + 5 * input.messages.length, approximate: true };
  }
  return tokenizer.countText(prompt);
}
