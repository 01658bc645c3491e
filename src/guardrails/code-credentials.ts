import { passwordFinding } from "./password-finding.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * Passwords passed as a literal argument of a call that takes a username and a password by
 * position: JDBC's `DriverManager.getConnection(url, user, password)`, PHP's `new PDO(dsn, user,
 * password)`; .NET's `new NetworkCredential(user, password)`, Python requests' `HTTPBasicAuth(user,
 * password)` and `auth=(user, password)`, smtplib's and ftplib's `.login(user, password)`, Java's
 * `PasswordAuthentication(user, password…)` and Apache HttpClient's `UsernamePasswordCredentials(user,
 * password)`, PHP's `oci_connect(user, password, …)`; host, user, password: PHP's `mysqli_connect`,
 * `mysql_connect` and `new mysqli`, Python's `MySQLdb.connect` and `pymysql.connect`; and PowerShell's `ConvertTo-SecureString "password" -AsPlainText`. Only a quoted
 * literal is a value: `login(user, password)` passes variables.
 */
const STRING = `(?:"[^"\\n]{0,300}"|'[^'\\n]{0,300}')`;
const ARGUMENT = `(?:${STRING}|[\\w$.]{1,64})`;
/** A quoted literal whose quote is capture group `group` and whose text is the next group. */
const literal = (group: number) => `(["'])([^"'\\n]{1,100})\\${group}`;
const CALLS = new RegExp(
  [
    // url, user, password
    `(?:getConnection|new\\s+PDO)\\(\\s*${ARGUMENT}\\s*,\\s*${ARGUMENT}\\s*,\\s*${literal(1)}\\s*[,)]`,
    // host, user, password (PHP's mysqli, Python's MySQLdb and PyMySQL by position)
    `(?:mysqli?_connect|new\\s+mysqli|MySQLdb\\.connect|pymysql\\.connect)\\(\\s*${STRING}\\s*,\\s*${STRING}\\s*,\\s*${literal(3)}\\s*[,)]`,
    // user, password
    `(?:oci_connect|NetworkCredential|HTTPBasicAuth|HTTPDigestAuth|UsernamePasswordCredentials|PasswordAuthentication|\\.login|auth\\s*=\\s*)\\(\\s*${STRING}\\s*,\\s*${literal(5)}\\s*[,.)]`,
  ]
    .map((call) => `(?:${call})`)
    .join("|"),
  "iyd",
);
const SECURE_STRING = /ConvertTo-SecureString\s+(?:-String\s+)?(["'])([^"'\n]{1,100})\1\s+-AsPlainText/diy;

export const callArgumentPasswordParser: SecretParser = {
  id: "code-credentials",
  keywords: [
    "getconnection(",
    "new pdo(",
    "networkcredential(",
    "httpbasicauth(",
    "httpdigestauth(",
    "usernamepasswordcredentials(",
    "passwordauthentication(",
    ".login(",
    "auth=(",
    "auth = (",
    "convertto-securestring",
    "mysqli_connect(",
    "mysql_connect(",
    "new mysqli(",
    "mysqldb.connect(",
    "pymysql.connect(",
    "oci_connect(",
  ],
  source:
    "JDBC getConnection, PHP PDO, mysqli and oci_connect, MySQLdb/PyMySQL connect, .NET NetworkCredential, requests HTTPBasicAuth/auth=(…), smtplib/ftplib login, PowerShell ConvertTo-SecureString -AsPlainText",
  parse(text, index) {
    if (index > 0 && text[index] !== "." && /\w/.test(text[index - 1] ?? "")) return undefined;
    const regex = text[index] === "C" || text[index] === "c" ? SECURE_STRING : CALLS;
    regex.lastIndex = index;
    const indices = regex.exec(text)?.indices;
    const span = indices?.[2] ?? indices?.[4] ?? indices?.[6];
    if (span === undefined) return undefined;
    return passwordFinding(text.slice(span[0], span[1]), span[0], true);
  },
};
