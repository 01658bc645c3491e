import { describe, expect, it } from "vitest";
import { alnum, hex } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// A name ending in the word `api` after a service's name (made up here, so no vendor rule reads it):
// a value drawn at random is the service's key; an address, a version, a format's name are not.
describe("a name ending in the word api, a drawn value", () => {
  it.each([
    ["QWZXCLOUD_API = value", (value: string) => `QWZXCLOUD_API = "${value}"`],
    ["qwzx_api: value", (value: string) => `qwzx_api: ${value}`],
    ["QWZXAPI=value", (value: string) => `QWZXAPI=${value}`],
    ["qwzxAPI := value", (value: string) => `qwzxAPI := "${value}"`],
    ["QWZX_API value (spaced, as a token)", (value: string) => `QWZX_API\t${value}`],
  ])("finds it: %s", (_name, line) => {
    const value = alnum(32, 81);
    expect(reportedSecretValues(line(value))).toEqual([value]);
    expect(reportedSecretValues(line(hex(40, 82)))).toEqual([hex(40, 82)]);
  });

  it.each([
    "BASE_API=https://api.qwzx.io/v1/a9b8c7",
    "REACT_APP_API=/api/v1/users/42/items",
    "GRAPH_API: v2",
    "openapi: 3.0.3",
    `const api = '${hex(32, 83)}'`,
    `rapidapi = '${hex(32, 84)}'`,
    "QWZX_API=qwzx.client.defaultApiInstance",
    "see the QWZX_API docs, rest_api, graph_api and client.api.get",
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

// Vault's AppRole `secret_id` and Consul's ACL `SecretID` are the credential, a UUID; an id after
// `secret` elsewhere names where a secret is kept (an ARN), or a client secret's id.
describe("a secret_id holding a UUID", () => {
  const uuid = `${hex(8, 85)}-${hex(4, 86)}-4${hex(3, 87)}-a${hex(3, 88)}-${hex(12, 89)}`;
  it.each([`secret_id: ${uuid}`, `SecretID: "${uuid}"`, `VAULT_SECRET_ID=${uuid}`])(
    "finds it: %s",
    (text) => {
      expect(reportedSecretValues(text)).toEqual([uuid]);
    },
  );
  it.each([
    'client.get_secret_value(SecretId="arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf")',
    `client_secret_id: ${uuid}`,
    "secret_id: 11111111-2222-3333-4444-555555555555",
    "secret_id: prod/db/password",
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

// A vendor's own header for its key, named for what it does (`X-Braze-Authorization`,
// `X-Authentication`): a value drawn at random counts; a scheme, a flag, a pair do not.
describe("a name ending in the word authorization or authentication, a drawn value", () => {
  const uuid = `${hex(8, 90)}-${hex(4, 91)}-4${hex(3, 92)}-a${hex(3, 93)}-${hex(12, 94)}`;
  const token = `${alnum(14, 95)}-7Qx${hex(3, 96)}`;
  it.each([
    `X-Qwzx-Authorization: ${uuid}`,
    `curl -H 'X-Qwzx-Authentication: ${token}' https://qwzx.io`,
    `headers = {"X-Qwzx-Authentication": "${token}"}`,
  ])("finds it: %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([text.includes(uuid) ? uuid : token]);
  });
  it.each([
    "X-Qwzx-Authorization: required",
    "spring.security.oauth2.authorization: enabled",
    `X-Request-Id: ${uuid}`,
    "Authentication: none",
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

// A name ending in the word license holds a license key (a credential) when its value is drawn at
// random; a licence's own name is not.
describe("a name ending in the word license, a drawn value", () => {
  it.each(["QWZX_LICENSE=VALUE", "qwzx_licence: 'VALUE'", 'sdkLicense = "VALUE"'])("finds it: %s", (line) => {
    const value = alnum(28, 97);
    expect(reportedSecretValues(line.replace("VALUE", value))).toEqual([value]);
  });
  it.each([
    "license: MIT",
    '"license": "Apache-2.0"',
    "package_license = GPL-3.0-or-later",
    "SPDX-License-Identifier: MIT",
    "project_license: https://github.com/qwzx/qwzx/blob/main/LICENSE",
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
