import { isDescriptionWord } from "./password-value.js";

/**
 * A label naming both halves of a pair, user first, right before the password's name (`ID/PW`, `id
 * pw`, `User/Password`, `username / passwd`); after it, the pair it labels, `user/password` or `user
 * password` ("ID/PW: admin/…", "Username/Password: deploy / …", "id pw master …"). Korean and Japanese
 * admin notes, router and device manuals write these. Read by credential-pair.ts's labelledPairParser
 * from a password word, and by generic-secret.ts from a password's name, which then reads the value
 * from the password's half, not the user's.
 */
const USER_LABEL_BEFORE =
  /(?:^|[^\p{L}\p{N}_])(?:id|user(?:[ _-]?(?:name|id))?|login|account)[ \t]{0,2}[/ \t][ \t]{0,2}$/iu;
// The user's half and what separates it from the password's: `/` (or `//`), or spaces.
const LABELLED_USER = /(?<user>[^\s"'`/:,;()]{1,64})(?:[ \t]{0,3}\/{1,2}[ \t]{0,3}|[ \t]{1,3})/y;
// The label before the password's name is at most this long (`user_name / `).
const MAX_LABEL = 16;

/**
 * Where the password's half starts when a user label stands right before `nameStart` (the password's
 * name) and a username with its separator at `pairStart`: the pair's second half. Otherwise none.
 */
export function labelledPairPasswordStart(
  text: string,
  nameStart: number,
  pairStart: number,
): number | undefined {
  if (!USER_LABEL_BEFORE.test(text.slice(Math.max(0, nameStart - MAX_LABEL), nameStart))) return undefined;
  LABELLED_USER.lastIndex = pairStart;
  const pair = LABELLED_USER.exec(text);
  const user = pair?.groups?.user;
  if (pair === null || user === undefined || !isUsername(user)) return undefined;
  return pairStart + pair[0].length;
}

// What a username looks like when nothing else says so: an address, a handle with `_`/`.`/`-` or a
// digit, or a default account name. "credentials: read/write" is not a pair.
const DEFAULT_ACCOUNT = /^(?:admin|administrator|root|guest|user|sa|postgres|ubuntu|pi)$/i;
export const USERNAME = new RegExp(`[@_.\\d-]|${DEFAULT_ACCOUNT.source}`, "i");

/** Whether `user` can be a username: a default account, or a name that is no word of a description. */
export function isUsername(user: string): boolean {
  // A default account first: `sa` (SQL Server's) is also a French word.
  if (DEFAULT_ACCOUNT.test(user)) return true;
  if (!/^[\p{L}\p{N}]/u.test(user) || isDescriptionWord(user)) return false;
  return USERNAME.test(user) || /^\p{L}{2,32}$/u.test(user);
}
