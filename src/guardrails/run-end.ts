/**
 * The end of the run of `isRunChar` characters from a position, remembering the last run read: a
 * later position inside it ends where it does, so keyword hits that fall one after another inside
 * one long run (a megabyte of `a-secret-a-secret…`) read it once, not once each.
 */
export function runEnd(
  isRunChar: (text: string, index: number) => boolean,
): (text: string, from: number) => number {
  let lastText: string | undefined;
  let lastFrom = -1;
  let lastEnd = -1;
  return (text, from) => {
    // [lastFrom, lastEnd) are all run characters and lastEnd is not one: a run from inside ends there.
    if (text === lastText && from >= lastFrom && from <= lastEnd) return lastEnd;
    let end = from;
    while (end < text.length && isRunChar(text, end)) end++;
    lastText = text;
    lastFrom = from;
    lastEnd = end;
    return end;
  };
}

/**
 * A reader's memory of the span it last read from a keyword hit (its text, the hit, the span's end):
 * the same scan's later hits inside that span were answered by that hit. A scan meets its hits in
 * order, so a hit at or before the one remembered starts a new scan of the text. Texts of equal content
 * are equal strings, so this is what lets the same text, scanned again, be read again.
 */
export function spanMemory(): {
  answered(text: string, hit: number): boolean;
  remember(text: string, hit: number, end: number): void;
} {
  let lastText: string | undefined;
  let lastHit = -1;
  let lastEnd = -1;
  return {
    answered: (text, hit) => text === lastText && hit > lastHit && hit < lastEnd,
    remember(text, hit, end) {
      lastText = text;
      lastHit = hit;
      lastEnd = end;
    },
  };
}
