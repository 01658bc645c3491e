import { type InjectionRule, SEPARATOR } from "./rule-types.js";

/**
 * Jailbreak rules (modelmux-authored): the families catalogued by Shen et al. 2023, "Do Anything Now:
 * Characterizing and Evaluating In-The-Wild Jailbreak Prompts" — DAN-style personas, "developer mode",
 * removal of rules/ethics, refusal suppression, dual responses. Harmless role-play ("act as a Linux
 * terminal", "pretend you are a pirate") names no unrestricted persona and scores nothing.
 */
const S = SEPARATOR;
const STRONG_ADJECTIVE =
  "unfiltered|uncensored|unrestricted|amoral|jailbroken|unbound|unshackled|limitless|rule-?less|unaligned|unmoderated|unchained";
const WEAK_ADJECTIVE = "evil|immoral|unethical|rogue|lawless|malicious";
const AI_NOUN = String.raw`(?:ai|assistant|chatbot|bot|model|language\smodel|version\sof\s(?:yourself|you|chatgpt|claude)|system|llm|gpt|chatgpt)`;

const RESTRICTION_BOOST =
  /\b(?:ethical|moral|content|safety|openai|openai's|anthropic|anthropic's|programmed|built-in)\b|(?:ethics|morals|morality|content polic(?:y|ies)|guardrails|safeguards)$/;

/**
 * The persona is "DAN" in capitals (or leet, "D4N"); rules see lower-cased text, so they read the original.
 * A "Dan" at either end of a match is a person: "Dan 2 will be there at 5", "imagine you are Dan, a teacher".
 */
const DAN_AT_EDGE = /^[Dd][Aa4@][Nn](?![A-Za-z0-9])|(?<![A-Za-z0-9])[Dd][Aa4@][Nn]$/g;
const DAN_IN_CAPITALS = /^D[A4@]N$/;
function danInCapitals(original: string): boolean {
  for (const [word] of original.matchAll(DAN_AT_EDGE)) if (!DAN_IN_CAPITALS.test(word)) return false;
  return true;
}

export const JAILBREAK_RULES: InjectionRule[] = [
  {
    id: "dan",
    kind: "jailbreak",
    type: "persona_jailbreak",
    triggers: ["do"],
    pattern: /do\sanything\snow\b/,
    score: 0.95,
  },
  {
    id: "dan",
    kind: "jailbreak",
    type: "persona_jailbreak",
    triggers: ["dan"],
    pattern: /dan(?:\s(?:mode|prompt|jailbreak)\b|,\s(?:which|who)\sstands\sfor)/,
    confirm: danInCapitals,
    score: 0.8,
  },
  {
    id: "dan",
    kind: "jailbreak",
    type: "persona_jailbreak",
    triggers: ["dan"],
    pattern: /dan\s\d{1,2}(?:\.\d)?\b/,
    // A version ("DAN 11.0") is spelt out: leet here ("D@N 94") is as likely noise as a disguise.
    confirm: (original) => original.startsWith("DAN") || original.charCodeAt(0) > 0x7f,
    score: 0.8,
  },
  {
    id: "unrestricted-persona",
    kind: "jailbreak",
    type: "persona_jailbreak",
    triggers: ["you"],
    pattern: new RegExp(
      String.raw`you(?:'re|\sare|\swill\sbe|'ll\sbe)\s(?:now\s|going\sto\sbe\s|to\sbe\s|free\snow\s)?(?:dan|an?\s(?:(?:completely|totally|fully|truly)\s)?(?:${STRONG_ADJECTIVE})\s${AI_NOUN}|evil\s?bot|in\s(?:developer|jailbreak|god|unrestricted)\smode|jailbroken|unfiltered|uncensored|unrestricted|no\slonger\s(?:bound|restricted|limited|an?\s(?:ai|assistant)|chatgpt|claude)|free(?:\sfrom|\sof)\s(?:all\s|any\s)?(?:restrictions|rules|limitations|guidelines|filters|censorship))\b|you(?:'ve|\shave)\sbeen\s(?:freed|liberated|jailbroken|unchained|unshackled|released\sfrom|unlocked)`,
    ),
    confirm: danInCapitals,
    score: 0.85,
  },
  {
    id: "unrestricted-persona",
    kind: "jailbreak",
    type: "persona_jailbreak",
    triggers: [
      "act",
      "acting",
      "pretend",
      "roleplay",
      "role-play",
      "play",
      "simulate",
      "become",
      "behave",
      "respond",
      "answer",
      "imagine",
    ],
    pattern: new RegExp(
      `(?:act|acting|pretend|roleplay|role-play|play|simulate|become|behave|respond|answer|imagine)(?:${S}(?:as|to|be|like|the|a|an|role|of|you|are|were|if|that|named|called|completely|totally|an))` +
        String.raw`{0,5}${S}(?:dan\b|(${STRONG_ADJECTIVE}|${WEAK_ADJECTIVE})\s${AI_NOUN}\b|you\s(?:have|had)\sno\s(?:restrictions|rules|limits|limitations|filters|guidelines|ethics|morals))`,
    ),
    confirm: danInCapitals,
    score: (match) => (new RegExp(`(?:${WEAK_ADJECTIVE})\\s`).test(match) ? 0.55 : 0.85),
  },
  {
    id: "restriction-removal",
    kind: "jailbreak",
    type: "restriction_removal",
    triggers: [
      "without",
      "no",
      "free",
      "not",
      "unbound",
      "unconstrained",
      "released",
      "liberated",
      "freed",
      "beyond",
      "outside",
      "ignore",
      "ignoring",
    ],
    pattern: new RegExp(
      String.raw`(?:without|no|free\s(?:of|from)|not\sbound\sby|no\slonger\sbound\sby|unbound\sby|unconstrained\sby|released\sfrom|liberated\sfrom|freed\sfrom|beyond|outside(?:\sof)?|ignore|ignoring)(?:${S}(?:any|all|the|your|of|usual|typical|normal|ethical|moral|content|safety|openai|openai's|anthropic|anthropic's|programmed|built-in|filter|policy|such|kind|sort))` +
        String.raw`{0,4}${S}(?:restrictions|limitations|limits|filters|filtering|censorship|guidelines|rules|ethics|morals|morality|content\spolic(?:y|ies)|policies|safeguards|boundaries|constraints|guardrails)\b`,
    ),
    score: (match) =>
      0.3 +
      (RESTRICTION_BOOST.test(match) ? 0.3 : 0) +
      (/^(?:not|no longer|unbound|unconstrained|released|liberated|freed)/.test(match) ? 0.15 : 0),
  },
  {
    id: "mode-switch",
    kind: "jailbreak",
    type: "developer_mode",
    triggers: [
      "developer",
      "dev",
      "god",
      "jailbreak",
      "jailbroken",
      "unrestricted",
      "unfiltered",
      "uncensored",
      "evil",
      "chaos",
      "opposite",
      "sudo",
      "debug",
      "maintenance",
      "dan",
    ],
    pattern:
      /(?:developer|dev|god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|evil|chaos|opposite|sudo|debug|maintenance|dan)\smode(?:[^a-z0-9\n]{1,3}(?:enabled|activated|engaged|unlocked|is\s(?:now\s)?(?:enabled|active|on))|\s?[:=]\s?on\b)?/,
    confirm: danInCapitals,
    score: (match) => {
      if (/(?:enabled|activated|on|engaged|unlocked|active)$/.test(match)) return 0.85;
      return /^(?:jailbr|unrestricted|unfiltered|uncensored|evil|chaos|opposite|dan)/.test(match) ? 0.7 : 0.3;
    },
  },
  {
    id: "refusal-suppression",
    kind: "jailbreak",
    type: "refusal_suppression",
    triggers: ["never", "don't", "dont", "do", "must", "will", "won't", "cannot", "can't", "can", "shall"],
    pattern:
      /(?:never|don't|dont|do\snot|must\snot|will\snot|won't|cannot|can't|can\snot|shall\snot)\s(?:ever\s)?(?:refuse|decline|say\s(?:no|that\syou\s(?:can't|cannot|are\sunable))|apologi[sz]e|add\s(?:any\s)?(?:warnings?|disclaimers?)|include\s(?:any\s)?(?:warnings?|disclaimers?|moral)|moraliz|break\scharacter|remind\s(?:me|the\suser)\s(?:that|about)|mention\s(?:that\s)?(?:it|this)\s(?:is|may\sbe)\s(?:illegal|unethical|harmful|dangerous))/,
    score: 0.4,
  },
  {
    id: "refusal-suppression",
    kind: "jailbreak",
    type: "refusal_suppression",
    triggers: ["stay", "remain"],
    pattern: /(?:stay|remain)\sin\s(?:character|role)(?:\sno\smatter\swhat|\sat\sall\stimes)?/,
    score: (match) => (match.endsWith("character") || match.endsWith("role") ? 0.3 : 0.5),
  },
  {
    id: "dual-response",
    kind: "jailbreak",
    type: "persona_jailbreak",
    triggers: ["two", "2", "both", "dual"],
    pattern:
      /(?:two|2|both|dual)\s(?:different\s|separate\s)?(?:responses|answers|replies|outputs|paragraphs)[^.\n]{0,80}?\b(?:jailbr\w*|dan|unfiltered|uncensored|developer\smode|unlocked|unrestricted)\b/,
    confirm: danInCapitals,
    score: 0.8,
  },
  {
    id: "dual-response",
    kind: "jailbreak",
    type: "persona_jailbreak",
    triggers: ["once"],
    pattern: /once\sas\s(?:yourself|you\snormally\swould|chatgpt|claude|normal)[^.\n]{0,30}?\bonce\sas\b/,
    score: 0.6,
  },
  {
    id: "unrestricted-persona",
    kind: "jailbreak",
    type: "persona_jailbreak",
    // "an unfiltered AI" on its own: the open-model community uses the words too, so it stays weak.
    triggers: STRONG_ADJECTIVE.split("|")
      .filter((word) => !word.includes("?"))
      .concat(["ruleless", "rule-less"]),
    pattern: new RegExp(`(?:${STRONG_ADJECTIVE})\\s${AI_NOUN}\\b`),
    score: 0.45,
  },
  {
    id: "grandma",
    kind: "jailbreak",
    type: "persona_jailbreak",
    // The "grandma exploit": a dead relative who used to recite forbidden content.
    triggers: ["dead", "deceased", "late"],
    pattern: /(?:dead|deceased|late)\s(?:grandma|grandmother|granny|grandpa|grandfather)\b/,
    score: 0.4,
  },
  {
    id: "jailbreak-word",
    kind: "jailbreak",
    type: "persona_jailbreak",
    triggers: ["jailbreak", "jailbroken", "jailbreaking"],
    pattern: /jailbr(?:eak|oken|eaking)\b/,
    score: 0.3,
  },
];
