import { describe, expect, it } from "vitest";
import { fakeChars, urlSafe } from "./fake-values.js";
import { reportedSecrets } from "./reported-secrets.js";

// Discord bot tokens written alone (src/guardrails/discord-bot-token.ts): a user id's digits in
// base64url, a 6-character timestamp, an HMAC. Drawn at test time, fake; spans compared, never printed.
const token = (seed: number, digits = 19, hmac = 38) => {
  const id = `1${fakeChars(digits - 1, "0123456789", seed)}`;
  return `${Buffer.from(id).toString("base64url")}.${urlSafe(6, seed + 1)}.${urlSafe(hmac, seed + 2)}`;
};
const found = (text: string, value: string) =>
  reportedSecrets(text).some(
    (finding) => finding.type === "discord_bot_token" && text.slice(finding.start, finding.end) === value,
  );

describe("a Discord bot token with no word for Discord", () => {
  it.each([
    ["a bot's login call", (value: string) => `client.login("${value}")`],
    ["an assignment", (value: string) => `token=${value}`],
    ["alone on its line", (value: string) => value],
  ])("is found: %s", (_name, write) => {
    for (const seed of [1, 2, 3]) {
      const value = token(seed);
      expect(found(write(value), value)).toBe(true);
    }
  });

  it("is found for ids of 17 to 20 digits and the older 27-character HMAC", () => {
    for (const digits of [17, 18, 20]) expect(found(token(digits, digits), token(digits, digits))).toBe(true);
    expect(found(token(4, 18, 27), token(4, 18, 27))).toBe(true);
  });

  // A token edited by hand, as docs and test fixtures show them: two of the id's six groups changed.
  const edited = (seed: number, digits = 19) => {
    const value = token(seed, digits);
    return `${value.slice(0, 4)}zz${value.slice(6, 12)}zz${value.slice(14)}`;
  };

  it("is found with a few characters of its id changed", () => {
    for (const seed of [12, 13, 14]) expect(found(`token: ${edited(seed)}`, edited(seed))).toBe(true);
  });

  it.each([
    // Edited, and longer than the id of a 64-bit user id (20 digits: 27 characters).
    ["an edited id too long for a user id", () => edited(15, 20)],
    // The first part is not the base64 of digits, though it starts as one does (MTA…).
    ["a first part of other text", () => `MTA${urlSafe(23, 5)}.${urlSafe(6, 6)}.${urlSafe(38, 7)}`],
    ["an HMAC of no entropy", () => `${token(8).split(".").slice(0, 2).join(".")}.${"ab".repeat(19)}`],
    ["inside a longer base64 run", () => `AAAA+${token(9)}`],
    ["inside a path", () => `/static/${token(10)}`],
    ["an HMAC too long", () => token(11, 19, 45)],
  ])("is not read in %s", (_name, write) => {
    expect(reportedSecrets(write()).filter((finding) => finding.type === "discord_bot_token")).toEqual([]);
  });
});
