import { describe, expect, it } from "vitest";
import { createGuardrails } from "../../src/guardrails/index.js";

// A list of passwords under a key naming them, as YAML and JSON write one (Bitnami's MongoDB chart's
// `auth.passwords`, whispers' `hardcoded_passwords` fixture): the items that score as passwords are one
// finding, from the first to the last, so a redaction hides them all.
const guardrails = createGuardrails();
const secrets = (text: string) =>
  guardrails
    .check({ text, direction: "input", only: ["secret"] })
    .findings.map((finding) => [text.slice(finding.start, finding.end), finding.detector]);

describe("lists of passwords", () => {
  const found: [string, string][] = [
    ['passwords: ["Xk92jLmq", "Pq83nMzt"]', 'Xk92jLmq", "Pq83nMzt'],
    ['"passwords": ["Xk92jLmq"]', "Xk92jLmq"],
    ["passwords:\n  - Xk92jLmq\n  - 'Pq83nMzt'", "Xk92jLmq\n  - 'Pq83nMzt"],
    ['auth:\n  passwords:\n    - "s3cr3tPass"\n  usernames:\n    - app', "s3cr3tPass"],
    ['02_hardcoded_passwords:\n  - "Hardcoded1"\n  - "hardCoded2"', 'Hardcoded1"\n  - "hardCoded2'],
    // A placeholder among them is not part of the finding; a list of another indentation ends it.
    ['passwords: ["${DB_PASSWORD}", "Xk92jLmq"]', "Xk92jLmq"],
    ["customPasswords:\n  - Xk92jLmq\nother:\n  - Pq83nMzt", "Xk92jLmq"],
  ];
  it.each(found)("finds the items of %j", (text, value) => {
    expect(secrets(text)).toEqual([[value, "secrets/password-list"]]);
  });

  const none = [
    "passwords: []",
    'passwords: ["<password>", "${PASS}", "****"]',
    // Prose: a sentence's list, items of several words, words about a password.
    "The most common passwords:\n- qwerty\n- letmein",
    "passwords:\n  - at least 8 characters\n  - one digit",
    "passwords:\n  - required\n  - hashed",
    // Not a list under the key.
    "passwords: Xk92jLmq",
    "passwords_file:\n  - /run/secrets/db",
  ];
  it.each(none)("finds no list in %j", (text) => {
    expect(secrets(text).filter(([, detector]) => detector === "secrets/password-list")).toEqual([]);
  });
});
