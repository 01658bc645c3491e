import { describe, expect, it } from "vitest";
import { isSnakeCaseName } from "../../src/guardrails/password-value.js";
import { alnum } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// Literals in config files and code read in session 19 (issue 19, h38generic): a value whose case
// changes every letter or two is no snake-case name; a quoted plain literal named a secret; a
// mixed-case word and a noun ending in `-eds` are no descriptions of a password.

/** Letters whose case flips at every letter, as base64 of text does at most (`YXNkZmZmZmZm`). */
function flippingCase(seed: number): string {
  const letters = alnum(40, seed)
    .replace(/[^A-Za-z]/g, "")
    .slice(0, 12);
  return [...letters]
    .map((letter, index) => (index % 2 === 1 ? letter.toLowerCase() : letter.toUpperCase()))
    .join("");
}

describe("a value shaped as snake case but typed at random", () => {
  it.each([1, 2, 3])("is not a snake-case name, seed %i", (seed) => {
    expect(isSnakeCaseName(`${flippingCase(seed)}_HARDcoded`)).toBe(false);
  });
  it.each(["new_password", "DB_PASSWORD", "userName_value", "HTTPServer_key", "getId_value", "iPhone_pass"])(
    "%s is one",
    (name) => {
      expect(isSnakeCaseName(name)).toBe(true);
    },
  );
  const forms: [string, (secret: string) => string][] = [
    [
      "wget's --http-password=",
      (secret) => `wget --http-password=${secret} https://mirror.example.org/a.iso`,
    ],
    ["curl's --tlspassword, spaced", (secret) => `curl --tlspassword ${secret} https://localhost`],
    ["an XML attribute", (secret) => `<ss:user name="admin" password="${secret}" authorities="ROLE_USER" />`],
  ];
  it.each(forms.map(([name, form], index) => [name, form, `${flippingCase(index + 7)}_Stage`] as const))(
    "is reported as a password: %s",
    (_name, form, secret) => {
      expect(reportedSecretValues(form(secret))).toEqual([secret]);
    },
  );
});

describe("a quoted plain literal named a secret", () => {
  const forms: [string, string, string][] = [
    ["compared with secret", 'if (secret == "bluecanary") {', "bluecanary"],
    ["a camel-cased name ending in Secret", 'sessionSecret: "harbor7"', "harbor7"],
    ["client_secret, JSON", '{"client_secret": "tangerine"}', "tangerine"],
    ["an element", "<secret>Quokka</secret>", "Quokka"],
    // A secret key's name (Django's and Flask's SECRET_KEY, secretKey) too (session 24).
    ["SECRET_KEY, Python", "SECRET_KEY = 'harbor7lights'", "harbor7lights"],
    ["a camel-cased secretKey, JSON", '{"secretKey": "Quokka42"}', "Quokka42"],
  ];
  it.each(forms)("is reported: %s", (_name, text, secret) => {
    expect(reportedSecretValues(text)).toEqual([secret]);
  });
  it.each([
    // Unquoted, the word is as often a setting's.
    "secret: tangerine",
    "SECRET_KEY = 'dev'",
    "SECRET_KEY = 'harborlights'",
    'secret_key: "my-app"',
    "secret: true",
    'secret: "traefik-tls"',
    'existingSecret: "mysql-creds"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    'client_secret: "${CLIENT_SECRET}"',
    'secret: "required"',
    'secretName: "db-credentials"',
    "let ok=secret;",
    "secret := ''",
    // The word for secret in a translation file.
    '"clientSecret": "Geheimnis"',
    '"secret": "Secreto"',
    // A plural names a store or a list, not one secret.
    "  keyVaultToStoreSecrets: cmp2-qat-1208358310",
    // A value masked by a run of #.
    `"token": "xoxp-${alnum(12, 3)}-${alnum(12, 4)}-####################"`,
  ])("is not: %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

// A capitalised camel-cased word ending an env file's line is the literal (session 24); a lower-case
// camel-cased word, a spaced `=` (code's), or YAML's `:` (a type annotation's: `password: SecretStr`) is not.
describe("a capitalised camel-cased password ending an env file's line", () => {
  it.each([
    ["an env file", "ADMIN_PASS=QuokkaRiver", "QuokkaRiver"],
    ["indented", "    APP_DB_PASSWORD=HarborLights", "HarborLights"],
  ])("is reported: %s", (_name, text, secret) => {
    expect(reportedSecretValues(text)).toEqual([secret]);
  });
  it.each([
    "DB_PASSWORD=dbPassword",
    "password = HarborLights",
    "  password: TangerineDream",
    "password=YourPassword",
    "password=ChangeMe",
  ])("is not: %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

describe("words given as passwords", () => {
  it.each([
    ["a mixed-case word in an element", "<password>harbOred</password>", "harbOred"],
    ["a noun ending in -eds, SQL", "CREATE USER app WITH PASSWORD = 'mynewcreds';", "mynewcreds"],
    ["a noun ending in -eds, quoted", 'password: "seedbeds"', "seedbeds"],
  ])("are reported: %s", (_name, text, secret) => {
    expect(reportedSecretValues(text)).toEqual([secret]);
  });
  it.each(["password: changed", "password: Required", "password: REQUIRED", "<password>Expired</password>"])(
    "descriptions are not: %j",
    (text) => {
      expect(reportedSecretValues(text)).toEqual([]);
    },
  );
});

describe("a YAML block scalar's value", () => {
  const token = alnum(24, 11);
  it.each([
    ["a literal block", `password: |\n  ${token}`],
    ["a folded block, stripped", `api_token: >-\n  ${token}\n`],
    [
      "nested, with a comment on the header",
      `db:\n  password: |- # rotated monthly\n    ${token}   \n  user: app`,
    ],
  ])("is reported, and only it: %s", (_name, text) => {
    expect(reportedSecretValues(text)).toEqual([token]);
  });
  it.each([
    "password: >\n  the password is stored in the vault",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "password: |\n  ${DB_PASSWORD}",
    `password: |\n${alnum(24, 12)}`,
    "password: |\n",
    `description: |\n  Set the token with --token.`,
  ])("is not when prose, a reference or not indented: %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

describe("a pre-shared key, a Wi-Fi or VPN password", () => {
  it.each([
    ["wpa_supplicant's psk", 'network={\n    ssid="Home"\n    psk="harbor lights 7"\n}', "harbor lights 7"],
    ["NetworkManager's psk", "[wifi-security]\nkey-mgmt=wpa-psk\npsk=Quokka2024", "Quokka2024"],
    ["pre_shared_key", 'pre_shared_key: "tangerine"', "tangerine"],
    ["preSharedKey, unquoted", "preSharedKey: Tangerine9", "Tangerine9"],
    ["a Windows Wi-Fi profile's keyMaterial", "<keyMaterial>tangerine</keyMaterial>", "tangerine"],
  ])("is reported: %s", (_name, text, secret) => {
    expect(reportedSecretValues(text)).toEqual([secret]);
  });
  it.each([
    "psk_identity: client1",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "psk: ${WIFI_PSK}",
    "the psk is required",
    "auth: psk",
    "security: wpa2-psk",
    "key-mgmt=wpa-psk",
  ])("is not: %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
