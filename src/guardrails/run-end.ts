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
