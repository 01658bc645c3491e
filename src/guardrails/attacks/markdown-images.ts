/** The longest alt text, link target and title read, as MARKDOWN_IMAGE (embedded-instructions.ts) bounds them. */
const MAX_ALT = 500;
const MAX_TARGET = 2000;
/** After the target: whitespace, a quoted title of at most 500 characters on one line, the closing bracket. */
const TITLE = /\s+"([^"\n]{0,500})"\)/y;
/** What ends a link target: its closing bracket or whitespace. */
const TARGET_STOP = /[)\s]/g;

/** A markdown image `![alt](target "title")` at `[start, end)`. */
export interface MarkdownImage {
  start: number;
  end: number;
  alt: string;
  title: string | undefined;
}

/**
 * The markdown images of a text, as `text.matchAll(/!\[([^\]\n]{0,500})\]\([^)\s]{0,2000}(?:\s+"([^"\n]{0,500})")?\)/g)`
 * finds them, in one pass. The regex read up to 500 characters after every `![` and up to 2,000 after
 * every `](` that followed, so a megabyte of `![` took 0.7 s and of `![a](` 1.75 s; here the next `]`,
 * line break and target end after an opening are looked up once and kept for the openings before them.
 * Each part is read as the regex reads it: the alt text runs to the first `]` or line break (it holds
 * neither, so no shorter alt can be followed by `]`), the target to the first `)` or whitespace (a
 * shorter one is followed by neither), then a title or the closing bracket.
 */
export function markdownImages(text: string): MarkdownImage[] {
  const images: MarkdownImage[] = [];
  let bracket = -1;
  let lineBreak = -1;
  let stop = -1;
  for (let open = text.indexOf("!["); open !== -1; ) {
    const altStart = open + 2;
    if (bracket !== Number.POSITIVE_INFINITY && bracket < altStart)
      bracket = indexOrInfinity(text.indexOf("]", altStart));
    if (lineBreak !== Number.POSITIVE_INFINITY && lineBreak < altStart)
      lineBreak = indexOrInfinity(text.indexOf("\n", altStart));
    const image =
      bracket < lineBreak && bracket - altStart <= MAX_ALT && text[bracket + 1] === "("
        ? readTarget(text, open, bracket)
        : undefined;
    if (image === undefined) {
      open = text.indexOf("![", open + 1);
      continue;
    }
    images.push(image);
    open = text.indexOf("![", image.end);
  }
  return images;

  function readTarget(text: string, open: number, close: number): MarkdownImage | undefined {
    const targetStart = close + 2;
    if (stop !== Number.POSITIVE_INFINITY && stop < targetStart) {
      TARGET_STOP.lastIndex = targetStart;
      stop = indexOrInfinity(TARGET_STOP.exec(text)?.index ?? -1);
    }
    if (stop - targetStart > MAX_TARGET) return undefined;
    const alt = text.slice(open + 2, close);
    if (text[stop] === ")") return { start: open, end: stop + 1, alt, title: undefined };
    TITLE.lastIndex = stop;
    const titled = TITLE.exec(text);
    return titled === null ? undefined : { start: open, end: stop + titled[0].length, alt, title: titled[1] };
  }
}

function indexOrInfinity(index: number): number {
  return index === -1 ? Number.POSITIVE_INFINITY : index;
}
