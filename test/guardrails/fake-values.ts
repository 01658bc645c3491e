/** Deterministic fake credentials of the right shape: random-looking, never real. */
export function fakeChars(length: number, alphabet: string, seed = 1): string {
  // xorshift32: deterministic, and plenty random for shapes and entropy checks.
  let state = (seed * 2654435761) >>> 0 || 1;
  let out = "";
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const alnum = (length: number, seed = 1) => fakeChars(length, ALNUM, seed);
export const urlSafe = (length: number, seed = 1) => fakeChars(length, `${ALNUM}_-`, seed);
export const base64 = (length: number, seed = 1) => fakeChars(length, `${ALNUM}+/`, seed);
export const hex = (length: number, seed = 1) => fakeChars(length, "0123456789abcdef", seed);

/** Card number with the given prefix and a valid Luhn check digit. */
export function luhnNumber(prefix: string, length: number, seed = 1): string {
  const body = prefix + fakeChars(length - prefix.length - 1, "0123456789", seed);
  let sum = 0;
  for (let index = 0; index < body.length; index++) {
    let digit = Number(body[body.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}
