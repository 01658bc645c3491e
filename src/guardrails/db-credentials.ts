import { wordOrDashBefore } from "./char-class.js";
import { passwordFinding, slotPasswordFinding } from "./password-finding.js";
import {
  isInterpolatedField,
  isPlaceholderValue,
  isReferenceValue,
  type SecretParser,
} from "./secret-parsers.js";

/**
 * Database passwords in the forms that carry no `password=` of their own, or a value the generic
 * rule cannot read: Oracle's `user/password@host` (JDBC thin URLs, sqlplus), PostgreSQL's `.pgpass`
 * lines (`host:port:database:user:password`), ODBC's braced values (`Pwd={a;b}`: braces quote a
 * value holding `;`) and ODBC strings percent-encoded in a URL (`odbc_connect=DSN%3Dx%3BPWD%3D…`).
 */

// `jdbc:oracle:thin:scott/tiger@//host:1521/ORCL`, `sqlplus scott/tiger@orcl`.
const ORACLE_LOGIN =
  /(?:jdbc:oracle:(?:thin|oci):|sqlplus(?:\s+-[sSlL])*\s+)([\w$#.-]{1,64})\/([^\s@/"'`]{1,100})@/diy;

export const oracleLoginParser: SecretParser = {
  id: "connection-string",
  keywords: ["jdbc:oracle:", "sqlplus "],
  source: "Oracle JDBC thin URL and SQL*Plus logon syntax: user/password@connect_identifier",
  parse(text, index) {
    if (wordOrDashBefore(text, index)) return undefined;
    ORACLE_LOGIN.lastIndex = index;
    const match = ORACLE_LOGIN.exec(text);
    const span = match?.indices?.[2];
    if (match === null || span === undefined) return undefined;
    return slotPasswordFinding(text, text.slice(span[0], span[1]), span[0], false);
  },
};

// A whole `.pgpass` line: hostname:port:database:username:password, `*` for any, `\:` escaping a colon.
const PGPASS_LINE = /^([^\s:]+):(\d{1,5}|\*):((?:[^\s:\\]|\\.)+):((?:[^\s:\\]|\\.)+):((?:[^\s\\]|\\.)+)$/;

export const pgpassParser: SecretParser = {
  id: "connection-string",
  // A `.pgpass` line has no keyword; it has PostgreSQL's ports, or `*`, between colons.
  keywords: [":5432:", ":5433:", ":6432:", ":*:"],
  source: "PostgreSQL docs, 'The Password File' (.pgpass: hostname:port:database:username:password)",
  parse(text, index) {
    const lineStart = text.lastIndexOf("\n", index) + 1;
    if (index - lineStart > 255) return undefined;
    // Only once per line: at its first colon.
    if (text.indexOf(":", lineStart) !== index) return undefined;
    let lineEnd = text.indexOf("\n", index);
    if (lineEnd === -1) lineEnd = text.length;
    if (lineEnd - lineStart > 512) return undefined;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    const match = PGPASS_LINE.exec(line);
    const password = match?.[5];
    if (match === null || password === undefined) return undefined;
    return slotPasswordFinding(text, password, lineStart + line.length - password.length, false);
  },
};

// SQL that sets a login's password, from the statement's start: PostgreSQL's `CREATE ROLE app WITH
// LOGIN PASSWORD 'x'`, `ALTER USER postgres WITH PASSWORD 'x'`; SQL Server's `CREATE LOGIN app WITH
// PASSWORD = 'x'`; MySQL's `CREATE USER 'app'@'%' IDENTIFIED BY 'x'` (`IDENTIFIED WITH plugin BY`);
// Oracle's `CREATE USER scott IDENTIFIED BY tiger` and SAP HANA's `CREATE USER app PASSWORD Xy12ab`
// (`ALTER USER app PASSWORD …`: the statement's last word, or before HANA's next clause, `NO
// FORCE_FIRST_PASSWORD_CHANGE`, `VALID …`, `SET PARAMETER …`), their values unquoted; MySQL's plugin may be quoted (`IDENTIFIED WITH 'caching_sha2_password' BY`).
// Quoted names may come between.
const SQL_PASSWORD =
  /(?:create|alter)[ \t]+(?:user|role|login)[ \t](?:[^;\n'"`]|'[^'\n]{0,64}'|"[^"\n]{0,64}"|`[^`\n]{0,64}`){0,160}?(?:(?<![\w$])password[ \t]*=?[ \t]*|(?<![\w$])identified[ \t]+(?:with[ \t]+(?:[\w$]{1,40}|'[\w$]{1,40}'|"[\w$]{1,40}"|`[\w$]{1,40}`)[ \t]+by|by)[ \t]+)(?:'([^'\n]{1,128})'|"([^"\n]{1,128})"|(?<=by[ \t]+)([A-Za-z][\w$#]{0,127})(?![\w$#])|(?<=password(?:[ \t]+|[ \t]*=[ \t]*))(?!(?:null|disable|expire|history|reuse|require)(?![\w$#]))([A-Za-z][\w$#]{0,127})(?=[ \t]*(?:[;\r\n]|$|(?:no|valid|set|authorization|with|enable|disable)[ \t])))/diy;

const SQL_PASSWORD_WORD = /password|identified/i;
// MySQL's `SET PASSWORD [FOR 'app'@'%'] = 'x'` (older servers: `= PASSWORD('x')`) and MySQL 5's
// `GRANT … TO 'app'@'%' IDENTIFIED BY 'x'` (not `BY PASSWORD '*94BD…'`, a hash). The account is
// `user@host`, each part quoted or not.
const ACCOUNT_PART = `(?:'[^'\\n]{0,64}'|"[^"\\n]{0,64}"|\`[^\`\\n]{0,64}\`|[\\w$%.-]{1,64})`;
const SET_OR_GRANT_PASSWORD = new RegExp(
  `(?:set[ \\t]+password(?:[ \\t]+for[ \\t]+${ACCOUNT_PART}(?:@${ACCOUNT_PART})?)?[ \\t]*=[ \\t]*(?:(?:old_)?password\\([ \\t]*)?|grant[ \\t][^;\\n]{0,200}?[ \\t]identified[ \\t]+by[ \\t]+)(?:'([^'\\n]{1,128})'|"([^"\\n]{1,128})")`,
  "diy",
);

export const sqlPasswordParser: SecretParser = {
  id: "connection-string",
  keywords: [
    "create user",
    "create role",
    "create login",
    "alter user",
    "alter role",
    "alter login",
    "set password",
    "grant ",
  ],
  source:
    "PostgreSQL, SQL Server, MySQL and Oracle docs: CREATE/ALTER USER|ROLE|LOGIN … PASSWORD / IDENTIFIED BY; MySQL SET PASSWORD, GRANT … IDENTIFIED BY",
  parse(text, index) {
    if (index > 0 && /[\w$]/.test(text[index - 1] ?? "")) return undefined;
    // Most `create user` hits set no password: a cheap look for the words before the statement's regex.
    if (!SQL_PASSWORD_WORD.test(text.slice(index, index + 260))) return undefined;
    const regex = /^(?:set|grant)/i.test(text.slice(index, index + 5)) ? SET_OR_GRANT_PASSWORD : SQL_PASSWORD;
    regex.lastIndex = index;
    const indices = regex.exec(text)?.indices;
    const span = indices?.[1] ?? indices?.[2] ?? indices?.[3] ?? indices?.[4];
    if (span === undefined) return undefined;
    return passwordFinding(
      text.slice(span[0], span[1]),
      span[0],
      span === indices?.[1] || span === indices?.[2],
    );
  },
};

// ODBC: `Pwd={…}` / `Password={…}`, the value braced because it holds `;` or `}` doubled; in prose
// too (`(e.g. PWD={Top;Secret})`).
const BRACED_PASSWORD =
  /(?:pwd|password)[ \t]{0,3}=[ \t]{0,3}\{((?:[^}\n]|\}\}){1,100})\}(?=[ \t]*(?:;|$|["')\n]))/diy;

export const odbcBracedPasswordParser: SecretParser = {
  id: "connection-string",
  keywords: ["pwd", "password"],
  source: "ODBC connection strings (SQLDriverConnect): a value in braces may hold `;`",
  parse(text, index) {
    if (index > 0 && text[index - 1] !== ";" && !/[\s"'{(]/.test(text[index - 1] ?? "")) return undefined;
    BRACED_PASSWORD.lastIndex = index;
    const span = BRACED_PASSWORD.exec(text)?.indices?.[1];
    if (span === undefined) return undefined;
    const password = text.slice(span[0], span[1]);
    // `{{ .Values.password }}`, `{{password}}`: a template, not a braced value (`{{moe}` is `{moe`).
    if (password.startsWith("{") && (/\s/.test(password) || password.endsWith("}"))) return undefined;
    // `$"…;password={oktaPassword};"`: an interpolated string's field, not a braced value.
    if (isInterpolatedField(text, span[0] - 1, password, true)) return undefined;
    const found = passwordFinding(password, span[0], true);
    if (found !== undefined) return found;
    // Braced for a reason, a `;`, a `{` or a doubled `}` inside (`{p}}w{{d}`, `{a;b;c;d}`): a literal
    // written with care, however short or plain. Braces inside are escapes, not a template's (`{{d`).
    if (!BRACE_REASON.test(password) || password.length < 3 || isReferenceValue(password)) return undefined;
    if (!/[{}]/.test(password) && isPlaceholderValue(password)) return undefined;
    return { type: "password", start: span[0], end: span[1], score: 0.7 };
  },
};
const BRACE_REASON = /[;{]|\}\}/;

// ODBC inside a URL, percent-encoded (SQLAlchemy's `mssql+pyodbc:///?odbc_connect=DSN%3Dx%3BPWD%3D…`):
// the value runs to the next encoded `;` (`%3B`), `&`, a quote or a space.
const ENCODED_PASSWORD = /(?:pwd|password)%3d((?:[^%&\s"'`;]|%(?!3b)[0-9a-f]{2}){1,200})/diy;

export const odbcEncodedPasswordParser: SecretParser = {
  id: "connection-string",
  keywords: ["pwd%3d", "password%3d"],
  source: "ODBC connection strings percent-encoded in a URL (SQLAlchemy's odbc_connect)",
  parse(text, index) {
    // A setting of its own: after an encoded `;`, the `=` of `odbc_connect=`, a quote or the start.
    if (index > 0 && !/%3b$/i.test(text.slice(index - 3, index)) && !/[=\s"'?&]/.test(text[index - 1] ?? ""))
      return undefined;
    ENCODED_PASSWORD.lastIndex = index;
    const span = ENCODED_PASSWORD.exec(text)?.indices?.[1];
    if (span === undefined) return undefined;
    const raw = text.slice(span[0], span[1]);
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // a stray `%`: scored as written
    }
    const found = passwordFinding(decoded, span[0], true);
    return found && { ...found, end: span[1] };
  },
};

// Go's MySQL driver DSN (go-sql-driver/mysql README: `[username[:password]@][protocol[(address)]]/dbname`):
// `app:s3cret@tcp(db:3306)/shop`, `root:s3cret@unix(/tmp/mysql.sock)/app`. No scheme says it is a
// connection string; the protocol and its parenthesised address do. Read back from the `@`.
const GO_DSN_LOGIN = /(?:^|[\s"'`=(,])([^\s"'`:@/()]{1,64}):([^\s"'`@]{1,100})$/d;

export const goMysqlDsnParser: SecretParser = {
  id: "connection-string",
  keywords: ["@tcp(", "@unix(", "@tcp6("],
  source: "go-sql-driver/mysql DSN syntax: [username[:password]@][protocol[(address)]]/dbname",
  parse(text, index) {
    const from = Math.max(0, index - 170);
    const match = GO_DSN_LOGIN.exec(text.slice(from, index));
    const span = match?.indices?.[2];
    if (match === null || span === undefined) return undefined;
    return slotPasswordFinding(text, match[2] ?? "", from + span[0], false);
  },
};
