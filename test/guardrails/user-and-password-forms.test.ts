import { describe, expect, it } from "vitest";
import { alnum, fakeChars } from "./fake-values.js";
import { itFindsEachPassword } from "./finds-each-password.js";
import { reportedSecretSpans } from "./reported-secrets.js";

// A username and a password given together in forms no tool-specific rule named (session 18): short
// options of any command line, Go's MySQL DSN, more login calls, archive and account commands, logging
// in "as" a user in prose, and the abbreviations of password that config files use as names.
// Values are drawn at test time; assertions compare spans, so no value is printed on success.
const password = (seed: number) => `${alnum(8, seed)}${fakeChars(2, "0123456789", seed)}`;

describe("a password given with its user", () => {
  const cases: [string, (secret: string) => string][] = [
    [
      "-u user -p password, any tool",
      (secret) => `oc login https://api.example.org:6443 -u dev -p ${secret}`,
    ],
    [
      "-u user -p 'password', quoted",
      (secret) => `crackmapexec smb 10.0.0.0/24 -u administrator -p '${secret}'`,
    ],
    ["-U user -P password", (secret) => `isql-tool -S db -U report -P ${secret}`],
    [
      "-u user -P password (mosquitto)",
      (secret) => `mosquitto_pub -h broker -u sensor -P ${secret} -t t -m 1`,
    ],
    ["--username user -p password", (secret) => `tool --username deploy -p ${secret} push`],
    ["/user:name /pass:password", (secret) => `cmdkey /add:srv01 /user:CORP\\svc /pass:${secret}`],
    [
      "/user:name /password:password",
      (secret) => `wmic /node:srv /user:admin /password:${secret} os get caption`,
    ],
    [
      "Go MySQL DSN over tcp",
      (secret) => `db, err := sql.Open("mysql", "app:${secret}@tcp(127.0.0.1:3306)/shop")`,
    ],
    ["Go MySQL DSN over a socket", (secret) => `DSN=svc:${secret}@unix(/var/run/mysqld.sock)/app`],
    ["zip -P", (secret) => `zip -P ${secret} backup.zip notes.txt`],
    ["unzip -P", (secret) => `unzip -P ${secret} backup.zip`],
    ["7z -p attached", (secret) => `7z a -p${secret} backup.7z docs`],
    ["rar -p attached", (secret) => `rar a -p${secret} backup.rar docs`],
    ["schtasks /rp", (secret) => `schtasks /create /tn nightly /tr job.exe /ru CORP\\svc /rp ${secret}`],
    ["lftp -u user,password", (secret) => `lftp -u mirror,${secret} ftp.example.org`],
    ["net user name password /add", (secret) => `net user svc_backup ${secret} /add`],
    ["net user, quoted", (secret) => `net user "backup svc" "${secret}" /add /domain`],
    ["echo user:password | chpasswd", (secret) => `echo "deploy:${secret}" | sudo chpasswd`],
    ["pika PlainCredentials", (secret) => `creds = pika.PlainCredentials('guest', '${secret}')`],
    ["Go SetBasicAuth", (secret) => `req.SetBasicAuth("api", "${secret}")`],
    ["aiohttp BasicAuth", (secret) => `auth = aiohttp.BasicAuth('api', '${secret}')`],
    ["OkHttp Credentials.basic", (secret) => `val c = Credentials.basic("api", "${secret}")`],
    ["python-ldap simple_bind_s", (secret) => `l.simple_bind_s("cn=admin,dc=example,dc=org", "${secret}")`],
    // Session 19: a `.login` of host, user, password (pxssh) reported the user; Basic-auth calls.
    ["pxssh login(host, user, password)", (secret) => `s.login("10.0.0.5", "pi", "${secret}")`],
    ["pxssh login(variable host, user, password)", (secret) => `s.login(host, "pi", "${secret}")`],
    ["REST Assured auth().basic", (secret) => `given().auth().preemptive().basic("api", "${secret}")`],
    ["Spring basicAuthentication", (secret) => `builder.basicAuthentication("api", "${secret}").build()`],
    [
      "Spring BasicAuthenticationInterceptor",
      (secret) => `interceptors.add(new BasicAuthenticationInterceptor("api", "${secret}"));`,
    ],
    ["Ruby basic_auth", (secret) => `req.basic_auth("api", "${secret}")`],
    ["ftplib FTP(host, user, password)", (secret) => `ftp = FTP('ftp.example.org', 'mirror', '${secret}')`],
    [
      "new Sequelize(db, user, password)",
      (secret) => `const s = new Sequelize('shop', 'app', '${secret}', {})`,
    ],
    ["sign in as a user, password", (secret) => `Sign in as jdoe, password ${secret}`],
    ["log in as a user with the password", (secret) => `log in as admin with the password ${secret}`],
    ["ssh user@host with password", (secret) => `ssh root@10.0.0.5 with password ${secret}`],
    ["user with password", (secret) => `user 'admin' with password '${secret}'`],
    ["auth: user:password", (secret) => `auth: deploy:${secret}`],
    ["a quoted auth pair in JSON", (secret) => `{"auth": "deploy:${secret}"}`],
    ["basic_auth = user:password", (secret) => `basic_auth = "api:${secret}"`],
    ["a camel-cased auth name", (secret) => `proxyAuth: 'svc:${secret}'`],
    ["creds: address:password", (secret) => `creds: ops@example.org:${secret}`],
    ["userinfo=user:password", (secret) => `userinfo=bob:${secret}`],
    ["httpie --auth user:password", (secret) => `http --auth alice:${secret} https://api.example.org/me`],
    ["pswd=", (secret) => `pswd=${secret}`],
    ["psw:", (secret) => `db_psw: ${secret}`],
    ["passw =", (secret) => `passw = "${secret}"`],
    ["pword:", (secret) => `pword: ${secret}`],
    ["pass_word=", (secret) => `pass_word=${secret}`],
  ];
  itFindsEachPassword(cases, password);
});

describe("near-misses: the same options and words with no password", () => {
  const benign = [
    // `-p` beside no user, or a user option's value that is another option.
    "cp -u -p src dest",
    "cp -p -u src dest",
    "tar -u -p -f backup.tar dir",
    "sort -u -p file",
    // Tools whose -p is a port, a prompt, a publish or a process.
    "docker run -u root -p 127.0.0.1:8080:80 nginx",
    "docker run -u app -p web:80 nginx",
    "mysql -u root -p shop",
    "psql -U postgres -p 5433 -h localhost",
    "pg_dump -U postgres -p 5432 shop",
    "ps -u root -p 1234",
    "top -u www -p 4312",
    "rsync -u -p src/ dest/",
    // Prose about the options.
    "pass -u and -p flags",
    "use the -u option for the user and -p for the password",
    // Files and prompts.
    "zip -r -P backup.zip dir",
    "7z a -p backup.7z files",
    "hydra -L users.txt -P passwords.txt ssh://10.0.0.5",
    "lftp -u mirror ftp.example.org",
    "net user bob * /add",
    "net user bob /delete",
    "net user administrator /active:yes",
    "echo hello | chpasswd",
    'echo "deploy:$6$salt$hash" | chpasswd -e',
    // Go DSNs without a password.
    "root@tcp(127.0.0.1:3306)/shop",
    "app:@tcp(localhost)/shop",
    // Calls given variables.
    "r.SetBasicAuth(user, pass)",
    "BasicAuth('api', password)",
    "FTP('ftp.example.org')",
    // Logging in as someone, then no password.
    "sign in as an administrator with password reset rights",
    "log in as admin with password manager",
    "ssh root@host with password authentication",
    // An auth name given an address, a mapping, a stand-in, a scheme or a digest.
    "auth: localhost:8080",
    'auth: "host:port"',
    'auth: "user:pass"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} placeholder is the input under test
    'auth: "${USER}:${PASS}"',
    "auth: admin:admin",
    "auth: https://login.example.org",
    "auth: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "auth: 10:30",
    "auth = key:value",
    "author: alice:wonderland",
    "oauth: alice:wonderland",
    "auth_type: basic:digest",
    "creds: read/write",
    // Names that hold the letters, not the word.
    "the PSW register holds the flags",
    "keywords: pword, pwrd",
  ];
  it.each(benign)("reports nothing in %j", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });
});

describe("the word for password in more languages", () => {
  const lines: [string, (secret: string) => string][] = [
    ["Portuguese", (secret) => `usuário: admin senha: ${secret}`],
    ["Portuguese, copula", (secret) => `A senha é ${secret}`],
    ["Dutch", (secret) => `het wachtwoord is ${secret}`],
    ["Polish", (secret) => `hasło: ${secret}`],
    ["Turkish", (secret) => `şifre=${secret}`],
    ["Swedish", (secret) => `lösenord: ${secret}`],
    ["Finnish", (secret) => `salasana: "${secret}"`],
    ["Czech", (secret) => `heslo: ${secret}`],
    ["Hungarian", (secret) => `jelszó: ${secret}`],
    ["Korean", (secret) => `비밀번호: ${secret}`],
    ["Vietnamese", (secret) => `mật khẩu: ${secret}`],
    ["Indonesian", (secret) => `kata sandi: ${secret}`],
    ["Thai", (secret) => `รหัสผ่าน: ${secret}`],
  ];
  // Seeds from 60, apart from the forms above.
  itFindsEachPassword(lines, (seed) => password(seed + 59));

  // Without those languages' words for what describes a password, a plain word is not taken.
  it.each([
    "senha: obrigatória",
    "A senha é incorreta",
    "şifre: yanlış",
    "Parola: 12345678",
    "parolaccia: x",
  ])("reports nothing in %j", (text) => {
    expect(reportedSecretSpans(text)).toEqual([]);
  });
});
