const MIN_RUN = 24;
// 1: base64 alphabet, 2: `=` padding; both extend a run (the old regex's look-arounds used both).
const RUN_CHAR = new Uint8Array(128);
for (const character of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") {
  RUN_CHAR[character.charCodeAt(0)] = 1;
}
RUN_CHAR[61] = 2;

const kindAt = (text: string, index: number): number => {
  const code = text.charCodeAt(index);
  return code < 128 ? (RUN_CHAR[code] as number) : 0;
};

/**
 * Spans of what `/(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])/g` matches: maximal
 * runs of base64 characters and `=` that are 24+ base64 characters and at most two trailing `=`.
 *
 * Why not the regex: it tried a match at every position of the text. This skips like Horspool: when
 * the character 23 places after a run start is not a run character, no run of 24 starts before it.
 * Every character is read at most twice, so it stays linear.
 */
export function findBase64Runs(text: string): [number, number][] {
  const runs: [number, number][] = [];
  const length = text.length;
  // Characters in [start, knownUpTo) are known to be run characters.
  let knownUpTo = 0;
  let start = 0;
  while (start + MIN_RUN <= length) {
    if (kindAt(text, start + MIN_RUN - 1) === 0) {
      start += MIN_RUN;
      continue;
    }
    // The last non-run character before it, if any, is where the next possible run starts.
    let probe = start + MIN_RUN - 2;
    const floor = Math.max(start, knownUpTo);
    while (probe >= floor && kindAt(text, probe) !== 0) probe--;
    if (probe >= floor) {
      knownUpTo = start + MIN_RUN;
      start = probe + 1;
      continue;
    }
    let end = start + MIN_RUN;
    while (end < length && kindAt(text, end) !== 0) end++;
    if (isBase64Run(text, start, end)) runs.push([start, end]);
    knownUpTo = end;
    start = end + 1;
  }
  return runs;
}

/** Base64 characters, then at most two `=`, the 24+ base64 characters first. */
function isBase64Run(text: string, start: number, end: number): boolean {
  let padding = end;
  while (padding > start && kindAt(text, padding - 1) === 2) padding--;
  if (end - padding > 2 || padding - start < MIN_RUN) return false;
  for (let index = start; index < padding; index++) if (kindAt(text, index) !== 1) return false;
  return true;
}
