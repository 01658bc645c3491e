import { passwordFinding } from "./password-finding.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * Passwords passed as a literal argument of a call that takes a username and a password by
 * position: JDBC's `DriverManager.getConnection(url, user, password)`, PHP's `new PDO(dsn, user,
 * password)`; .NET's `new NetworkCredential(user, password)`, Python requests' `HTTPBasicAuth(user,
 * password)` and `auth=(user, password)`, smtplib's and ftplib's `.login(user, password)`, Java's
 * `PasswordAuthentication(user, password…)` and Apache HttpClient's `UsernamePasswordCredentials(user,
 * password)`, PHP's `oci_connect(user, password, …)`; host, user, password: PHP's `mysqli_connect`,
 * `mysql_connect` and `new mysqli`, Python's `MySQLdb.connect` and `pymysql.connect`; DSN or connection
 * string, user, password: PHP's `odbc_connect`/`odbc_pconnect` and `db2_connect`/`db2_pconnect`, and a
 * link, DN, password: `ldap_bind`; user, password: python-oracledb's and cx_Oracle's `connect`; database
 * or host, user, password: Sequelize's constructor and ftplib's `FTP`/`FTP_TLS`; user, password: pika's
 * `PlainCredentials`, Go's `SetBasicAuth`, aiohttp's `BasicAuth`, OkHttp's `Credentials.basic`, and
 * python-ldap's `simple_bind_s`/`bind_s` (a DN, then the password), Spring's `basicAuthentication`
 * and `BasicAuthenticationInterceptor`, Ruby's `basic_auth`, REST Assured's `auth().basic`; host,
 * user, password: a `.login` of three (pexpect's pxssh); a pair of literals given to a name for credentials
 * (`basic_auth=("elastic", "…")`, `proxy_auth = (…)`, `credentials = […]`, `auth: ["…", "…"]`); and PowerShell's `ConvertTo-SecureString "password" -AsPlainText`. Only a quoted
 * literal is a value: `login(user, password)` passes variables.
 */
const STRING = `(?:"[^"\\n]{0,300}"|'[^'\\n]{0,300}')`;
const ARGUMENT = `(?:${STRING}|[\\w$.]{1,64})`;
/** A quoted literal whose quote is capture group `group` and whose text is the next group. */
const literal = (group: number) => `(["'])([^"'\\n]{1,100})\\${group}`;
const CALLS = new RegExp(
  [
    // url, user, password (PHP's ODBC and DB2 take a DSN or a connection string first; ldap_bind a link
    // and a DN; a `.login` of three, pexpect's pxssh and SSH clients', a host first: tried before the two)
    `(?:getConnection|new\\s+PDO|odbc_p?connect|db2_p?connect|ldap_bind|new\\s+Sequelize|ftplib\\.FTP(?:_TLS)?|FTP(?:_TLS)?|\\.login)\\(\\s*${ARGUMENT}\\s*,\\s*${ARGUMENT}\\s*,\\s*${literal(1)}\\s*[,)]`,
    // host, user, password (PHP's mysqli, Python's MySQLdb and PyMySQL by position)
    `(?:mysqli?_connect|new\\s+mysqli|MySQLdb\\.connect|pymysql\\.connect)\\(\\s*${STRING}\\s*,\\s*${STRING}\\s*,\\s*${literal(3)}\\s*[,)]`,
    // user, password
    `(?:oci_connect|cx_Oracle\\.connect|oracledb\\.connect|NetworkCredential|HTTPBasicAuth|HTTPDigestAuth|UsernamePasswordCredentials|PasswordAuthentication|\\.login|auth\\s*=\\s*|PlainCredentials|SetBasicAuth|BasicAuth|Credentials\\.basic|simple_bind_s|simple_bind|bind_s|basicAuthentication(?:Interceptor)?|basic_auth|auth\\(\\)\\.basic|preemptive\\(\\)\\.basic)\\(\\s*${STRING}\\s*,\\s*${literal(5)}\\s*[,.)]`,
    // user, password as a pair given to a name for credentials: Elasticsearch's `basic_auth=("elastic", "…")`
    // and `http_auth=(…)`, `proxy_auth = (…)`, `credentials = (…)`, YAML's and JSON's `auth: ["…", "…"]`
    `(?:auth|credentials|creds)["']?\\s*(?:=|:|=>)\\s*[([]\\s*${STRING}\\s*,\\s*${literal(7)}\\s*[,)\\]]`,
  ]
    .map((call) => `(?:${call})`)
    .join("|"),
  "iyd",
);
const CONVERT_TO = /^convertto/i;
const PAIR_NAME_END = /^(?:auth|cred)/i;
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
    "auth=[",
    "auth = [",
    "auth: [",
    "auth: (",
    'auth": [',
    "auth': [",
    "credentials = (",
    "credentials=(",
    "credentials = [",
    "credentials: [",
    'credentials": [',
    "creds = (",
    "creds=(",
    "creds = [",
    "creds: [",
    "convertto-securestring",
    "mysqli_connect(",
    "mysql_connect(",
    "new mysqli(",
    "mysqldb.connect(",
    "pymysql.connect(",
    "oci_connect(",
    "odbc_connect(",
    "odbc_pconnect(",
    "db2_connect(",
    "db2_pconnect(",
    "ldap_bind(",
    "cx_oracle.connect(",
    "oracledb.connect(",
    "new sequelize(",
    "ftp(",
    "ftp_tls(",
    "plaincredentials(",
    "setbasicauth(",
    "basicauth(",
    "credentials.basic(",
    "simple_bind_s(",
    "simple_bind(",
    "bind_s(",
    "basicauthentication(",
    "basicauthenticationinterceptor(",
    "basic_auth(",
    "auth().basic(",
    "preemptive().basic(",
  ],
  source:
    "JDBC getConnection, PHP PDO, mysqli, oci_connect, odbc_connect, db2_connect and ldap_bind, oracledb/cx_Oracle connect, MySQLdb/PyMySQL connect, .NET NetworkCredential, requests HTTPBasicAuth/auth=(…), smtplib/ftplib login, PowerShell ConvertTo-SecureString -AsPlainText, Sequelize, ftplib FTP, pika PlainCredentials, Go SetBasicAuth, aiohttp BasicAuth, OkHttp Credentials.basic, python-ldap simple_bind_s, Spring basicAuthentication, Ruby basic_auth, REST Assured auth().basic, pxssh login(host, user, password)",
  parse(text, index) {
    // A name for credentials may end in `auth` or `credentials` (`basic_auth`, `proxyAuth`, `aws_credentials`).
    if (
      index > 0 &&
      text[index] !== "." &&
      /\w/.test(text[index - 1] ?? "") &&
      !PAIR_NAME_END.test(text.slice(index, index + 4))
    )
      return undefined;
    // `ConvertTo-SecureString`'s own pattern; `cx_Oracle.connect(` starts with a `c` too.
    const regex = CONVERT_TO.test(text.slice(index, index + 9)) ? SECURE_STRING : CALLS;
    regex.lastIndex = index;
    const indices = regex.exec(text)?.indices;
    const span = indices?.[2] ?? indices?.[4] ?? indices?.[6] ?? indices?.[8];
    if (span === undefined) return undefined;
    return passwordFinding(text.slice(span[0], span[1]), span[0], true);
  },
};
