import { TextUnits } from "../text-units.js";

/** What writeUtf8 reports besides the bytes: kept by the caller and reused, so no call allocates. */
export interface Utf8Written {
  written: number;
  /** The text held a lone surrogate, written as U+FFFD (EF BF BD) as TextEncoder writes it. */
  loneSurrogate: boolean;
}

const textUnits = new TextUnits();

/**
 * Writes `text` as UTF-8 into `into` from `offset`, which must have room for text.length * 3
 * bytes; sets `out`. TextEncoder.encodeInto does the same but needs a subarray and returns an
 * object per call: for the 130,000-200,000 tokens of a vocabulary, or every pre-token counted,
 * that garbage costs more than the encoding.
 */
export function writeUtf8(text: string, into: Uint8Array, offset: number, out: Utf8Written): void {
  writeUnitsUtf8(textUnits.of(text), 0, text.length, into, offset, out);
}

/**
 * The same for the UTF-16 units `units[from, to)` (see TextUnits): reading a typed array stays
 * cheap whatever V8 representation the text had, where `charCodeAt` over the pieces a regex cut
 * from a parsed request became a megamorphic lookup per unit (~140 instructions each).
 */
export function writeUnitsUtf8(
  units: Uint16Array,
  from: number,
  to: number,
  into: Uint8Array,
  offset: number,
  out: Utf8Written,
): void {
  let at = offset;
  let lone = false;
  for (let index = from; index < to; index++) {
    let code = units[index] as number;
    if (code < 0x80) {
      into[at++] = code;
      continue;
    }
    if (code < 0x800) {
      into[at++] = 0xc0 | (code >> 6);
      into[at++] = 0x80 | (code & 0x3f);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = index + 1 < to ? (units[index + 1] as number) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        index++;
        into[at++] = 0xf0 | (code >> 18);
        into[at++] = 0x80 | ((code >> 12) & 0x3f);
        into[at++] = 0x80 | ((code >> 6) & 0x3f);
        into[at++] = 0x80 | (code & 0x3f);
        continue;
      }
      lone = true;
      code = 0xfffd;
    }
    into[at++] = 0xe0 | (code >> 12);
    into[at++] = 0x80 | ((code >> 6) & 0x3f);
    into[at++] = 0x80 | (code & 0x3f);
  }
  out.written = at - offset;
  out.loneSurrogate = lone;
}
