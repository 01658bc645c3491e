/** Where matches start and end, `starts[i]` to `ends[i]`, in text order. */
export interface MatchSpans {
  starts: number[];
  ends: number[];
}

/**
 * The spans of the matches of each of `patterns` (sticky) that `text.matchAll` of the pattern made
 * global would give, each pattern trying only the text's start and the places where one of `leads`
 * (global) matches. The caller's leads must match wherever a pattern can: then no match is missed,
 * and a pattern tried at one more place still finds only its own matches. A whole alternation tried
 * at every position of a page costs several times a pass of a few literal words that start it.
 * Spans, not the matches: a megabyte of addresses has 80,000, and kept as match arrays until read
 * they were a third of the garbage collector's work.
 */
export function matchesAtLeads(
  text: string,
  leads: readonly RegExp[],
  patterns: readonly RegExp[],
): MatchSpans[] {
  const found = patterns.map((): MatchSpans => ({ starts: [], ends: [] }));
  // Per pattern, where its next match may start (matchAll's lastIndex); per lead, its next place.
  const from = patterns.map(() => 0);
  const next = leads.map(() => -1);
  let at = 0;
  // Indexed loops: an `entries()` iterator and its pairs at every lead made a megabyte of addresses
  // spend a third of this function collecting them.
  while (at <= text.length) {
    for (let index = 0; index < patterns.length; index++) {
      const pattern = patterns[index];
      if (pattern === undefined || at < (from[index] ?? 0)) continue;
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (match === null) continue;
      const spans = found[index];
      spans?.starts.push(at);
      spans?.ends.push(at + match[0].length);
      from[index] = at + Math.max(1, match[0].length);
    }
    let following = Number.POSITIVE_INFINITY;
    for (let index = 0; index < leads.length; index++) {
      const lead = leads[index];
      if (lead !== undefined && (next[index] ?? 0) <= at) {
        lead.lastIndex = at + 1;
        next[index] = lead.exec(text)?.index ?? Number.POSITIVE_INFINITY;
      }
      following = Math.min(following, next[index] ?? 0);
    }
    at = following;
  }
  return found;
}
