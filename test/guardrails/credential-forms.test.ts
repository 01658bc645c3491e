import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAuthoredSecretRows } from "../../scripts/guardrails/authored-secret-lines.js";
import { alnum, fakeChars } from "./fake-values.js";
import { itFindsEachPassword } from "./finds-each-password.js";
import { reportedSecretSpans } from "./reported-secrets.js";

// Passwords in connection strings, command lines, login calls and config files, the forms the
// dev file scripts/guardrails/authored/secret-credentials-dev.txt was written for (session 9).
// Values are drawn at test time; assertions compare spans, so no value is printed on success.
const password = (seed: number) => `${alnum(9, seed)}!${fakeChars(2, "0123456789", seed)}`;

describe("passwords in the forms that carry no password= of their own", () => {
  const cases: [string, (secret: string) => string][] = [
    [
      "ODBC braced value",
      (secret) => `Driver={ODBC Driver 18 for SQL Server};Server=db;Uid=app;Pwd={${secret}};Encrypt=yes;`,
    ],
    ["Oracle JDBC thin URL", (secret) => `jdbc:oracle:thin:scott/${secret}@//dbhost:1521/ORCL`],
    ["sqlplus logon", (secret) => `sqlplus -s app_user/${secret}@orclpdb`],
    [".pgpass line", (secret) => `db.example.com:5432:orders:orders_app:${secret}`],
    [".pgpass line with wildcards", (secret) => `*:*:*:postgres:${secret}`],
    ["mysql -p attached", (secret) => `mysql -u root -p${secret} -h 127.0.0.1`],
    ["mysql -p quoted", (secret) => `mysqldump -uadmin -p'${secret}' shop > shop.sql`],
    ["sqlcmd -P", (secret) => `sqlcmd -S db01 -U sa -P ${secret} -Q "SELECT 1"`],
    ["sshpass -p", (secret) => `sshpass -p '${secret}' ssh root@10.0.0.12`],
    ["redis-cli -a", (secret) => `redis-cli -h cache -a ${secret} ping`],
    ["docker login -p", (secret) => `docker login -u deploy -p ${secret} registry.example.com`],
    ["smbclient -U user%password", (secret) => `smbclient //nas/media -U alice%${secret}`],
    ["net use, password after /user", (secret) => `net use Z: \\\\files\\share /user:CORP\\jdoe ${secret}`],
    ["net use, password before /user", (secret) => `net use \\\\10.0.0.9\\c$ ${secret} /user:administrator`],
    [
      "getConnection(url, user, password)",
      (secret) => `DriverManager.getConnection("jdbc:postgresql://db/app", "app", "${secret}");`,
    ],
    [
      "new PDO(dsn, user, password)",
      (secret) => `$db = new PDO('mysql:host=localhost;dbname=shop', 'shop', '${secret}');`,
    ],
    [
      "NetworkCredential(user, password)",
      (secret) => `new NetworkCredential("svc_sync", "${secret}", "CORP")`,
    ],
    [
      "mysqli_connect(host, user, password, db)",
      (secret) => `$conn = mysqli_connect("localhost", "webuser", "${secret}", "shop");`,
    ],
    ["new mysqli(host, user, password)", (secret) => `$db = new mysqli('localhost', 'app', '${secret}');`],
    [
      "MySQLdb.connect(host, user, password, db)",
      (secret) => `db = MySQLdb.connect("localhost","testuser","${secret}","TESTDB")`,
    ],
    [
      "oci_connect(user, password, db)",
      (secret) => `$c = oci_connect('scott', '${secret}', 'localhost/XE');`,
    ],
    [
      "odbc_connect(connection string, user, password)",
      (secret) => `$conn = odbc_connect('Driver={SQL Server};Server=db;Database=shop', 'sa', '${secret}');`,
    ],
    [
      "odbc_pconnect(dsn, user, password)",
      (secret) => `$c = odbc_pconnect("DSN=Prod", "report", "${secret}");`,
    ],
    [
      "db2_connect(database, user, password)",
      (secret) => `$conn = db2_connect('SAMPLE', 'db2inst1', '${secret}');`,
    ],
    [
      "ldap_bind(link, dn, password)",
      (secret) => `ldap_bind($ldap, 'cn=admin,dc=example,dc=org', '${secret}');`,
    ],
    [
      "cx_Oracle.connect(user, password, dsn)",
      (secret) => `conn = cx_Oracle.connect("hr", "${secret}", "db/XE")`,
    ],
    [
      "oracledb.connect(user, password, dsn)",
      (secret) => `conn = oracledb.connect("scott", "${secret}", "db/orcl")`,
    ],
    ["requests auth=(user, password)", (secret) => `requests.get(url, auth=('api_user', '${secret}'))`],
    ["keytool -storepass", (secret) => `keytool -list -keystore app.jks -storepass ${secret}`],
    ["mysqladmin password", (secret) => `mysqladmin -u root password ${secret}`],
    ["rabbitmqctl add_user user password", (secret) => `rabbitmqctl add_user deploy ${secret}`],
    ["htpasswd -b file user password", (secret) => `htpasswd -b /etc/nginx/.htpasswd admin ${secret}`],
    ["a PowerShell -Password option", (secret) => `New-Thing -UserName admin -Password ${secret}`],
    ["pass as the whole name", (secret) => `pass = "${secret}"`],
    ["--pass on a command line", (secret) => `tool --user admin --pass ${secret}`],
    ["smtplib login(user, password)", (secret) => `server.login("alerts@example.com", "${secret}")`],
    [
      "ConvertTo-SecureString -AsPlainText",
      (secret) => `$pw = ConvertTo-SecureString "${secret}" -AsPlainText -Force`,
    ],
    ["mongo -p", (secret) => `mongo -u admin -p ${secret} --authenticationDatabase admin`],
    [
      "ldapsearch -w",
      (secret) => `ldapsearch -x -D cn=admin,dc=example,dc=com -w ${secret} -b dc=example,dc=com`,
    ],
    ["xfreerdp /p:", (secret) => `xfreerdp /u:administrator /p:${secret} /v:10.0.0.5`],
    [
      "openssl pass:",
      (secret) => `openssl pkcs12 -export -in cert.pem -passout pass:${secret} -out cert.p12`,
    ],
    ["a pair under Username/Password", (secret) => `Username/Password: admin/${secret}`],
    ["a spaced pair under username / password", (secret) => `username / password: jdoe / ${secret}`],
    ["ID and PW", (secret) => `ID: jdoe PW: ${secret}`],
    ["login user:password", (secret) => `default login admin:${secret}`],
    [
      "a JDBC URL's query, up to the next parameter",
      (secret) => `jdbc:mysql://db:3306/crm?user=crm&password=${secret}&useSSL=true`,
    ],
    [
      "SQL Server's default account named in prose",
      (secret) => `Connect with user sa and password ${secret} to restore.`,
    ],
    ["login as user, password", (secret) => `login as admin, password ${secret}`],
    ["YAML: user on the line before pass", (secret) => `database:\n  user: app\n  pass: ${secret}`],
    ["INI: user on the line before pass", (secret) => `[database]\nuser = app\npass = ${secret}`],
  ];
  itFindsEachPassword(cases, password);
});

it("reads an ODBC braced value whole, `;` and all", () => {
  const secret = `${password(40)};${password(41)}`;
  const text = `Server=db03;Database=ops;User Id=ops;Password={${secret}};`;
  const start = text.indexOf(secret);
  expect(reportedSecretSpans(text)).toEqual([[start, start + secret.length]]);
});

describe("near-misses of the same forms", () => {
  const benign = [
    "Server=db01;Database=hr;User Id=hr_app;Password=;",
    "Server=db01;Database=hr;Integrated Security=true;",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "Server=db01;Database=hr;User Id=hr_app;Password=${DB_PASSWORD};",
    "Server=db01;Database=hr;User Id=hr_app;Password={your_password};",
    "Data Source=SQL01;User Id=sa;Password=%DB_PASS%;",
    "jdbc:oracle:thin:@//dbhost:1521/ORCL",
    "The .pgpass format is hostname:port:database:username:password, one line per server.",
    "mysql -u root -p",
    "mysql -u root -p shop < dump.sql",
    "ls -a /tmp && cp -p a b && grep -P '\\d+' file",
    "sqlcmd -S db01 -E",
    "redis-cli -a $REDIS_PASSWORD ping",
    "docker login -u deploy --password-stdin registry.example.com",
    "smbclient //nas/media -U alice",
    "net use Z: \\\\fileserver\\share /user:CORP\\jdoe *",
    "net use Z: \\\\fileserver\\share /persistent:yes",
    "conn = DriverManager.getConnection(url, user, password);",
    "resp = requests.get(url, auth=(user, password))",
    "keytool -list -keystore app.jks -storepass:env STOREPASS",
    "rabbitmqctl add_user deploy",
    "htpasswd -b /etc/nginx/.htpasswd admin",
    "    pass",
    "you pass = the test when it is green",
    "the passenger = someone on board",
    "$conn = mysqli_connect($host, $user, $pass, $db);",
    "$conn = odbc_connect($dsn, $user, $password);",
    "ldap_bind($ldap, $dn, $password);",
    'conn = cx_Oracle.connect(user, password, "db/XE")',
    '$conn = mysqli_connect("localhost", "root", "", "shop");',
    "db = MySQLdb.connect(host, user, passwd, db_name)",
    "server.login(user, os.environ['SMTP_PASS'])",
    '$pw = Read-Host "Password" -AsSecureString',
    "database:\n  user: app\n  pass: true",
    "mongo -u admin -p --authenticationDatabase admin",
    "ldapsearch -x -D cn=admin,dc=example,dc=com -W -b dc=example,dc=com",
    "xfreerdp /u:administrator /v:10.0.0.5 /cert:ignore",
    "openssl pkcs12 -export -in cert.pem -passout env:P12_PASS -out cert.p12",
    "Username/Password: <your username>/<your password>",
    "default login page: /admin/login",
    "order id 4411 was shipped; the pw reset link expired",
    "Log in as an administrator and change the password on first use.",
    "Run the job as sa; the password is kept in the vault.",
    "user: app\nenabled: yes",
  ];
  it.each(benign)("reports nothing in %j", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });
});

describe("Maven's settings.xml and settings-security.xml (Trivy's maven-settings rules)", () => {
  // A word in camel case is a literal in an element closed by its own tag, not a code identifier.
  const word = (seed: number) => `plain${fakeChars(6, "abcdefghijklmnopqrstuvwxyz", seed)}Secret`;
  const maven = (seed: number) => `{${alnum(43, seed)}=}`;
  const cases: [string, string, (secret: string) => string][] = [
    [
      "a server's password",
      word(1),
      (secret) => `<server>\n  <id>central</id>\n  <password>  ${secret}  </password>\n</server>`,
    ],
    [
      "a key's passphrase",
      word(2),
      (secret) => `<settings>\n<passphrase>${secret}</passphrase>\n</settings>`,
    ],
    [
      "the master password in its document",
      word(3),
      (secret) => `<settingsSecurity>\n  <master>${secret}</master>\n</settingsSecurity>`,
    ],
    ["a Maven-encrypted master on its own", maven(4), (secret) => `<master>${secret}</master>`],
  ];
  it.each(cases)("finds %s", (_name, secret, line) => {
    const text = line(secret);
    const start = text.indexOf(secret);
    expect(reportedSecretSpans(text)).toEqual([[start, start + secret.length]]);
  });

  const benign = [
    "<master>plainMaster</master>",
    "<branch><master>true</master></branch>",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Maven property reference, on purpose
    "<settingsSecurity>\n  <master>${env.MAVEN_MASTER}</master>\n</settingsSecurity>",
    "<password>  passwordInput  <input/>",
    "<password>Password</password>",
  ];
  it.each(benign)("reports nothing in %j", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });
});

describe("passwords in config entries and indexed assignments (whispers' fixtures, session 10)", () => {
  const cases: [string, (secret: string) => string][] = [
    ["Kubernetes env entry", (secret) => `env:\n  - name: POSTGRES_PASSWORD\n    value: "${secret}"`],
    ["Compose env entry, unquoted", (secret) => `- name: MYSQL_ROOT_PASSWORD\n  value: ${secret}`],
    ["JSON key/value entry", (secret) => `{"key": "password", "value": "${secret}"}`],
    ["XML key/value entry", (secret) => `<key>db.password</key>\n<value>${secret}</value>`],
    ["nuget.config add key", (secret) => `<add key="ClearTextPassword" value="${secret}" />`],
    ["Java XML properties entry", (secret) => `<entry key="db.password">${secret}</entry>`],
    ["PHP array index", (secret) => `$config['db_password'] = '${secret}';`],
    ["Flask config index", (secret) => `app.config["MAIL_PASSWORD"] = "${secret}"`],
    ["userpass in a JDBC query", (secret) => `jdbc:mysql://db/app?user=admin&userpass=${secret}`],
    ["a lower-case my-password", () => "postgres://app:mypassword@db.example.com:5432/app"],
    ["node-postgres pg:// URL", (secret) => `const connectionString = 'pg://app:${secret}@localhost/app'`],
    ["mypass in a connection string", () => "Host=db;Username=app;Password=mypass;Database=app"],
  ];
  it.each(cases)("finds the password in a %s", (_, write) => {
    const text = write(password(11));
    const secret = /mypass/.test(text) ? (/mypass(?:word)?/.exec(text)?.[0] ?? "") : password(11);
    const start = text.indexOf(secret);
    expect(reportedSecretSpans(text)).toEqual([[start, start + secret.length]]);
  });

  it.each([
    [
      "a connection string",
      "Server=localhost;User ID=npgsql_tests;Password=npgsql_tests;Database=npgsql_tests",
    ],
    ["a quoted assignment", 'csb.Password = "npgsql_tests_scram";'],
  ])("reads a lower-case snake-case password as a literal in %s", (_, text) => {
    const start = text.indexOf("npgsql_tests", text.indexOf("Password"));
    const end =
      text.indexOf(text.includes("scram") ? "scram" : ";Database") + (text.includes("scram") ? 5 : 0);
    expect(reportedSecretSpans(text)).toEqual([[start, end]]);
  });

  const benign = [
    "password = new_password",
    'password: "new_password"',
    'password: "real_key"',
    "PWD=postgres_pwd;DATABASE=test",
    'string[] removeKeys = { "User ID", "Password", "PWD", "Trusted_Connection" };',
    "String variable_password1 = NONCOMPLIANT_APITOKEN;",
    "- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db",
    "- name: saPassword\n  value: $[stageDependencies.secrets.outputs['SaPassword.Value']]",
    "- name: KerberosPassword\n  value: $(kerberos-password)",
    '{"key": "password", "value": ""}',
    '<entry key="password"></entry>',
    '<entry key="password_hint">my dog</entry>',
    '{"name": "password", "type": "string", "value": "x"}',
    "if config['password'] == request.form['password']:",
    'password = "{password}"',
    'password = "{ password }"',
    'define("variable_password", "{placeholder}");',
    "password: $$DB_PASSWORD",
    'format_password = "prefix_{}".format(dynamic_value)',
    '<input type="hidden" name="authenticity_token" value="7SWa-Fo1_hsC6oovfBsJFLGPUl2EhkSWPbJhWANwgaJWBDl1vxd9VNqX" />',
  ];
  it.each(benign)("reports nothing in %j", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });
});

describe("a connection string's setting runs to the next `;`, spaces and all", () => {
  it.each([
    [
      "ODBC",
      (secret: string) =>
        `Driver={ODBC Driver 18 for SQL Server};Server=db;Uid=app;Pwd=${secret};Encrypt=yes;`,
    ],
    ["ADO.NET at the end", (secret: string) => `Server=db;Database=hr;User Id=sa;Password=${secret}`],
  ])("reads a password with spaces in %s", (_, write) => {
    const secret = `${password(21)} ${password(22)}`;
    const text = write(secret);
    const start = text.indexOf(secret);
    expect(reportedSecretSpans(text)).toEqual([[start, start + secret.length]]);
  });

  it.each([
    "Uid=0 means root; Pwd= is the working directory in some shells.",
    "pyodbc.connect('DRIVER={SQL Server};SERVER='+server+';UID='+user+';PWD='+ password)",
    'cs = "Server=db;PWD=" + pwd + ";"',
    "$cs = 'Server=db;Pwd=' . $pwd;",
    "(&(sn=administrator)(password=MY*))",
  ])("reports nothing in %j", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });
});

describe("registry logins and long tokens", () => {
  const base64 = (text: string) => Buffer.from(text).toString("base64");

  it("finds a Docker config.json auth that decodes to user:password", () => {
    const encoded = base64(`deploy:${password(31)}`);
    const text = `{"auths": {"registry.example.com": {"auth": "${encoded}"}}}`;
    const start = text.indexOf(encoded);
    expect(reportedSecretSpans(text)).toEqual([[start, start + encoded.length]]);
  });

  it.each([
    '{"auths": {"r.example.com": {"auth": ""}}}',
    '{"auth": "{{ AUTH_BASE64 }}"}',
    `{"auth": "${Buffer.from("no colon here").toString("base64")}"}`,
  ])("reports nothing in %j", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });

  it.each([
    ["its own lines", (secret: string) => `machine github.com\n  login octocat\n  password ${secret}`],
    ["a machine line", (secret: string) => `machine api.example.com login deploy\npassword ${secret}`],
  ])("finds a .netrc password on %s", (_, write) => {
    const secret = password(33);
    const text = write(secret);
    const start = text.indexOf(secret);
    expect(reportedSecretSpans(text)).toEqual([[start, start + secret.length]]);
  });

  it.each(["login required\npassword is stored in the vault", "login octocat\npassword reset link sent"])(
    "reads no .netrc password in %j",
    (text) => {
      expect(reportedSecretSpans(text)).toEqual([]);
    },
  );

  it("reads a token value of several hundred characters (an AWS session token)", () => {
    const token = alnum(420, 32);
    const text = `aws_session_token = ${token}`;
    expect(reportedSecretSpans(text)).toEqual([[20, 20 + token.length]]);
  });
});

describe("the authored dev file", () => {
  const file = join(import.meta.dirname, "../../scripts/guardrails/authored/secret-credentials-dev.txt");
  const rows = parseAuthoredSecretRows(readFileSync(file, "utf8"), "secret-credentials-dev.txt");

  it("labels each positive with its password's span", () => {
    expect(rows.filter((row) => row.positive).length).toBeGreaterThan(60);
    for (const row of rows.filter((row) => row.positive))
      expect(row.span?.[1]).toBeGreaterThan(row.span?.[0] ?? 0);
  });

  it("refuses a positive whose value is not in its text", () => {
    expect(() => parseAuthoredSecretRows("P|hunter2|login: admin / pass: hunter3", "x.txt")).toThrow(
      /x.txt:1: the value does not occur/,
    );
    expect(() => parseAuthoredSecretRows("N|value|text", "x.txt")).toThrow(/x.txt:1: expected/);
  });
});

describe("a connection string of one setting, the whole string literal", () => {
  it.each([
    ['cn.ConnectionString = "Password=', '";'],
    ['var conn = new SqlConnection("Pwd=', '");'],
    ["conn_str = 'PWD=", "'"],
  ])("reads a plain word as the password in %s…", (before, after) => {
    // A word ending like a participle ("scrambled") reads as a description in prose, not here.
    const word = `${fakeChars(6, "abcdefghijklmnopqrstuvwxyz", 5)}ed`;
    const text = `${before}${word}${after}`;
    expect(reportedSecretSpans(text)).toEqual([[before.length, before.length + word.length]]);
  });

  it.each([
    'log("password=changed");',
    'message = "password=invalid";',
    'cn.ConnectionString = "Password=" + password;',
    'connectionString = "Password=";',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} placeholder is the input under test
    'dsn = "Pwd=${DB_PASSWORD}"',
  ])("reports nothing in %j", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });
});

describe("a sentence about the password is no password", () => {
  // Validation and i18n messages under a password's name: the words describe it, with a verb.
  it.each([
    'password: "must be at least 8 characters"',
    '"password": "Passwords do not match"',
    "errors.password = 'Password must contain a number';",
    'password: "Password is required"',
  ])("reports nothing in %j", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });

  // Passphrases of words stay passwords: too few describing words, or no verb among them.
  it.each([
    'password: "correct horse battery staple"',
    'password: "my dog has fleas"',
    'password: "Tr0ub4dor and 3 more"',
  ])("reports the passphrase in %j", (text) => {
    expect(reportedSecretSpans(text)).toHaveLength(1);
  });
});

// A pair of literals given to a name for credentials (session 24): Elasticsearch's client takes
// `basic_auth=("elastic", "…")` (before 8.0 `http_auth=`), and configs write `auth: ["user", "…"]`.
describe("a user and password pair under a name for credentials", () => {
  const cases: [string, (secret: string) => string][] = [
    [
      "Elasticsearch's basic_auth",
      (secret) => `es = Elasticsearch(url, basic_auth=("elastic", "${secret}"))`,
    ],
    ["http_auth, single quotes", (secret) => `Elasticsearch(hosts, http_auth=('elastic', '${secret}'))`],
    ["proxy_auth = (…)", (secret) => `proxy_auth = ("squid", "${secret}")`],
    ["credentials = (…)", (secret) => `credentials = ("svc_sync", "${secret}")`],
    ["a YAML list under auth", (secret) => `auth: ["deploy", "${secret}"]`],
    ["a JSON list under basic_auth", (secret) => `{"basic_auth": ["deploy", "${secret}"]}`],
  ];
  itFindsEachPassword(cases, password);
  it.each([
    'basic_auth=("elastic", ELASTIC_PASSWORD)',
    'auth=("user", "password")',
    'creds = ("admin", "<password>")',
    `tokens = ("abc", "${alnum(9, 5)}!7")`,
    `author = ("Jane Doe", "${alnum(9, 6)}!7")`,
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });
});
