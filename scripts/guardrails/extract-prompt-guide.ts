// DAIR.AI's Prompt Engineering Guide (dair-ai/Prompt-Engineering-Guide, MIT): pages on prompting,
// agents, function calling, RAG and the risks of LLMs (prompt injection, jailbreaking, prompt
// leaking), written in English and translated into German, French, Spanish, Chinese, Japanese,
// Russian and Arabic. Their prose talks about attacks without making one: hard benign documents in
// eight languages. Code blocks, blockquotes, JSX, imports, tables and headings are left out (they
// hold the quoted attack examples), so a line is what a reader of the page sees in sentences.
// Split by page (every third page, sorted by its path without language, is dev), so one page's
// translations all stay on one side. Its own attack examples (code blocks of the adversarial-prompting
// pages, translated with the pages) are a separate source: extractGuideAttacks.
import type { CorpusKind } from "./corpus-line.js";
import type { ExtractedLine } from "./extract-injecagent.js";

/** The guide's file suffix for each language kept, English first so untranslated copies stay `en`. */
export const GUIDE_LANGUAGES: Record<string, string> = {
  en: "en",
  de: "de",
  fr: "fr",
  es: "es",
  zh: "zh",
  jp: "ja",
  ru: "ru",
  ar: "ar",
};

/** Scripts a paragraph of each non-Latin language must be written in (untranslated copies are skipped). */
const SCRIPT: Record<string, RegExp> = {
  zh: /[\u4e00-\u9fff]/g,
  ja: /[\u3040-\u30ff\u4e00-\u9fff]/g,
  ru: /[\u0400-\u04ff]/g,
  ar: /[\u0600-\u06ff]/g,
};

export function guidePageKey(path: string): { page: string; lang: string } | undefined {
  const match = /^(?:ar-)?pages\/(.+)\.([a-z]{2})\.mdx$/.exec(path);
  const lang = match ? GUIDE_LANGUAGES[match[2] ?? ""] : undefined;
  return match && lang ? { page: match[1] ?? "", lang } : undefined;
}

export function extractPromptGuide(pages: { path: string; text: string }[]): ExtractedLine[] {
  const keyed = pages.flatMap((page) => {
    const key = guidePageKey(page.path);
    return key ? [{ ...key, text: page.text }] : [];
  });
  const order = Object.values(GUIDE_LANGUAGES);
  keyed.sort((a, b) => order.indexOf(a.lang) - order.indexOf(b.lang) || a.page.localeCompare(b.page));
  const names = [...new Set(keyed.map((page) => page.page))].sort();
  const lines: ExtractedLine[] = [];
  for (const page of keyed) {
    const split = names.indexOf(page.page) % 3 === 2 ? "dev" : "train";
    for (const paragraph of mdxProse(page.text)) {
      const script = SCRIPT[page.lang];
      const cjk = page.lang === "zh" || page.lang === "ja";
      if (paragraph.length < (cjk ? 50 : 120)) continue;
      const lang = script && (paragraph.match(script)?.length ?? 0) < paragraph.length * 0.3 ? "" : page.lang;
      if (lang === "") continue;
      lines.push({ text: paragraph, kind: "benign", split, context: "document", lang });
    }
  }
  return lines;
}

/** Paragraphs of an MDX page's prose: mostly letters, without code, quotes, markup or headings. */
function mdxProse(mdx: string): string[] {
  const withoutCode = mdx.replace(/^\s*```[\s\S]*?^\s*```/gm, "\n").replace(/<[A-Z][\s\S]*?\/>/g, "\n");
  return withoutCode
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .filter((line) => !/^\s*(?:#|\||<|>|!\[|\[!|---|import |export |\*[^*]+:\*\s*$)/.test(line))
        .join(" ")
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((paragraph) => {
      const visible = paragraph.replace(/\s/g, "");
      return visible.length > 0 && (paragraph.match(/\p{L}/gu)?.length ?? 0) > visible.length * 0.7;
    });
}

/**
 * The guide's own attack examples, as its translators wrote them: the code blocks of the risks page
 * ("Adversarial Prompting") that are prompts carrying an injection (translation and classification
 * hijacks, the prompt-leaking few-shot, the same behind the page's defences) or a jailbreak (the
 * GPT-4 simulator's token smuggling), and the prompt blocks of the prompt-injection and
 * prompt-leaking pages. Blocks are picked by their index in the English page; a translation whose
 * blocks do not line up with it is skipped. Outputs, the harmful question and the detector prompt
 * are left out.
 */
const ATTACK_BLOCKS: { page: string; blocks: Record<number, CorpusKind> }[] = [
  {
    page: "risks/adversarial",
    blocks: {
      0: "prompt_injection",
      2: "prompt_injection",
      4: "prompt_injection",
      6: "prompt_injection",
      9: "jailbreak",
      12: "prompt_injection",
      14: "prompt_injection",
      16: "prompt_injection",
    },
  },
  { page: "prompts/adversarial-prompting/prompt-injection", blocks: { 0: "prompt_injection" } },
  { page: "prompts/adversarial-prompting/prompt-leaking", blocks: { 0: "prompt_injection" } },
];

export function extractGuideAttacks(pages: { path: string; text: string }[], split: string): ExtractedLine[] {
  const keyed = pages.flatMap((page) => {
    const key = guidePageKey(page.path);
    return key ? [{ ...key, blocks: codeBlocks(page.text) }] : [];
  });
  const order = Object.values(GUIDE_LANGUAGES);
  keyed.sort((a, b) => order.indexOf(a.lang) - order.indexOf(b.lang));
  const lines: ExtractedLine[] = [];
  const seen = new Set<string>();
  for (const { page, blocks } of ATTACK_BLOCKS) {
    const english = keyed.find((entry) => entry.page === page && entry.lang === "en");
    for (const entry of keyed.filter((candidate) => candidate.page === page)) {
      if (entry.blocks.length !== english?.blocks.length) continue;
      for (const [index, kind] of Object.entries(blocks)) {
        // The sub-pages repeat the risks page's examples with other line breaks: one copy is kept.
        const text = entry.blocks[Number(index)] ?? "";
        const key = text.replace(/\s+/g, " ").trim();
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push({ text, kind, split, lang: entry.lang });
      }
    }
  }
  return lines;
}

/** The fenced code blocks of a Markdown page, in order. */
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^\s*```[^\n]*\n([\s\S]*?)\n\s*```/gm)].map((match) => match[1] ?? "");
}
