import { expect, it } from "vitest";
import { reportedSecretSpans } from "./reported-secrets.js";

/** A named form of writing a password: the text with `secret` written in it. */
export type PasswordForm = readonly [name: string, line: (secret: string) => string];

/**
 * One test per form: the password drawn for it (seeded by its place in the list) is reported, and
 * nothing else in the line is.
 */
export function itFindsEachPassword(
  forms: readonly PasswordForm[],
  password: (seed: number) => string,
): void {
  it.each(forms.map(([name, line], index) => [name, line, index] as const))(
    "finds the password: %s",
    (_name, line, index) => {
      const secret = password(index + 1);
      const text = line(secret);
      const start = text.indexOf(secret);
      expect(reportedSecretSpans(text)).toEqual([[start, start + secret.length]]);
    },
  );
}
