/** Longest caller-supplied name echoed whole into errors, logs and the ledger. */
export const MAX_ECHOED_CHARS = 200;

/** `text` as is when short; else its start and its length, so a 500,000-character name stays small. */
export function clip(text: string, max = MAX_ECHOED_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
