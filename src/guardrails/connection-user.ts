import { firstAtOrAfter } from "../first-at-or-after.js";
import { rememberLast } from "../remember-last.js";

/**
 * A login's user slot holding its own name (`user`, `username`, `UID=user`, connectionstrings.com's
 * `myUsername`): beside a password slot holding its own name too (`user:password@host`,
 * `UID=username;PWD=password`, `user=user;password=password;account=account`) the login is a
 * template of names, none of them in use. With a real user (`app:password@db`, `User Id=scott;
 * Password=password`) the password word is the one in use, as a weak real password looks the same.
 */
const USER_STAND_IN = /^(?:user(?:[ _-]?(?:name|id))?|usr|uid|login|name|my_?user(?:_?name)?)$/i;

export function isUserStandIn(user: string): boolean {
  return USER_STAND_IN.test(user);
}

// A connection string's or a query's user setting (`Uid=…`, `User ID=…`, `user=…`, `username=…`,
// `login=…`) and its value up to the next separator. No word character before it (`sa_user=` is not).
const USER_SETTING =
  /(?<![A-Za-z0-9_])(?:uid|user(?:[ _]?id|[ _]?name)?|login)[ \t]*=[ \t]*([^;&\s"'`{}()]{0,64})/gi;
// A connection string is one literal on one line: its user is at most this far from its password,
// with no quote or line break between.
const REACH = 200;

interface UserSettings {
  /** Ascending starts and ends of the settings, and their values. */
  starts: number[];
  ends: number[];
  values: string[];
}

// The user settings of the last text asked about, found in one pass: a megabyte of one connection
// string asks tens of thousands of times, and a window read at each would cost as many passes.
const userSettingsOf = rememberLast((text: string): UserSettings => {
  const settings: UserSettings = { starts: [], ends: [], values: [] };
  for (const match of text.matchAll(USER_SETTING)) {
    settings.starts.push(match.index);
    settings.ends.push(match.index + match[0].length);
    settings.values.push(match[1] ?? "");
  }
  return settings;
});

/**
 * The user setting's value of the connection string around `start`–`end` (a password setting's
 * value), the nearest before it, else after it, or none: `DSN=x;UID=user;PWD=password` and
 * `account=a;password=myPassword;user=myUser` both give the user.
 */
export function connectionUser(text: string, start: number, end: number): string | undefined {
  const { starts, ends, values } = userSettingsOf(text);
  const after = firstAtOrAfter(starts, end);
  const before = after - 1;
  const beforeEnd = ends[before];
  if (beforeEnd !== undefined && beforeEnd <= start && start - beforeEnd <= REACH) {
    if (oneLiteral(text, beforeEnd, start)) return values[before];
  }
  const afterStart = starts[after];
  if (afterStart !== undefined && afterStart - end <= REACH && oneLiteral(text, end, afterStart))
    return values[after];
  return undefined;
}

/** Whether no line break or quote comes between `from` and `to`. */
function oneLiteral(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || code === 0x0d || code === 0x22 || code === 0x27 || code === 0x60) return false;
  }
  return true;
}
