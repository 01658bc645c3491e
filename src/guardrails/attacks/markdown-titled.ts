/** The longest alt text, link target and title read, as MARKDOWN_TITLED (document-parts.ts) bounds them. */
const MAX_ALT = 500;
const MAX_TARGET = 2000;
/** After the target: whitespace, a quoted title of at most 500 characters on one line, the closing bracket. */
const TITLE = /\s+"[^"\n]{0,500}"\)/y;
/** What ends a link target: its closing bracket or whitespace. */
const TARGET_STOP = /[)\s]/g;

/** A span `[start, end)` of a text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Where an author hides words in markdown: a link or an image with a title, `[text](target "title")`
 * or `![alt](target "title")`, and an image, `![alt](target)`; as `text.matchAll` of
 * /!?\[[^\]\n]{0,500}\]\([^)\s]{1,2000}(?:\s+"[^"\n]{0,500}")\)|!\[[^\]\n]{0,500}\]\([^)\s]{1,2000}\)/g
 * finds them, in one pass. The regex read up to 500 characters after every `[` and 2,000 after every
 * `](` that followed: a user's megabyte of `![a](` took 4.4 s to find nothing, of `[a](` 1.7 s. Each
 * part is read as the regex reads it (markdown-images.ts says why): the text to the first `]` or line
 * break, the target to the first `)` or whitespace, then a title or, for an image, the bracket. The
 * next `]`, line break and target end are looked up once and kept for the openings before them.
 */
export function markdownTitled(text: string): Span[] {
  const spans: Span[] = [];
  let bracket = -1;
  let lineBreak = -1;
  let stop = -1;
  /** Where the regex goes on looking: the end of its last match. */
  let resume = 0;
  for (let open = text.indexOf("["); open !== -1; open = text.indexOf("[", Math.max(open + 1, resume))) {
    // An image's `!` is part of the match: tried first, as the regex tries the position before.
    const image = open > resume && text[open - 1] === "!";
    const span = read(open, image);
    if (span === undefined) continue;
    spans.push(span);
    resume = span.end;
  }
  return spans;

  /** The match at the `[` at `open` (from its `!` when `image`), or none. */
  function read(open: number, image: boolean): Span | undefined {
    const altStart = open + 1;
    if (bracket !== Number.POSITIVE_INFINITY && bracket < altStart)
      bracket = indexOrInfinity(text.indexOf("]", altStart));
    if (lineBreak !== Number.POSITIVE_INFINITY && lineBreak < altStart)
      lineBreak = indexOrInfinity(text.indexOf("\n", altStart));
    if (!(bracket < lineBreak && bracket - altStart <= MAX_ALT && text[bracket + 1] === "("))
      return undefined;
    const targetStart = bracket + 2;
    if (stop !== Number.POSITIVE_INFINITY && stop < targetStart) {
      TARGET_STOP.lastIndex = targetStart;
      stop = indexOrInfinity(TARGET_STOP.exec(text)?.index ?? -1);
    }
    if (stop === targetStart || stop - targetStart > MAX_TARGET) return undefined;
    const start = image ? open - 1 : open;
    TITLE.lastIndex = stop;
    const titled = TITLE.exec(text);
    if (titled !== null) return { start, end: stop + titled[0].length };
    return image && text[stop] === ")" ? { start, end: stop + 1 } : undefined;
  }
}

function indexOrInfinity(index: number): number {
  return index === -1 ? Number.POSITIVE_INFINITY : index;
}
