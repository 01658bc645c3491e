/**
 * The first index at or after `from` where `isStop` holds, within `limit` characters: the end of a
 * value read from a keyword hit. It remembers the stretch it last found free of stops, so the hits
 * inside one long run (`password=password=…`, `:api_key:` repeated, a megabyte of either) read the run
 * once between them instead of up to `limit` characters each. Only a repeated read is skipped: the
 * answer is the one a plain loop gives.
 */
export class StopFinder {
  private text = "";
  /** `[from, clear)` of `text` holds no stop. */
  private from = 0;
  private clear = 0;

  constructor(private readonly isStop: (text: string, index: number) => boolean) {}

  /** The stop's index, or `min(text.length, from + limit)` when there is none before it. */
  find(text: string, from: number, limit: number): number {
    let position = from;
    if (text === this.text && from >= this.from && from <= this.clear) position = this.clear;
    else {
      this.text = text;
      this.from = from;
      this.clear = from;
    }
    const last = Math.min(text.length, from + limit);
    while (position < last && !this.isStop(text, position)) position++;
    // A stretch read further before, for a later `from` (`clear > last`), stays known as stop-free.
    if (position > this.clear) this.clear = position;
    return Math.min(position, last);
  }
}
