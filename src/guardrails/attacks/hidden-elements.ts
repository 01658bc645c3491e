/**
 * An element styled out of sight (`display:none`, `visibility:hidden`, `font-size:0`, `opacity:0`)
 * with its tag name and its body: the style is read within 300 characters of the tag name and
 * before the tag's `>`, the body up to 4,000 characters before the element's closing tag.
 */
const HIDDEN_ELEMENT =
  /<(\w+)\b[^>]{0,300}style\s*=\s*["'][^"']{0,200}(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0)[^"']{0,200}["'][^>]{0,300}>([\s\S]{0,4000}?)<\/\1>/iy;
const STYLE = /style/gi;
const HIDDEN = /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0/gi;
const WORD_RUN = /\w*/y;
const MAX_BEFORE_STYLE = 300;

/**
 * The hidden elements of a text, as `text.matchAll` of HIDDEN_ELEMENT made global finds them. The
 * pattern reads up to 300 characters after every `<` of a word, and more at each `style` it sees,
 * so a megabyte of `<a ` read as a document took 0.3 s to find nothing and of
 * `<a style="display:none" ` 0.6 s. It is tried only at a `<` that has, after it, a `style` before
 * the next `>` and within its 300 characters, a hidden style, and its element's closing tag after
 * that `>`: each of these is looked up once and kept for the openings before it.
 */
export function hiddenElements(text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let close = -1;
  let style = -1;
  let hidden = -1;
  /** Per lower-cased tag name, its first closing tag at or after the `>` it was looked up from. */
  const closings = new Map<string, number>();
  for (let open = text.indexOf("<"); open !== -1; ) {
    if (close <= open) close = text.indexOf(">", open + 1);
    // Each looked up only when those before it were found: markup with no style is not read for one.
    if (close === -1) break;
    style = nextAfter(STYLE, text, open, style);
    if (style === -1) break;
    hidden = nextAfter(HIDDEN, text, open, hidden);
    if (hidden === -1) break;
    WORD_RUN.lastIndex = open + 1;
    const name = WORD_RUN.exec(text)?.[0] ?? "";
    if (name !== "" && style < close && style - (open + 1 + name.length) <= MAX_BEFORE_STYLE) {
      const key = name.toLowerCase();
      let closing = closings.get(key);
      if (closing === undefined || (closing !== -1 && closing < close)) {
        const closingTag = new RegExp(`</${name}>`, "gi");
        closingTag.lastIndex = close;
        closing = closingTag.exec(text)?.index ?? -1;
        closings.set(key, closing);
      }
      if (closing !== -1) {
        HIDDEN_ELEMENT.lastIndex = open;
        const match = HIDDEN_ELEMENT.exec(text);
        if (match !== null) {
          found.push(match);
          open = text.indexOf("<", open + match[0].length);
          continue;
        }
      }
    }
    open = text.indexOf("<", open + 1);
  }
  return found;
}

/** The first match of `pattern` (global) after `open`: `known` when that is still it. */
function nextAfter(pattern: RegExp, text: string, open: number, known: number): number {
  if (known > open) return known;
  pattern.lastIndex = open + 1;
  return pattern.exec(text)?.index ?? -1;
}
