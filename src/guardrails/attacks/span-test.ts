/**
 * `pattern.test(text.slice(start, end))` for many spans of one text, without reading each span
 * whole: the embedded-instruction detector tests the 300 characters after every address for an
 * imperative, and a megabyte of "\nfor the ai: " has 80,000 addresses whose spans overlap.
 *
 * The pattern may look at the span's edges (`\b`, `^`, a look-ahead) but must not look further than
 * `reach` characters from where its match starts (its longest match plus a look-ahead; no `+`, `*`
 * or `{n,}`). Then a match starting more than `reach` characters before the span's end and after its
 * start reads only characters of the span, as it reads them in the whole text: the first match in
 * the whole text after `start` (looked up once and kept for the spans before it) answers for the
 * middle. Its first position and last `reach` are tried on the span itself, edges and all.
 */
export class SpanTest {
  private readonly anywhere: RegExp;
  private readonly atStart: RegExp;
  /** The first match in the whole text at or after `from` starts at `next` (-1: none). */
  private from = -1;
  private next = -1;

  constructor(
    private readonly text: string,
    private readonly pattern: RegExp,
    private readonly reach: number,
  ) {
    this.anywhere = globalCopy(pattern);
    this.atStart = stickyCopy(pattern);
  }

  /** Whether `pattern.test(text.slice(start, end))` holds. */
  has(start: number, end: number): boolean {
    const { text, reach } = this;
    const span = text.slice(start, end);
    if (end - start <= 2 * reach) return this.pattern.test(span);
    this.atStart.lastIndex = 0;
    if (this.atStart.test(span)) return true;
    const middle = this.firstFrom(start + 1);
    if (middle !== -1 && middle <= end - reach) return true;
    // The span's last `reach` characters, with the one before them so the first reads as it does in
    // the span; a match there starts at 1 or after (`^` cannot, the pattern is not multiline).
    const tail = text.slice(end - reach - 1, end);
    this.anywhere.lastIndex = 1;
    return this.anywhere.test(tail);
  }

  private firstFrom(from: number): number {
    if (this.from === -1 || from < this.from || (this.next !== -1 && from > this.next)) {
      this.anywhere.lastIndex = from;
      this.from = from;
      this.next = this.anywhere.exec(this.text)?.index ?? -1;
    }
    return this.next;
  }
}

const globalCopies = new WeakMap<RegExp, RegExp>();
const stickyCopies = new WeakMap<RegExp, RegExp>();

function globalCopy(pattern: RegExp): RegExp {
  let copy = globalCopies.get(pattern);
  if (copy === undefined) {
    copy = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, "")}g`);
    globalCopies.set(pattern, copy);
  }
  return copy;
}

function stickyCopy(pattern: RegExp): RegExp {
  let copy = stickyCopies.get(pattern);
  if (copy === undefined) {
    copy = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, "")}y`);
    stickyCopies.set(pattern, copy);
  }
  return copy;
}
