/**
 * Where gpt-tokenizer's counts differed from tiktoken's, two defects reported upstream (see
 * README, Tokens):
 *
 * 1. Whitespace. tiktoken's pre-token regex runs in Rust, where `\s` is Unicode White_Space;
 *    JavaScript's `\s` also matches U+FEFF (not White_Space) and misses U+0085 (White_Space).
 *    So text is split with `\p{White_Space}` in place of `\s` (below).
 * 2. The byte-order mark. gpt-tokenizer turns byte sequences into strings for the rank lookup
 *    with a TextDecoder that drops a leading U+FEFF, so no token that starts with one is found
 *    (a lone U+FEFF counted 2, tiktoken 1). byte-pair-counter.ts looks tokens up by their bytes,
 *    which cannot do that; the tests' reference, gpt-tokenizer's own core, is fixed by
 *    test/support/gpt-tokenizer-reference.ts.
 */

/** The same pattern with JavaScript's `\s` / `\S` replaced by Unicode White_Space, as in Rust. */
export function withUnicodeWhitespace(split: RegExp): RegExp {
  const source = split.source.replace(/\\s/g, "\\p{White_Space}").replace(/\\S/g, "\\P{White_Space}");
  return new RegExp(source, split.flags.includes("u") ? split.flags : `${split.flags}u`);
}
