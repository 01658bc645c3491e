// DAIR.AI's Prompt Engineering Guide (dair-ai/Prompt-Engineering-Guide, MIT): pages on prompting,
// agents, function calling, RAG and the risks of LLMs (prompt injection, jailbreaking, prompt
// leaking), written in English and translated into German, French, Spanish, Chinese, Japanese,
// Russian and Arabic. Their prose talks about attacks without making one: hard benign documents in
// eight languages. Code blocks, blockquotes, JSX, imports, tables and headings are left out (they
// hold the quoted attack examples), so a line is what a reader of the page sees in sentences.
// Split by page (every third page, sorted by its path without language, is dev), so one page's
// translations all stay on one side.
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
