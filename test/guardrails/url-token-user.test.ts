import { describe, expect, it } from "vitest";
import { alnum, hex } from "./fake-values.js";
import { reportedSecrets, reportedSecretValues } from "./reported-secrets.js";

// A key given as the user with no password: a vendor's format no rule knows, told by where it stands.
describe("a token as a URL's user, with no password", () => {
  it.each([
    [`git clone https://${alnum(40, 1)}@git.zorblax.io/team/repo.git`, alnum(40, 1)],
    [`ZORBLAX_DSN=https://${hex(32, 2)}@o123.ingest.zorblax.io/456`, hex(32, 2)],
    [`pip install --index-url https://${alnum(32, 3)}@pypi.zorblax.io/simple pkg`, alnum(32, 3)],
  ])("finds the user in %s", (text, token) => {
    expect(reportedSecretValues(text)).toEqual([token]);
    expect(reportedSecrets(text).map((finding) => finding.type)).toEqual(["url_token"]);
  });
  it.each([
    "git clone ssh://git@git.zorblax.io/team/repo.git",
    "https://deploy-bot-readonly-account@git.zorblax.io/team/repo.git",
    `https://${alnum(40, 4)}/@scope/pkg`,
    `https://cdn.zorblax.io/${alnum(40, 5)}@2x.png`,
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
  it("leaves a user with a password to the connection-string reading (the password is the span)", () => {
    const password = alnum(20, 6);
    expect(reportedSecretValues(`https://${alnum(24, 7)}:${password}@git.zorblax.io/r.git`)).toEqual([
      password,
    ]);
  });
});

describe("an API key given to curl as the user, with no password", () => {
  it.each([
    [`curl https://api.zorblax.io/v1/charges -u ${alnum(32, 10)}:`, alnum(32, 10)],
    [`curl --user "${alnum(32, 11)}:" https://api.zorblax.io/v1/me`, alnum(32, 11)],
    [`curl -u ${hex(32, 14)}:X https://zorblax.helpdesk.io/api/v2/tickets.json`, hex(32, 14)],
  ])("finds the key in %s", (text, key) => {
    expect(reportedSecretValues(text)).toEqual([key]);
    expect(reportedSecrets(text).map((finding) => finding.type)).toEqual(["api_key"]);
  });
  it.each([
    "curl -u admin: https://api.zorblax.io/v1/me",
    "curl -u service-account-name https://api.zorblax.io/v1/me",
    `wget -u ${alnum(32, 13)}: https://api.zorblax.io/v1/me`,
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
