import { asciiClass } from "./char-class.js";
import { shannonEntropy } from "./entropy.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * A Discord bot token written alone (`client.login("MTA0…Mw.GxQ2vZ.k3Jd…")`): three base64url parts
 * joined by dots, the first the bot's user id (a snowflake of 17–20 digits) in base64, the second a
 * 6-character timestamp, the third an HMAC of 27–38 characters (Discord's developer docs; the
 * token's id part is the user id, which its API returns as a string of digits).
 *
 * The rules that name Discord need the word before the token; alone it has no fixed prefix. But the
 * base64 of digits has one shape: each 3 digits give `[MNO]`, then `T D j z` by the first digit,
 * `A E I M Q U Y c g k` by the second, `w`–`z` or `0`–`5` by the third. Its first four characters
 * (900 of them) are the keywords, and the first part must decode to digits: a dotted run that merely
 * looks like it is no token. Tokens shown in docs and test fixtures are often edited by hand
 * (`OTUyNED5MDk2…`: a few characters changed), so an id part that does not decode is read as one
 * when at least half of its 4-character groups decode to three digits, the keyword's one included (a
 * random run after a chance keyword has odds of about 1 in 16,000 per further group), and its length is
 * that of an id of at most 19 digits (26 characters: ids are under 2^63).
 */
const FIRST_PAIRS = ["MT", "Mj", "Mz", "ND", "NT", "Nj", "Nz", "OD", "OT"];
const SECOND_DIGIT = "AEIMQUYcgk";
const THIRD_DIGIT = "wxyz012345";
const KEYWORDS = FIRST_PAIRS.flatMap((pair) =>
  [...SECOND_DIGIT].flatMap((second) => [...THIRD_DIGIT].map((third) => `${pair}${second}${third}`)),
).map((keyword) => keyword.toLowerCase());

const TOKEN = /([A-Za-z0-9_-]{23,27})\.[A-Za-z0-9_-]{6}\.([A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/y;
// A token part, or base64's `+` and `/`: a token starting after one is inside a longer run.
const isRunChar = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/.");
const SNOWFLAKE = /^[1-9]\d{16,19}$/;
const DIGITS = /^\d{3}$/;
const EDITED_ID_LENGTH = 26;

/** Whether the id part is a user id's digits, or most of them (see above). */
function readsAsId(id: string): boolean {
  if (SNOWFLAKE.test(Buffer.from(id, "base64url").toString("latin1"))) return true;
  if (id.length > EDITED_ID_LENGTH) return false;
  const groups = Math.floor(id.length / 4);
  let digits = 0;
  for (let group = 0; group < groups; group++)
    if (DIGITS.test(Buffer.from(id.slice(group * 4, group * 4 + 4), "base64url").toString("latin1")))
      digits++;
  return digits * 2 >= groups;
}

export const discordBotTokenParser: SecretParser = {
  id: "discord-bot-token",
  keywords: KEYWORDS,
  source:
    "Discord developer docs (bot token: base64 user id . timestamp . HMAC); KeyHog's discord-bot-token shape",
  parse(text, index) {
    if (index > 0 && isRunChar(text, index - 1)) return undefined;
    TOKEN.lastIndex = index;
    const match = TOKEN.exec(text);
    const [whole, id, hmac] = match ?? [];
    if (whole === undefined || id === undefined || hmac === undefined) return undefined;
    if (!readsAsId(id)) return undefined;
    if (shannonEntropy(hmac) < 3.5) return undefined;
    return { type: "discord_bot_token", start: index, end: index + whole.length, score: 0.9 };
  },
};
