/**
 * Maximal runs of characters accepted by `isRunChar` that are at least `minRun` long, found without
 * trying every position: when the character `minRun - 1` places after a possible start is no run
 * character, no run that long starts before it, so other text is skipped `minRun` characters at a
 * time (like Horspool). Every character is read at most twice, so it stays linear. A run's start
 * always follows a character outside the class or opens the text.
 */
export function longRuns(
  text: string,
  minRun: number,
  isRunChar: (text: string, index: number) => boolean,
): [number, number][] {
  const runs: [number, number][] = [];
  const { length } = text;
  // Characters in [start, knownUpTo) are known to be run characters.
  let knownUpTo = 0;
  let start = 0;
  while (start + minRun <= length) {
    if (!isRunChar(text, start + minRun - 1)) {
      start += minRun;
      continue;
    }
    // The last non-run character before it, if any, is where the next possible run starts.
    let probe = start + minRun - 2;
    const floor = Math.max(start, knownUpTo);
    while (probe >= floor && isRunChar(text, probe)) probe--;
    if (probe >= floor) {
      knownUpTo = start + minRun;
      start = probe + 1;
      continue;
    }
    let end = start + minRun;
    while (end < length && isRunChar(text, end)) end++;
    runs.push([start, end]);
    knownUpTo = end;
    start = end + 1;
  }
  return runs;
}
