import { TextUnits } from "../text-units.js";
import { basicCredentialLiteralParser } from "./basic-credential-literal.js";
import { BETTERLEAKS_RULES } from "./betterleaks-rules.js";
import { CLOUD_SECRET_RULES } from "./cloud-secret-rules.js";
import { callArgumentPasswordParser } from "./code-credentials.js";
import { commandLinePairParser } from "./command-line-pair.js";
import {
  commandLinePasswordParser,
  netUsePasswordParser,
  netUserPasswordParser,
} from "./command-line-password.js";
import {
  credentialPairParser,
  hostPairParser,
  labelledPairParser,
  passwordAfterUserParser,
} from "./credential-pair.js";
import {
  goMysqlDsnParser,
  odbcBracedPasswordParser,
  odbcEncodedPasswordParser,
  oracleLoginParser,
  pgpassParser,
  sqlPasswordParser,
} from "./db-credentials.js";
import { discordBotTokenParser } from "./discord-bot-token.js";
import { encodedJsonTokenParser } from "./encoded-json-token.js";
import { encodedPrivateKeyParser, puttyKeyParser } from "./encoded-private-key.js";
import { shannonEntropy } from "./entropy.js";
import { unescapeSeparators } from "./escaped-text.js";
import { genericKeyNameParser, genericSecretParser } from "./generic-secret.js";
import { GITLEAKS_CONTEXT_RULES } from "./gitleaks-context-rules.js";
import { GITLEAKS_SECRET_RULES } from "./gitleaks-secret-rules.js";
import { GITLEAKS_TOKEN_RULES } from "./gitleaks-token-rules.js";
import { jwkPrivateKeyParser } from "./jwk-private-key.js";
import { KEYHOG_RULES } from "./keyhog-rules.js";
import { KeywordPrefilter } from "./keyword-prefilter.js";
import { KeywordStarts } from "./keyword-starts.js";
import { KINGFISHER_RULES } from "./kingfisher-rules.js";
import { LEAKTK_RULES } from "./leaktk-rules.js";
import { libcurlOptionParser } from "./libcurl-options.js";
import { maskPreview } from "./mask.js";
import { mavenMasterParser } from "./maven-credentials.js";
import { MICROSOFT_SECRET_RULES } from "./microsoft-secret-rules.js";
import { networkDeviceCredentialsParser } from "./network-device-credentials.js";
import { PASSWORD_HASH_RULES } from "./password-hash-rules.js";
import { passwordListParser } from "./password-list.js";
import { prefixedTokenParser } from "./prefixed-token.js";
import { keepStrongest } from "./resolve-overlaps.js";
import { SCANNER_VENDOR_RULES } from "./scanner-vendor-rules.js";
import {
  anySchemeUrlParser,
  basicAuthParser,
  credentialUrlParser,
  curlUserParser,
  dockerAuthParser,
  type ParsedSecret,
  privateKeyParser,
  type SecretParser,
  type VendorVerdict,
} from "./secret-parsers.js";
import type { SecretPatternRule } from "./secret-rule-types.js";
import { SHHGIT_SECRET_RULES } from "./shhgit-secret-rules.js";
import { morePasswordWordsParser, spokenPasswordParser } from "./spoken-password.js";
import { stdinPasswordParser } from "./stdin-password.js";
import { telegramBotTokenParser } from "./telegram-token.js";
import { encodedTinkKeysetParser, tinkKeysetParser } from "./tink-keyset.js";
import { TRIVY_SECRET_RULES } from "./trivy-secret-rules.js";
import type { Detector, Finding } from "./types.js";
import { urlTokenUserParser } from "./url-token-user.js";
import { userinfoValueParser } from "./userinfo-value.js";
import { VELES_SECRET_RULES } from "./veles-secret-rules.js";
import { VENDOR_CODE_RULES } from "./vendor-code-rules.js";
import { VENDOR_CODE_RULES_2 } from "./vendor-code-rules-2.js";
import { VENDOR_DOC_RULES } from "./vendor-doc-rules.js";
import { VENDOR_FORMAT_RULES } from "./vendor-format-rules.js";
import { vendorNameValueParser } from "./vendor-name-value.js";
import { VENDOR_SECRET_RULES } from "./vendor-secret-rules.js";
import { vendorWordValueParser } from "./vendor-word-value.js";
import { webhookUrlParser } from "./webhook-url.js";

/**
 * Secret detector: modelmux's own compiled rule set (vendor patterns taken from secretlint's recommended
 * preset and from gitleaks, both MIT, each rule naming its source) rather than secretlint at scan time.
 *
 * Evaluated and decided against calling secretlint on the request path: `lintSource` is async (the
 * guardrails stay synchronous), costs 0.6–1.6 ms per 10 KB on this machine (the whole budget for every
 * detector is 1 ms), and its preset has no rule for generic `password=…`/`api_key: …` assignments,
 * Azure credentials, GCP API keys, JWTs or bearer tokens — on the evaluation set it finds 48% of the
 * labelled secrets (`npm run bench` prints the comparison). Its patterns are good, so they are reused;
 * test/guardrails/secretlint-parity.test.ts checks that this detector finds everything secretlint finds.
 *
 * Speed: one case-insensitive pass finds every keyword; only the rules keyed by that keyword run,
 * anchored (sticky) at the hit. Text without keywords costs that one pass.
 */
export function createSecretDetector(
  patternRules: readonly SecretPatternRule[] = [
    ...SECRET_PATTERN_RULES,
    ...KINGFISHER_RULES,
    ...MICROSOFT_SECRET_RULES,
    ...KEYHOG_RULES,
    ...BETTERLEAKS_RULES,
    ...LEAKTK_RULES,
  ],
  parsersGiven: readonly SecretParser[] = SECRET_PARSERS,
): Detector {
  const parsers = parsersGiven.map((parser) => parser.fromRules?.(patternRules) ?? parser);
  const matchers = new Map<string, Matcher[]>();
  const add = (keyword: string, matcher: Matcher) => {
    const list = matchers.get(keyword) ?? [];
    list.push(matcher);
    matchers.set(keyword, list);
  };
  for (const rule of patternRules) {
    const matcher = patternMatcher(rule);
    for (const keyword of rule.keywords) add(keyword, matcher);
  }
  for (const parser of parsers) {
    const matcher = parserMatcher(parser);
    for (const keyword of parser.keywords) add(keyword, matcher);
  }
  // The prefilter reports the longest keyword at a position; the rules of the shorter keywords it
  // starts with (`sk` within `sk_live_`) run there too.
  for (const [keyword, list] of matchers) {
    for (let length = 1; length < keyword.length; length++) {
      const shorter = matchers.get(keyword.slice(0, length));
      if (shorter !== undefined) list.push(...shorter.filter((matcher) => !list.includes(matcher)));
    }
  }
  const wholeText = parsers.filter((parser) => parser.scanText !== undefined);
  const vendorPrefix = vendorPrefixOf(patternRules);
  // Tried sticky where a keyword may start (keyword-starts.ts), which a global regex would find
  // trying every position: at a third of the cost.
  const prefilter = new KeywordPrefilter([...matchers.keys()]);
  const starts = new KeywordStarts([...matchers.keys()]);
  const textUnits = new TextUnits();

  return {
    name: "secrets",
    scan(written) {
      const text = withoutTerminalControls(written);
      const findings = scanOnce(text);
      // The text with escaped separators read (`%3D`, `&quot;`): what only it shows, at the written
      // spans, the sure findings only (a stand-in word read through an escape, `PWD%3Dpassword`, is not
      // taken). A finding the written text has already is kept as written (a key's `%3D` padding).
      const unescaped = unescapeSeparators(text);
      if (unescaped !== undefined) {
        const found = new Uint8Array(text.length + 1);
        for (const finding of findings) found.fill(1, finding.start, finding.end);
        for (const finding of scanOnce(unescaped.text)) {
          const start = unescaped.origin[finding.start] ?? finding.start;
          const end = unescaped.origin[finding.end] ?? finding.end;
          if (finding.score >= UNESCAPED_MIN_SCORE && found.subarray(start, end).indexOf(1) === -1)
            findings.push({ ...finding, start, end });
        }
      }
      return keepStrongest(findings);
    },
  };

  /** The findings of one pass of the keyword-started readings and the whole-text ones. */
  function scanOnce(text: string): Finding[] {
    const findings: Finding[] = [];
    const units = textUnits.of(text);
    const { length } = text;
    // Every start, overlapping keywords too (`aws_secret` holds `secret`): each gets its chance.
    for (let at = starts.next(units, length, 0); at !== -1; at = starts.next(units, length, at + 1)) {
      const hit = prefilter.at(text, at);
      if (hit === undefined) continue;
      for (const matcher of matchers.get(hit.toLowerCase()) ?? []) {
        const found = matcher(text, at);
        if (found) findings.push(found);
      }
    }
    for (const parser of wholeText)
      for (const parsed of parser.scanText?.(text, vendorPrefix) ?? [])
        findings.push(toFinding(parsed, text.slice(parsed.start, parsed.end), `secrets/${parser.id}`));
    return findings;
  }
}

/** A finding only the unescaped text shows is taken from this score on. */
const UNESCAPED_MIN_SCORE = 0.7;

// ECMA-48's control sequences (`ESC [`, parameter and intermediate bytes, a final byte): a terminal's
// colours and cursor moves (`\u001b[93m…\u001b[0m`) copied with a log or a console's output.
const ESC = String.fromCharCode(0x1b);
const CONTROL_SEQUENCE = new RegExp(`${ESC}\\[[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]`, "g");

/**
 * The text with its terminal control sequences blanked, space for character: a coloured token
 * (`\u001b[94msq0csp-…\u001b[0m`) starts after a separator as it is shown, not glued to `94m`, and
 * every finding's offsets stay the written text's.
 */
function withoutTerminalControls(text: string): string {
  if (!text.includes(`${ESC}[`)) return text;
  return text.replace(CONTROL_SEQUENCE, (sequence) => " ".repeat(sequence.length));
}

/** The longest keyword a vendor rule is keyed on that a token may start with. */
const MAX_PREFIX_KEYWORD = 16;

/** A token short of a format is carried on by its last characters, this many this often (320 more). */
const SHORT_CARRY = 8;
const SHORT_REPEAT = 40;

/** A pattern's closing boundary (`${END}`, `(?![A-Za-z0-9])`, `\\b`), taken off to read a longer token's start. */
const CLOSING_BOUNDARY = /(?:\(\?!(?:\[(?:\\.|[^\]\\])*\]|[^()[\]])*\)|\\b)$/;

/**
 * Whether a vendor rule keyed on `token`'s start decides it (three characters or more, its closing
 * separator left out): that rule knows the vendor's format, and a token it did not report is not one
 * a shape-only reading should. But a token that opens in the rule's format and runs on past it
 * (`phx_` and 56 characters where PostHog's rule reads 40-48, `ghr_` and 72 where GitHub's reads
 * 36) is a key in a longer format than the rule was written for, as vendors lengthen theirs: the
 * rule's pattern without its closing boundary reads a shorter start of it, and the shape decides.
 * A token of the format's length (turned down as a stand-in or for its entropy) stays the rule's. A
 * token every keyed rule turns down from its start (`hf_` and digits where the rule reads letters,
 * `ntn_` without the 11 digits the rule reads first) is `off-format`: another format under a known
 * prefix, which the shape reading takes only if its tail looks drawn for a key (prefixed-token.ts).
 * One only short of the format's length (its alphabet fits: carried on by its own last characters,
 * the rule reads it) stays the rule's: a key cut short (`NRII-` and 31 where New Relic's reads 32).
 */
function vendorPrefixOf(rules: readonly SecretPatternRule[]): (token: string) => VendorVerdict {
  const byKeyword = new Map<string, SecretPatternRule[]>();
  const add = (keyword: string, rule: SecretPatternRule) => {
    const list = byKeyword.get(keyword) ?? [];
    if (!list.includes(rule)) list.push(rule);
    byKeyword.set(keyword, list);
  };
  for (const rule of rules)
    for (const keyword of rule.keywords)
      if (keyword.length <= MAX_PREFIX_KEYWORD) {
        // `glpat-` keys GitLab's rule; `glpat_…` is its prefix written with the other separator.
        const lower = keyword.toLowerCase();
        const stem = lower.replace(/[-_.]$/, "");
        if (lower.length >= 3) add(lower, rule);
        if (stem.length >= 3) add(stem, rule);
      }
  const opened = new Map<SecretPatternRule, RegExp | null>();
  const openPattern = (rule: SecretPatternRule): RegExp | null => {
    let regex = opened.get(rule);
    if (regex === undefined) {
      const open = rule.pattern.replace(CLOSING_BOUNDARY, "");
      regex =
        open === rule.pattern || rule.back !== undefined ? null : new RegExp(open, `${rule.flags ?? ""}y`);
      opened.set(rule, regex);
    }
    return regex;
  };
  /** How much of `token` the rule's opened pattern reads from its start: -1 for none, or a rule that cannot be opened. */
  const opening = (token: string, rule: SecretPatternRule) => {
    const regex = openPattern(rule);
    if (regex === null) return Number.POSITIVE_INFINITY;
    regex.lastIndex = 0;
    return regex.exec(token)?.[0].length ?? -1;
  };
  return (token) => {
    const lower = token.slice(0, MAX_PREFIX_KEYWORD).toLowerCase();
    let keyed = false;
    let offFormat = true;
    for (let length = 3; length <= lower.length; length++) {
      const keyedRules = byKeyword.get(lower.slice(0, length));
      if (keyedRules === undefined) continue;
      keyed = true;
      for (const rule of keyedRules) {
        const read = opening(token, rule);
        if (read !== -1 && read < token.length) return "free";
        // Read, or short of the format's length alone (its own last characters carried on, it is read).
        if (read !== -1 || opening(token + token.slice(-SHORT_CARRY).repeat(SHORT_REPEAT), rule) !== -1)
          offFormat = false;
      }
    }
    if (!keyed) return "free";
    return offFormat ? "off-format" : "rule";
  };
}

/**
 * The readings written as code: token formats (private keys, credential URLs, Telegram and Discord
 * tokens) and the name-based ones (a secret-like name before a value, passwords in commands and pairs).
 */
export const SECRET_PARSERS: readonly SecretParser[] = [
  privateKeyParser,
  encodedPrivateKeyParser,
  puttyKeyParser,
  tinkKeysetParser,
  encodedTinkKeysetParser,
  jwkPrivateKeyParser,
  encodedJsonTokenParser,
  credentialUrlParser,
  anySchemeUrlParser,
  urlTokenUserParser,
  basicAuthParser,
  basicCredentialLiteralParser,
  dockerAuthParser,
  curlUserParser,
  genericSecretParser,
  genericKeyNameParser,
  passwordListParser,
  spokenPasswordParser,
  morePasswordWordsParser,
  passwordAfterUserParser,
  labelledPairParser,
  credentialPairParser,
  hostPairParser,
  userinfoValueParser,
  telegramBotTokenParser,
  discordBotTokenParser,
  commandLinePasswordParser,
  commandLinePairParser,
  netUsePasswordParser,
  netUserPasswordParser,
  stdinPasswordParser,
  oracleLoginParser,
  pgpassParser,
  sqlPasswordParser,
  callArgumentPasswordParser,
  libcurlOptionParser,
  odbcBracedPasswordParser,
  odbcEncodedPasswordParser,
  goMysqlDsnParser,
  mavenMasterParser,
  networkDeviceCredentialsParser,
  vendorWordValueParser,
  vendorNameValueParser,
  webhookUrlParser,
  prefixedTokenParser,
];

/** The vendor pattern rules ported by hand (secretlint, gitleaks); Kingfisher's generated ones come after. */
export const SECRET_PATTERN_RULES: readonly SecretPatternRule[] = [
  ...CLOUD_SECRET_RULES,
  ...VENDOR_SECRET_RULES,
  ...GITLEAKS_SECRET_RULES,
  ...GITLEAKS_TOKEN_RULES,
  ...GITLEAKS_CONTEXT_RULES,
  ...TRIVY_SECRET_RULES,
  ...SHHGIT_SECRET_RULES,
  ...SCANNER_VENDOR_RULES,
  ...VELES_SECRET_RULES,
  ...VENDOR_DOC_RULES,
  ...VENDOR_CODE_RULES,
  ...VENDOR_CODE_RULES_2,
  ...VENDOR_FORMAT_RULES,
  ...PASSWORD_HASH_RULES,
];

type Matcher = (text: string, index: number) => Finding | undefined;

/** A run of mask characters (`hvs.xxxxxxxx…`, `xoxp-…-####`): a token shown with its secret part hidden. */
const MASKED = /x{8}|X{8}|\*{4}|#{4}/;
const MASK_AFTER = /^(?:\*{4}|#{4})/;

function patternMatcher(rule: SecretPatternRule): Matcher {
  const regex = new RegExp(rule.pattern, `${rule.flags ?? ""}yd`);
  const detector = `secrets/${rule.id}`;
  // Read from the rule once: the rules are object literals of many shapes (optional fields set or
  // not), and read at each keyword hit their fields were one megamorphic lookup each, shared by every
  // rule's matcher.
  const back = rule.back ?? 0;
  const group = rule.group ?? 0;
  const { minEntropy, valid, type, score } = rule;
  return (text, index) => {
    regex.lastIndex = index - back;
    if (regex.lastIndex < 0) return undefined;
    const match = regex.exec(text);
    const span = match?.indices?.[group];
    if (!span) return undefined;
    const value = text.slice(span[0], span[1]);
    // AWS documents its example keys with an EXAMPLE suffix; they are not credentials. Nor are masked ones.
    if (value.includes("EXAMPLE") || MASKED.test(value) || MASK_AFTER.test(text.slice(span[1], span[1] + 4)))
      return undefined;
    if (minEntropy !== undefined && shannonEntropy(value) < minEntropy) return undefined;
    if (valid !== undefined && !valid(value)) return undefined;
    return toFinding({ type, start: span[0], end: span[1], score }, value, detector);
  };
}

function parserMatcher(parser: SecretParser): Matcher {
  const detector = `secrets/${parser.id}`;
  return (text, index) => {
    const parsed = parser.parse(text, index);
    return parsed && toFinding(parsed, text.slice(parsed.start, parsed.end), detector);
  };
}

function toFinding(parsed: ParsedSecret, value: string, detector: string): Finding {
  const { placeholderLooking, ...span } = parsed;
  const score = Math.round(span.score * 100) / 100;
  // The detector says why a value that looks like a stand-in was reported anyway.
  const named = placeholderLooking ? `${detector}/placeholder-looking` : detector;
  return { kind: "secret", ...span, score, detector: named, preview: maskPreview("secret", value) };
}
