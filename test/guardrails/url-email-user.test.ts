import { describe, expect, it } from "vitest";
import { alnum } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// A URL whose user is an e-mail address, its `@` unescaped (`smtps://me@example.org:…@smtp.example.org`):
// the WHATWG URL Standard reads every `@` before the last as the userinfo's (secret-parsers.ts).
describe("a URL with an e-mail address as its user", () => {
  it.each([
    ["smtps", (secret: string) => `MAIL_URL = "smtps://jdoe@mail.test:${secret}@smtp.mail.test:465"`],
    ["imap, another scheme", (secret: string) => `imaps://ops.team@corp.test:${secret}@imap.corp.test/INBOX`],
  ])("reports only the password: %s", (_name, form) => {
    const secret = `${alnum(6, 11)}${alnum(3, 12)}8`;
    expect(reportedSecretValues(form(secret))).toEqual([secret]);
  });
  it.each(["git clone https://git@github.com:org/repo.git", "ssh://deploy@host.test:2222/srv"])(
    "is not: %j",
    (text) => {
      expect(reportedSecretValues(text)).toEqual([]);
    },
  );
});
