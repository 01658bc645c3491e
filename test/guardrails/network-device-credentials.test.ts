import { describe, expect, it } from "vitest";
import { alnum } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// Passwords in a network device's configuration (network-device-credentials.ts).
const password = (seed: number) => `${alnum(6, seed)}#${alnum(3, seed + 60)}`;

describe("a network device's configured passwords", () => {
  const forms: [string, (secret: string) => string][] = [
    ["a local user's password, type 0", (secret) => `username admin privilege 15 password 0 ${secret}`],
    ["a local user's secret, type 0", (secret) => `username netops secret 0 ${secret}`],
    ["a local user's secret, no type", (secret) => `username netops algorithm-type scrypt secret ${secret}`],
    ["the enable secret, in a config", (secret) => `hostname edge1\n!\nenable secret ${secret}\n!`],
    ["the enable password with a level", (secret) => ` enable password level 15 0 ${secret}`],
    ["an IKE pre-shared key", (secret) => `crypto isakmp key ${secret} address 203.0.113.7`],
    ["a RADIUS server's key", (secret) => `radius-server host 10.0.0.9 auth-port 1812 key 0 ${secret}`],
    ["a TACACS+ server's key", (secret) => `tacacs-server key ${secret}`],
    ["Junos pre-shared-key", (secret) => `set security ike policy p1 pre-shared-key ascii-text "${secret}"`],
    ["strongSwan ipsec.secrets PSK", (secret) => `10.0.0.1 203.0.113.7 : PSK "${secret}"`],
    ["strongSwan ipsec.secrets EAP", (secret) => `carol : EAP "${secret}"`],
  ];
  it.each(forms.map(([name, form], index) => [name, form, password(index + 1)] as const))(
    "is reported, and only it: %s",
    (_name, form, secret) => {
      expect(reportedSecretValues(form(secret))).toEqual([secret]);
    },
  );
  it("reports a type-7 encoding, reversible", () => {
    expect(reportedSecretValues("username netops password 7 0822455D0A16")).toEqual(["0822455D0A16"]);
  });
  it.each([
    "Please enable password protection on the router.",
    "enable password protection",
    "username admin password reset",
    "username admin nopassword",
    "username admin password 7 hello",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "username jsmith password 0 ${ADMIN_PASSWORD}",
    "enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM",
    "To log in, enable secret mode first.",
    "Configure the radius-server key on each switch.",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "radius-server key ${RADIUS_KEY}",
    ': PSK "%prompt"',
    "crypto isakmp policy 10",
  ])("is not: %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
