import { describe, expect, it } from "vitest";
import { alnum } from "./fake-values.js";
import { reportedSecretSpans, reportedSecretValues } from "./reported-secrets.js";

// A secret inside a terminal's colour codes (ECMA-48 control sequences, `ESC [ … m`), as a log or a
// console's output copies it: read as shown, its offsets the written text's (secrets.ts).
const ESC = "\u001b";

describe("a secret between terminal colour codes", () => {
  it("reads a coloured password after its name", () => {
    const secret = `${alnum(6, 3)}!${alnum(4, 4)}2`;
    const text = `password: ${ESC}[1m${secret}${ESC}[0m`;
    expect(reportedSecretValues(text)).toEqual([secret]);
    const start = text.indexOf(secret);
    expect(reportedSecretSpans(text)).toEqual([[start, start + secret.length]]);
  });
  it("reads a prefixed token glued to the colour code before it", () => {
    const token = `glpat-${alnum(20, 9)}`;
    expect(reportedSecretValues(`>>>${ESC}[93m${token}${ESC}[0m<<<`)).toEqual([token]);
  });
  it("finds nothing in colour codes around plain words", () => {
    expect(reportedSecretValues(`${ESC}[32mOK${ESC}[0m build passed ${ESC}[2K${ESC}[1G`)).toEqual([]);
  });
});
