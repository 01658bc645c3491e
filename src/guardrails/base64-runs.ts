import { longRuns } from "./long-runs.js";

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

const isRunOrPadding = (text: string, index: number): boolean => kindAt(text, index) !== 0;

/**
 * Spans of what `/(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])/g` matches: maximal
 * runs of base64 characters and `=` that are 24+ base64 characters and at most two trailing `=`.
 * Why not the regex: it tried a match at every position of the text; longRuns skips and stays linear.
 */
export function findBase64Runs(text: string): [number, number][] {
  return longRuns(text, MIN_RUN, isRunOrPadding).filter(([start, end]) => isBase64Run(text, start, end));
}

/** Base64 characters, then at most two `=`, the 24+ base64 characters first. */
function isBase64Run(text: string, start: number, end: number): boolean {
  let padding = end;
  while (padding > start && kindAt(text, padding - 1) === 2) padding--;
  if (end - padding > 2 || padding - start < MIN_RUN) return false;
  for (let index = start; index < padding; index++) if (kindAt(text, index) !== 1) return false;
  return true;
}
