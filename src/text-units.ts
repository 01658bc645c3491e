// Text as UTF-16 code units in a typed array: one native copy instead of a charCodeAt per unit.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Texts up to this many units reuse one buffer; a longer one gets its own, not kept after. */
const KEPT_UNITS = 64 * 1024;

/**
 * A text's UTF-16 units in a reused typed array, copied by one native call. Why not charCodeAt:
 * the strings a server scans come in many V8 representations (one- and two-byte, flat, sliced,
 * concatenated, internalized), and past four of them `text.charCodeAt` in a loop is a megamorphic
 * property lookup on every unit (~120 instructions each, 5× the loop's own work).
 */
export class TextUnits {
  private units = new Uint16Array(256);
  private bytes = Buffer.from(this.units.buffer);

  /** The units of `text` in `[0, text.length)` of the result (longer; stale past it), valid until the next call. */
  of(text: string): Uint16Array {
    const length = text.length;
    let units = this.units;
    let bytes = this.bytes;
    if (length > units.length) {
      units = new Uint16Array(Math.max(length, units.length * 2));
      bytes = Buffer.from(units.buffer);
      if (length <= KEPT_UNITS) {
        this.units = units;
        this.bytes = bytes;
      }
    }
    if (LITTLE_ENDIAN) bytes.write(text, 0, length * 2, "utf16le");
    else for (let index = 0; index < length; index++) units[index] = text.charCodeAt(index);
    return units;
  }
}

/** String.fromCharCode takes the codes as arguments: a long text goes in pieces under the engine's argument limit. */
const UNITS_PER_CALL = 4096;

/** The string of these UTF-16 code units. */
export function stringOfUnits(units: readonly number[] | Uint16Array): string {
  if (units.length <= UNITS_PER_CALL) return String.fromCharCode.apply(null, units as number[]);
  let text = "";
  for (let at = 0; at < units.length; at += UNITS_PER_CALL)
    text += String.fromCharCode.apply(null, units.slice(at, at + UNITS_PER_CALL) as number[]);
  return text;
}
