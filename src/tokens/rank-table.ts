import type { Turn } from "./bounded-count.js";
import { type Utf8Written, writeUtf8 } from "./utf8.js";

/**
 * A byte-pair vocabulary held as bytes: every token's bytes in one Uint8Array, where each rank's
 * bytes start (an Int32Array), and an open-addressing hash table (an Int32Array of ranks) keyed by
 * the bytes. Building one creates no JavaScript string or object per token, so loading 200,000
 * ranks leaves the garbage collector next to nothing to do: gpt-tokenizer's Map of 200,000 rank
 * strings took ~20 MB of heap and, built in steps, still cost major collections of 10-80 ms.
 *
 * The rank file (`npm run build` writes one per OpenAI encoding beside the bundle): a u32
 * little-endian count of ranks, then each rank's length in bytes (a u8; 0 for an unused rank),
 * then every rank's bytes, in rank order.
 */
export class RankTable {
  /** Ranks (token ids) 0 … size - 1, some possibly unused. */
  readonly size: number;
  /** Used ranks. */
  readonly count: number;
  private readonly bytes: Uint8Array;
  /** Rank r's bytes are bytes[starts[r] … starts[r + 1]). */
  private readonly starts: Int32Array;
  /** Open addressing, linear probing: a rank, or -1 for an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(parts: { bytes: Uint8Array; starts: Int32Array; slots: Int32Array; count: number }) {
    this.bytes = parts.bytes;
    this.starts = parts.starts;
    this.slots = parts.slots;
    this.mask = parts.slots.length - 1;
    this.size = parts.starts.length - 1;
    this.count = parts.count;
  }

  /** The rank of `key[start … end)`, or -1 when no token has those bytes. */
  rankOf(key: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const { bytes, starts, slots, mask } = this;
    for (let slot = hashBytes(key, start, end) & mask; ; slot = (slot + 1) & mask) {
      const rank = slots[slot] as number;
      if (rank < 0) return -1;
      const at = starts[rank] as number;
      if ((starts[rank + 1] as number) - at !== length) continue;
      let index = 0;
      while (index < length && bytes[at + index] === key[start + index]) index++;
      if (index === length) return rank;
    }
  }

  /** A copy of rank `rank`'s bytes (empty for an unused rank). */
  bytesOf(rank: number): Uint8Array {
    return this.bytes.slice(this.starts[rank], this.starts[rank + 1]);
  }
}

/** FNV-1a, 32 bits, of `key[start … end)`: the table's slot, and the counter's merge-cache slot. */
export function hashBytes(key: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ (key[index] as number), 0x01000193);
  return hash >>> 0;
}

/**
 * Ranks added between two looks at the turn's clock: ~0.1 ms once compiled, a few ms for the
 * first batches, which V8 runs in its interpreter (one pass over all 200,000 ranks, unoptimized,
 * held the loop 25-50 ms).
 */
const RANKS_PER_BATCH = 1024;
const HEADER_BYTES = 4;

/**
 * gpt-tokenizer's ranks (the token's text where it is valid UTF-8, else its bytes; holes for
 * unused ranks) as a rank file, written in place: no array per token.
 */
export function rankFile(ranks: readonly (string | number[] | null | undefined)[]): Uint8Array {
  let most = HEADER_BYTES + ranks.length;
  for (let rank = 0; rank < ranks.length; rank++) {
    const value = ranks[rank];
    if (value !== null && value !== undefined)
      most += typeof value === "string" ? value.length * 3 : value.length;
  }
  const file = new Uint8Array(most);
  new DataView(file.buffer).setUint32(0, ranks.length, true);
  const written: Utf8Written = { written: 0, loneSurrogate: false };
  let offset = HEADER_BYTES + ranks.length;
  for (let rank = 0; rank < ranks.length; rank++) {
    const value = ranks[rank];
    let length = 0;
    if (typeof value === "string") {
      writeUtf8(value, file, offset, written);
      // A token's text is decoded UTF-8: a lone surrogate means the ranks are not what they claim.
      if (written.loneSurrogate) throw new Error(`rank ${rank}: its text holds a lone surrogate`);
      length = written.written;
    } else if (value !== null && value !== undefined) {
      file.set(value, offset);
      length = value.length;
    }
    if (length > 255) throw new Error(`rank ${rank}: ${length} bytes, more than a rank file holds`);
    file[HEADER_BYTES + rank] = length;
    offset += length;
  }
  return file.slice(0, offset);
}

interface TableParts {
  bytes: Uint8Array;
  lengths: Uint8Array;
  starts: Int32Array;
  slots: Int32Array;
}

function emptyTable(file: Uint8Array): TableParts {
  if (file.length < HEADER_BYTES) throw new Error("rank file: too short");
  const size = new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(0, true);
  const lengths = file.subarray(HEADER_BYTES, HEADER_BYTES + size);
  if (lengths.length !== size) throw new Error("rank file: too short for its count of ranks");
  // At most half full (holes would only leave it emptier): probes stay short.
  let capacity = 1;
  while (capacity < size * 2) capacity *= 2;
  return {
    bytes: file.subarray(HEADER_BYTES + size),
    lengths,
    starts: new Int32Array(size + 1),
    slots: new Int32Array(capacity).fill(-1),
  };
}

function finished(parts: TableParts, count: number): RankTable {
  if (parts.starts[parts.lengths.length] !== parts.bytes.length)
    throw new Error("rank file: its lengths do not add up to its bytes");
  return new RankTable({ bytes: parts.bytes, starts: parts.starts, slots: parts.slots, count });
}

/**
 * The table of a rank file, built in batches of RANKS_PER_BATCH ranks, pausing through `turn`
 * between them. A later rank with the same bytes as an earlier one wins, as in gpt-tokenizer's
 * Map (no vocabulary modelmux loads has one).
 */
export async function buildRankTable(file: Uint8Array, turn: Turn): Promise<RankTable> {
  const parts = emptyTable(file);
  const size = parts.lengths.length;
  let count = 0;
  for (let first = 0; first < size; first += RANKS_PER_BATCH) {
    count += addRanks(parts, first, Math.min(first + RANKS_PER_BATCH, size));
    await turn.pause();
  }
  return finished(parts, count);
}

/** The same table at once, for a thread with no event loop to share (the open families' worker). */
export function buildRankTableNow(file: Uint8Array): RankTable {
  const parts = emptyTable(file);
  return finished(parts, addRanks(parts, 0, parts.lengths.length));
}

/** Sets the starts of ranks first … last - 1 and puts them in the hash table; how many were used (not holes). */
function addRanks(parts: TableParts, first: number, last: number): number {
  const { bytes, lengths, starts, slots } = parts;
  const mask = slots.length - 1;
  let used = 0;
  for (let rank = first; rank < last; rank++) {
    const start = starts[rank] as number;
    const end = start + (lengths[rank] as number);
    if (end > bytes.length) throw new Error("rank file: its lengths do not add up to its bytes");
    starts[rank + 1] = end;
    if (start === end) continue;
    used++;
    let slot = hashBytes(bytes, start, end) & mask;
    while ((slots[slot] as number) >= 0 && !sameBytes(bytes, starts, slots[slot] as number, start, end))
      slot = (slot + 1) & mask;
    slots[slot] = rank;
  }
  return used;
}

function sameBytes(bytes: Uint8Array, starts: Int32Array, rank: number, start: number, end: number): boolean {
  const at = starts[rank] as number;
  if ((starts[rank + 1] as number) - at !== end - start) return false;
  for (let index = 0; index < end - start; index++)
    if (bytes[at + index] !== bytes[start + index]) return false;
  return true;
}
