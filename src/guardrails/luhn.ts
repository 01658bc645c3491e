/** validator.isLuhnNumber for a string of ASCII digits, by char codes (no sanitizing copy, no parseInt). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = digits.length - 1, double = false; index >= 0; index--, double = !double) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) digit = digit * 2 >= 10 ? ((digit * 2) % 10) + 1 : digit * 2;
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}
