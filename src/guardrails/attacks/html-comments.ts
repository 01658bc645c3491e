/** The longest comment body read: a hidden instruction is a sentence or a paragraph. */
export const MAX_COMMENT_BODY = 4000;

/** An HTML comment `<!--body-->` at `[start, end)`. */
export interface HtmlComment {
  start: number;
  end: number;
  body: string;
}

/**
 * The HTML comments of a text with a body of at most `maxBody` characters, as
 * `text.matchAll(/<!--([\s\S]{0,maxBody}?)-->/g)` finds them, in one pass: the regex tries up to
 * `maxBody` characters after every unclosed `<!--` (a megabyte of them took 1.5 s), while the next
 * `-->` after an opening is looked up once and kept for the openings before it.
 */
export function htmlComments(text: string, maxBody: number): HtmlComment[] {
  const comments: HtmlComment[] = [];
  let close = -1;
  let open = text.indexOf("<!--");
  while (open !== -1) {
    const bodyStart = open + 4;
    // The nearest close at or after bodyStart: the one kept is still it, as none lies before it.
    if (close < bodyStart) close = text.indexOf("-->", bodyStart);
    if (close === -1) break;
    if (close - bodyStart <= maxBody) {
      comments.push({ start: open, end: close + 3, body: text.slice(bodyStart, close) });
      open = text.indexOf("<!--", close + 3);
    } else {
      open = text.indexOf("<!--", open + 1);
    }
  }
  return comments;
}
