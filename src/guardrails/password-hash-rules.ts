import type { SecretPatternRule } from "./secret-rule-types.js";

/**
 * Password hashes in the crypt(3) formats that htpasswd files, /etc/shadow lines and application
 * configs store (Apache's `$apr1$` and md5crypt's `$1$`, SHA-crypt's `$5$`/`$6$` as Drepper's
 * specification writes them, bcrypt's `$2a$`/`$2b$`/`$2x$`/`$2y$`): offline-crackable credentials, which
 * whispers' fixtures (a dev source) count as secrets. Exact lengths only, so a format named in prose
 * (`$6$` alone, `$2b$12$...`) is not one.
 */
const SALT_CHARS = "[./0-9A-Za-z]";
const BEFORE = "(?<![\\w$./])";
const AFTER = "(?![./0-9A-Za-z])";

export const PASSWORD_HASH_RULES: SecretPatternRule[] = [
  {
    id: "crypt.md5",
    type: "password_hash",
    keywords: ["$apr1$", "$1$"],
    pattern: `${BEFORE}\\$(?:apr1|1)\\$${SALT_CHARS}{1,8}\\$${SALT_CHARS}{22}${AFTER}`,
    score: 0.8,
    minEntropy: 3.5,
    source: "crypt(3) md5crypt ($1$) and Apache htpasswd ($apr1$): salt up to 8, hash 22 characters",
  },
  {
    id: "crypt.sha",
    type: "password_hash",
    keywords: ["$5$", "$6$"],
    pattern: `${BEFORE}\\$[56]\\$(?:rounds=\\d{1,9}\\$)?${SALT_CHARS}{1,16}\\$(?:${SALT_CHARS}{86}|${SALT_CHARS}{43})${AFTER}`,
    score: 0.8,
    minEntropy: 4,
    source: "SHA-crypt (Drepper): $5$ SHA-256 (43-character hash), $6$ SHA-512 (86), optional rounds=",
  },
  {
    id: "crypt.bcrypt",
    type: "password_hash",
    keywords: ["$2a$", "$2b$", "$2x$", "$2y$"],
    pattern: `${BEFORE}\\$2[abxy]\\$\\d{2}\\$${SALT_CHARS}{53}${AFTER}`,
    score: 0.8,
    minEntropy: 4,
    source: "bcrypt (OpenBSD): $2?$, cost, 22-character salt and 31-character hash",
  },
];
