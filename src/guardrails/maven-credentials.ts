import { passwordFinding } from "./password-finding.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * Maven's master password, `<master>…</master>` in `~/.m2/settings-security.xml`: the key that
 * decrypts every `{…}`-encrypted password of settings.xml (Maven, "Password Encryption"). `<master>`
 * alone is any XML's element, so the value counts inside a `<settingsSecurity>` document, or when it
 * has the shape Maven writes (`{` base64 `}`). Trivy's maven-settings-security-master rule
 * (aquasecurity/trivy pkg/fanal/secret/builtin-rules.go, Apache-2.0) finds it by the file's name,
 * which a scanned text does not have. The passwords of settings.xml's `<server>` entries are the
 * generic rule's (`<password>…</password>`).
 */
const MASTER = /<master>[ \t\r\n]{0,20}([^<\s](?:[^<]{0,200}[^<\s])?)[ \t\r\n]{0,20}<\/master>/diy;
const MAVEN_ENCRYPTED = /^\{[A-Za-z0-9+/]{8,200}={0,2}\}$/;
const SETTINGS_SECURITY = /<settingsSecurity[\s>]/i;
const MAX_LOOK_BACK = 300;

export const mavenMasterParser: SecretParser = {
  id: "maven-master",
  keywords: ["<master>"],
  source: "Maven settings-security.xml `<master>` (maven.apache.org, 'Password Encryption'); Trivy's rule",
  parse(text, index) {
    MASTER.lastIndex = index;
    const span = MASTER.exec(text)?.indices?.[1];
    if (span === undefined) return undefined;
    const value = text.slice(span[0], span[1]);
    const inDocument = SETTINGS_SECURITY.test(text.slice(Math.max(0, index - MAX_LOOK_BACK), index));
    if (!inDocument && !MAVEN_ENCRYPTED.test(value)) return undefined;
    return passwordFinding(value, span[0], true);
  },
};
