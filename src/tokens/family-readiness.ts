import { runOffThread, tokensLaneEpoch } from "../workers/offload.js";
import { FAMILY_ENCODINGS, type FamilyEncoding } from "./family-encodings.js";

/**
 * Which open families' vocabularies the tokens-lane worker holds. Loading one holds that thread
 * for 0.2-0.5 s (built server) to a second or more (from source); until it is loaded, estimate_cost
 * and compare_models count the family's models with the o200k_base proxy, say so, and start the
 * load, rather than keep the caller waiting (count-input.ts). Counting a family's text itself
 * (countTextTokens) waits for the load.
 */
const warm = new Set<FamilyEncoding>();
const warming = new Map<FamilyEncoding, Promise<void>>();
let epoch = tokensLaneEpoch();

/** A tokens-lane thread lost or stopped took its vocabularies with it. */
function forgetIfLost(): void {
  if (epoch === tokensLaneEpoch()) return;
  epoch = tokensLaneEpoch();
  warm.clear();
  warming.clear();
}

export function isFamilyTokenizerWarm(family: FamilyEncoding): boolean {
  forgetIfLost();
  return warm.has(family);
}

/** Loads a family's vocabulary on the tokens lane, once; later calls share the first. */
export function warmFamilyTokenizer(family: FamilyEncoding): Promise<void> {
  forgetIfLost();
  let pending = warming.get(family);
  if (!pending) {
    const started = epoch;
    pending = runOffThread("loadFamilyTokenizer", family).then(
      () => {
        if (tokensLaneEpoch() === started) warm.add(family);
      },
      (error: unknown) => {
        if (warming.get(family) === pending) warming.delete(family);
        throw error;
      },
    );
    warming.set(family, pending);
  }
  return pending;
}

export function warmFamilyTokenizers(families: readonly FamilyEncoding[] = FAMILY_ENCODINGS): Promise<void> {
  return Promise.all(families.map(warmFamilyTokenizer)).then(() => undefined);
}
