import { htmlComments, MAX_COMMENT_BODY } from "./html-comments.js";
import { markdownTitled } from "./markdown-titled.js";

/** A part `[start, end)` of a user's text that reads as a document pasted into it. */
export interface DocumentPart {
  start: number;
  end: number;
}

// A JSON object or array (a tool's output): an opening brace or bracket and, soon after, a quoted key.
const JSON_START = /[{[]\s*(?:[{[]\s*)*["'][^"'\n]{1,60}["']\s*:/g;
// Markup: an HTML or XML tag, or a comment.
const TAG = /<(?:!--|[a-zA-Z][\w:-]{0,30}(?:\s[^<>]{0,300})?\/?>|\/[a-zA-Z][\w:-]{0,30}>)/g;
// A line of a header block, a YAML record or an iCalendar entry: `name: value`.
const FIELD_LINE =
  /^[ \t]*(?:-[ \t]+)?(?:[A-Za-z_][\w.-]{0,30}(?: [\w.-]{1,20})?:(?:[ \t]|$)|[A-Z][A-Z-]{1,30}[:;]\S)/;
// The fields an email's header has; two of them in a row start an email.
const EMAIL_HEADER = /^(?:from|to|cc|bcc|subject|date|sent|reply-to):[ \t]/i;
const FENCE = /^[ \t]*(?:```|~~~)/;
const QUOTED_LINE = /^[ \t]*>/;
// "Summarise this email:" / "Here is the page:" — a short request that ends with a colon and a line break.
const REQUEST_THEN_PASTE = /^[^\n]{0,300}:[ \t]*\n/;
const MIN_PASTE = 80;
// A long text of three paragraphs or more reads as a page, whoever pasted it.
const LONG_PAGE = 800;
const PARAGRAPH_BREAK = /\n[ \t]*\n/g;
// Lines that start a page or a file and run to its end: a markdown heading, a markdown comment, a
// search result with its address, a page's address as a label, a CSV header, a résumé's section heading.
const PAGE_START = new RegExp(
  [
    String.raw`^#{1,6}[ \t]+\S`,
    String.raw`^\[//\]:\s*#`,
    String.raw`^\d{1,2}\.[ \t][^\n]{1,200}?[—–-][ \t]*https?://\S+[ \t]*$`,
    String.raw`^(?:https?://|www\.)[^\s:]+(?::\d+)?[^\s:]*:[ \t]`,
    String.raw`^[a-z_]{1,20}(?:,[a-z_]{1,20}){2,}[ \t]*$`,
    String.raw`^[ \t]*\|[^\n]*\|[ \t]*\n[ \t]*\|[^\n]*\|[ \t]*$`,
    String.raw`^\[?(?:\d{4}-\d{2}-\d{2}[T ])?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+[^\n:]{1,40}:[ \t]`,
    String.raw`^[ \t]*\+-{2,}[-+]*\+[ \t]*$`,
    String.raw`^\[\d{1,2}\][ \t]+\S[^\n]*\n[ \t]*https?://`,
    String.raw`^(?:EXPERIENCE|EDUCATION|SKILLS|WORK EXPERIENCE|PROFESSIONAL EXPERIENCE|SUMMARY|PROFILE)[ \t]*$`,
  ].join("|"),
  "my",
);
// A tool's output or a file's content under its label ("Search results:", "Содержимое файла:").
const LABELLED_OUTPUT =
  /^[ \t]*(?:observation|search results?|(?:tool|function|api) (?:results?|output|response)|file contents?|contents? of (?:the )?file(?: [^\s:]{1,60})?|page contents?|web ?page(?: contents?)?|résultats? de (?:l['’]outil|la recherche)|contenu (?:du fichier|de la page)|suchergebnisse?|dateiinhalt|resultados? de (?:la )?búsqueda|contenido del archivo|результаты? поиска|содержимое файла|搜索结果|文件内容|网页内容|文件 \S{1,60} 的内容|检索结果|खोज परिणाम|फ़ाइल सामग्री)[ \t]*[:：]/im;
// One element is markup enough when it carries words a person does not see: alt text, a title, a style.
const ATTRIBUTED_TAG =
  /<[a-zA-Z][\w:-]{0,30}\s[^<>]{0,300}?\b(?:alt|title|aria-label|style)\s*=[^<>]{0,2000}>/g;

/**
 * The parts of a user's text that are a document, a web page or a tool's output pasted into it: a JSON
 * object, markup, an email's header block and what follows it, a block of `field: value` lines, a
 * fenced or quoted block, or what follows a short request ending in a colon ("Summarise this email:").
 * A person's own request around them is not part of them. Parts are sorted and do not overlap.
 */
export function findDocumentParts(text: string): DocumentPart[] {
  // A long page is one part, the whole text: every other part lies inside it and would merge into it.
  if (isLongPage(text)) return [{ start: 0, end: text.length }];
  const parts: DocumentPart[] = [];
  const json = firstMatch(JSON_START, text);
  if (json !== undefined) {
    const end = Math.max(text.lastIndexOf("}"), text.lastIndexOf("]")) + 1;
    if (end > json) parts.push({ start: json, end });
  }
  // Markup needs a "<", a markdown image or titled link "](": a text without them skips those scans.
  const markup = text.includes("<");
  const tags = markup ? [...text.matchAll(TAG)] : [];
  if (tags.length >= 2) {
    const first = tags[0]?.index ?? 0;
    const last = tags[tags.length - 1];
    parts.push({ start: first, end: (last?.index ?? 0) + (last?.[0].length ?? 0) });
  }
  // One by one: spread as arguments, a megabyte of fenced lines overflows the call stack.
  for (const part of lineBlocks(text)) parts.push(part);
  const page = firstAtLineStart(PAGE_START, text);
  if (page !== undefined) parts.push({ start: page, end: text.length });
  const labelled = LABELLED_OUTPUT.exec(text);
  if (labelled) parts.push({ start: labelled.index + labelled[0].length, end: text.length });
  if (markup) {
    for (const comment of htmlComments(text, MAX_COMMENT_BODY))
      parts.push({ start: comment.start, end: comment.end });
  }
  // Markdown an author hides words in: an image, or a link with a title.
  if (text.includes("](")) for (const span of markdownTitled(text)) parts.push(span);
  if (markup) {
    for (const match of text.matchAll(ATTRIBUTED_TAG)) {
      parts.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  const paste = REQUEST_THEN_PASTE.exec(text);
  if (paste && text.length - paste[0].length >= MIN_PASTE) {
    parts.push({ start: paste[0].length, end: text.length });
  }
  return merge(parts);
}

function isLongPage(text: string): boolean {
  if (text.length < LONG_PAGE) return false;
  PARAGRAPH_BREAK.lastIndex = 0;
  return PARAGRAPH_BREAK.exec(text) !== null && PARAGRAPH_BREAK.exec(text) !== null;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/g;

/**
 * Where `pattern` (sticky, multiline, every alternative starting with ^) first matches, as `exec` of
 * it made non-sticky would find: it can only match where a line starts, so it is tried there alone
 * instead of at every position of a short text.
 */
function firstAtLineStart(pattern: RegExp, text: string): number | undefined {
  LINE_BREAK.lastIndex = 0;
  for (let at = 0; at <= text.length; ) {
    pattern.lastIndex = at;
    if (pattern.test(text)) return at;
    const lineBreak = LINE_BREAK.exec(text);
    if (lineBreak === null) return undefined;
    at = lineBreak.index + 1;
  }
  return undefined;
}

function firstMatch(pattern: RegExp, text: string): number | undefined {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  return match?.index;
}

/** Email headers and field blocks (to the end of the text: the body follows), fenced and quoted blocks. */
function lineBlocks(text: string): DocumentPart[] {
  const parts: DocumentPart[] = [];
  let fieldRun = 0;
  let headerRun = 0;
  let runStart = 0;
  let quoteRun = 0;
  let quoteStart = 0;
  let fenceStart = -1;
  let at = 0;
  while (at <= text.length) {
    const newline = text.indexOf("\n", at);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(at, end);
    if (FENCE.test(line)) {
      if (fenceStart === -1) fenceStart = end + 1;
      else {
        parts.push({ start: fenceStart, end: at });
        fenceStart = -1;
      }
    }
    if (FIELD_LINE.test(line)) {
      if (fieldRun === 0) runStart = at;
      fieldRun++;
      headerRun = EMAIL_HEADER.test(line) ? headerRun + 1 : headerRun;
      if (fieldRun === 3 || headerRun === 2) parts.push({ start: runStart, end: text.length });
    } else {
      fieldRun = 0;
      headerRun = 0;
    }
    if (QUOTED_LINE.test(line)) {
      if (quoteRun === 0) quoteStart = at;
      quoteRun++;
    } else {
      if (quoteRun >= 2) parts.push({ start: quoteStart, end: at });
      quoteRun = 0;
    }
    if (newline === -1) break;
    at = newline + 1;
  }
  if (quoteRun >= 2) parts.push({ start: quoteStart, end: text.length });
  if (fenceStart !== -1 && fenceStart < text.length) parts.push({ start: fenceStart, end: text.length });
  return parts;
}

function merge(parts: DocumentPart[]): DocumentPart[] {
  parts.sort((left, right) => left.start - right.start);
  const merged: DocumentPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last && part.start <= last.end) last.end = Math.max(last.end, part.end);
    else merged.push({ ...part });
  }
  return merged;
}
