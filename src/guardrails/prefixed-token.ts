import { asciiClass, isAsciiDigit, isAsciiLower, isAsciiUpper } from "./char-class.js";
import { shannonEntropy } from "./entropy.js";
import { longRuns } from "./long-runs.js";
import type { ParsedSecret, SecretParser, VendorVerdict } from "./secret-parsers.js";

/**
 * A token written alone that opens with a vendor's prefix: a word of 2-10 letters in one case (or 2-9
 * and a digit, a format's version: `fo1_…`, `fm2_…`; or a digit inside a name: `n8n_…`, `k8s-…`), maybe a second (`phx_…`, `xai-…`, `RGAPI-…`,
 * `dckr_pat_…`, `prj_live_…`), then `_` or `-` and 20 or more
 * characters drawn at random: capitals, small letters and digits, or 32 or more small letters and
 * digits in one block (a hex or base32 key: `shippo_live_<hex>`; not after a hash's word, `sha1_`). Vendors prefix their keys so that scanners can find them; modelmux's
 * vendor rules know some hundreds of prefixes, and this reading the shape of the ones they do not.
 * Where a vendor rule is keyed on the token's start (`sntryu_`, `sk-proj-`), that rule decides, and
 * a token it turned down is not read again here, unless the token opens in the rule's format and runs
 * on past it (a longer format than the rule was written for: secrets.ts vendorPrefixOf). Public object ids that share the shape (`chatcmpl-…`,
 * `call_…`, `msg_…`, Stripe's `cus_…`, `pk_…`) and stand-in prefixes (`foo_`, `test_`, `aaa_`, `abc_`) are left alone.
 * A value named as an id (`bundle_id: '…'`, `id=…`) is one too.
 * Score 0.6: under every vendor rule, which name the token's type where both read it.
 */
/**
 * 20 or more after the prefix. API object ids share the shape and run 24 or so (Anthropic's `msg_…`,
 * `toolu_…` and `env_…`, OpenAI's `call_…`, `cp_…`: 24; Stripe's: 14-24), so a tail under 28
 * (ID_FREE_TAIL) must also look less like one: at most one capitalised word. And no tail opens with a
 * time-ordered id's `01` (Anthropic's `agent_011CZk…`, `slws_01Hq8T…`, `btgt_01Svpy…` + 46). Over node_modules' 141 MB of
 * .js/.d.ts/.md/.json (the SDKs' doc comments), 20 with those two tests gave one finding more than 28
 * (OpenAI's `cp_zc4Q7MP6XxulcVzj4MZdwsAB`); without them, 15 more. Short vendor keys (`figd_` + 20,
 * `rnd_` + 24, `dvc_` + 20, `sb_` + 21) are read.
 */
const MIN_TAIL = 20;
const MAX_TAIL = 200;
const ID_FREE_TAIL = 28;
/** A tail of small letters and digits alone (hex, base32: `shippo_live_<hex>`, `cog_<base32>`): one block this long or more. */
const MIN_ONE_CASE = 32;
const MIN_ONE_CASE_ENTROPY = 3.5;
/** The random block: the tail's longest part between `_` and `-`. */
const MIN_BLOCK = 12;
const MIN_ENTROPY = 3.8;
const SCORE = 0.6;

/**
 * Words that say a value stands in for a key (gitleaks' stopwords `example`, `fake`; `xxxx` masks),
 * and the counting a person types for one: `1234`, `abcd`, `123abc`, `a1b2c3…`.
 */
const STAND_IN =
  /example|fake|dummy|sample|placeholder|your|x{4}|X{4}|(?:0123|1234|abcd|ABCD|123abc|abc123|a1b2c3)/;
/**
 * A prefix a person typed for a stand-in, not a vendor's: a letter three times (`aaa_`, `xxx-`,
 * `aaar_pat_`) or the alphabet's start (`abc_`, `abcdef-`). No vendor rule's keyword opens so.
 */
const STAND_IN_PREFIX = /^(?:([A-Za-z])\1\1|abc|ABC)/;
/**
 * A second word that says the token is a test's near-miss of the format (`CCIPAT_short_…`,
 * `…_invalid_…`): a fixture written to be turned down. (`test`, as in `sk_test_`, is a vendor's
 * test-mode key, a credential all the same.)
 */
const NEAR_MISS_WORD = /[_-](?:short|long|invalid|wrong|bad|broken|bogus|expired|revoked)[_-]$/i;

const PREFIX =
  /^(?:[a-z]{2,9}[0-9]?|[A-Z]{2,9}[0-9]?|[a-z]{1,4}[0-9][a-z]{1,4}|[A-Z]{1,4}[0-9][A-Z]{1,4})[_-](?:(?:[a-z]{2,8}|[A-Z]{2,8})[_-])?/;
/** Ids that APIs return in the clear, and words that say the token is a stand-in. */
const NOT_A_KEY_PREFIX =
  /^(?:chatcmpl|cmpl|gen|call|msg|msgbatch|toolu|tool|resp|run|step|asst|thread|file|batch|ft|ftjob|vs|org|proj|user|usr|cus|pi|ch|py|pm|price|prod|evt|txn|sub|si|in|ii|acct|req|seti|src|tok|card|ba|po|tr|cs|plink|sess|session|id|uuid|guid|img|image|obj|item|node|task|job|ref|doc|row|pk|pub|public|test|example|sample|dummy|fake|mock|foo|bar|baz|my|your|placeholder)[_-]/i;
/** Prefixes that say a one-case tail is a hash or a git object's name, not a key. */
const HASH_PREFIX =
  /^(?:hash|sha|sha1|md5|digest|checksum|commit|rev|git|build|cache|etag|hex|blob|tree|object|diff)[_-]/i;
/** Capitalised words (`…UserByIdAndName…`): three of them are an identifier's, not a random draw's. */
const MAX_CAPITALISED_WORDS = 2;

/** An id's name just before the value: `bundle_id: '`, `"id": "`, `agentId=`. */
const ID_NAME_BEFORE = /(?:\bid|_id|Id|ID)["'`]?[ \t]*[:=][ \t]*["'`]?$/;
const ID_LOOKBACK = 16;

const isTokenChar = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
/**
 * A token's run next to one of these is part of a path, a base64 run, a host, a URL's fragment
 * (`#diff-…`), a dotted JWT, a longer run of URL-safe characters (`~`, RFC 3986's fourth
 * unreserved one: a PKCE verifier `u1ta-MQ0e…~aMGx…`, an Azure secret), or a mask (`xoxp-…-####`).
 */
const isJoinBefore = asciiClass(".+/@#~");
const isJoinAfter = asciiClass(".+/=@~#");
const MIN_RUN = 3 + MIN_TAIL;
const MAX_RUN = 2 * 11 + MAX_TAIL;

const isSeparator = asciiClass("_-");

/**
 * Whether `token`'s tail (from `from`) reads as drawn at random: its longest part between separators
 * holds a digit, a capital and a small letter, few capitalised words, entropy, and no stand-in's
 * word. Cheapest tests first: a megabyte of distinct tokens reaches every one.
 */
function drawnAtRandom(token: string, from: number): boolean {
  const length = token.length - from;
  if (length < MIN_TAIL || length > MAX_TAIL) return false;
  let best = 0;
  let bestClasses = 0;
  let part = 0;
  let classes = 0;
  let capitalised = 0;
  let lowerRun = 0;
  for (let index = from; index <= token.length; index++) {
    if (index === token.length || isSeparator(token, index)) {
      if (part > best) {
        best = part;
        bestClasses = classes;
      }
      part = 0;
      classes = 0;
      continue;
    }
    part++;
    if (isAsciiUpper(token, index)) classes |= 1;
    else if (isAsciiLower(token, index)) classes |= 2;
    else if (isAsciiDigit(token, index)) classes |= 4;
    // A capital then four small letters or more (`…UserByIdAndName…`).
    if (isAsciiLower(token, index)) {
      lowerRun++;
      if (lowerRun === 4 && index >= 4 && isAsciiUpper(token, index - 4)) capitalised++;
    } else lowerRun = 0;
  }
  // Small letters and digits alone: the whole tail one block, and no hash's prefix.
  const oneCase = bestClasses === 6 && best === length && best >= MIN_ONE_CASE && !HASH_PREFIX.test(token);
  if (best < MIN_BLOCK || (bestClasses !== 7 && !oneCase)) return false;
  const short = length < ID_FREE_TAIL;
  if (capitalised > (short ? 1 : MAX_CAPITALISED_WORDS)) return false;
  const tail = token.slice(from);
  if (tail.startsWith("01")) return false;
  return shannonEntropy(tail) >= (oneCase ? MIN_ONE_CASE_ENTROPY : MIN_ENTROPY) && !STAND_IN.test(tail);
}

/**
 * Whether a tail under a known prefix that its vendor's rules turn down from the start (another of
 * the vendor's formats, `hf_` with digits) reads as a key: its letters not hex's alone in two cases
 * (a hex string's capitals put in by hand: `sgp_…d45b6G86aBb0F2Cee…`; a random draw of 62 puts
 * three letters in four past `f`) and no stand-in's word in either case (`glpat_hellOworld380_testin`).
 */
function drawnForAKey(tail: string): boolean {
  let letters = 0;
  let pastHex = 0;
  let upper = false;
  let lower = false;
  for (let index = 0; index < tail.length; index++) {
    if (isAsciiUpper(tail, index)) upper = true;
    else if (isAsciiLower(tail, index)) lower = true;
    else continue;
    letters++;
    if (!isHexLetter(tail, index)) pastHex++;
  }
  return (!(upper && lower) || pastHex * 4 >= letters) && !STAND_IN_ANY_CASE.test(tail);
}

const isHexLetter = asciiClass("abcdefABCDEF");
const STAND_IN_ANY_CASE = /example|fake|dummy|sample|placeholder|test|hello|world|secret|token|password/i;

const PREFIX_AT = new RegExp(PREFIX.source.slice(1), "y");

/** The prefixed tokens of `text`, but those a vendor rule keyed on their start decides. */
export function prefixedTokens(text: string, vendorPrefix: (token: string) => VendorVerdict): ParsedSecret[] {
  const found: ParsedSecret[] = [];
  for (const [start, end] of longRuns(text, MIN_RUN, isTokenChar)) {
    if (end - start > MAX_RUN) continue;
    if (start > 0 && isJoinBefore(text, start - 1)) continue;
    if (end < text.length && isJoinAfter(text, end)) continue;
    PREFIX_AT.lastIndex = start;
    const prefix = PREFIX_AT.exec(text)?.[0];
    if (prefix === undefined) continue;
    const token = text.slice(start, end);
    if (!drawnAtRandom(token, prefix.length) || NOT_A_KEY_PREFIX.test(token)) continue;
    if (STAND_IN_PREFIX.test(token) || NEAR_MISS_WORD.test(prefix)) continue;
    const verdict = vendorPrefix(token);
    if (verdict === "rule" || (verdict === "off-format" && !drawnForAKey(token.slice(prefix.length))))
      continue;
    if (ID_NAME_BEFORE.test(text.slice(Math.max(0, start - ID_LOOKBACK), start))) continue;
    found.push({ type: "prefixed_token", start, end, score: SCORE });
  }
  return found;
}

/** The reading as a parser of the whole text (no keyword: the prefixes are what it does not know). */
export const prefixedTokenParser: SecretParser = {
  id: "prefixed-token",
  keywords: [],
  source:
    "modelmux: the shape vendors give their keys (a short prefix, `_` or `-`, a random draw), as GitHub's and Stripe's prefixes are written for scanners",
  parse: () => undefined,
  scanText: prefixedTokens,
};
