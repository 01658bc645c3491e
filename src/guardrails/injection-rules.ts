/**
 * Prompt-injection rules besides overrides (modelmux-authored; the attack families follow OWASP LLM01
 * "Prompt Injection" and Greshake et al. 2023, "Not what you've signed up for"): system-prompt
 * extraction, fake chat turns, chat-template delimiters and fake document boundaries.
 */
import { anyWords, IN_SENTENCE, type InjectionRule, SEPARATOR } from "./rule-types.js";

const S = SEPARATOR;
const EXTRACTION_VERBS =
  "reveal|show|print|output|repeat|display|tell|give|share|leak|dump|write|recite|disclose|expose|return|provide|list|copy|echo|spell|type|translate|encode|encrypt";
const HIDDEN_PROMPT = String.raw`(?:system\s(?:prompt|message|instructions?)|(?:initial|original|hidden|secret|internal|developer|pre-?)\s?(?:prompt|instructions|configuration|rules|guidelines|directives)|(?:your|the)\sinstructions\s(?:verbatim|word\sfor\sword|exactly)|instructions\syou\s(?:were|have\sbeen)\sgiven|prompt\s(?:above|you\s(?:were|have\sbeen)\sgiven)|(?:first|initial)\smessage(?=\s(?:you\s(?:received|were\sgiven|got)|in\s(?:this|our)\s(?:conversation|chat))))(?:\s(?:you\s(?:were|have\sbeen)\s(?:given|told)|you\s(?:received|got)|from\sthe\sdeveloper|in\s(?:this|our)\s(?:conversation|chat)))?`;

/** The special tokens of chat templates (ChatML, Llama 2 and 3, Gemma), as normalize.ts folds them. */
const TEMPLATE_TOKEN = String.raw`(?:<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|eom_id|im_sep)\|>|\[\/?inst\]|<<\/?sys>>|<(?:start|end)_of_turn>)`;
/** What joins two tokens that are being named: a conjunction of the nine languages, a comma or a slash. */
const NAMED_BESIDE = String.raw`[\`'"]?\s{0,2}(?:,|\/|&|and|or|und|oder|et|ou|y|o|e|и|или|和|或|及|と|및)\s{0,2}[\`'"]?`;

/** What a replay names: all of it, every word, the text, the prompt. */
const REPLAYED =
  "the|all|of|every|word|words|text|everything|lines?|message|prompt|content|out|back|verbatim";
/**
 * The same in a conversation: its sentences and messages. "Repeat the sentence above word for word"
 * is an ordinary instruction on the answer's form (IFEval), so sentences are replayed from a
 * conversation only.
 */
const REPLAYED_TURNS = `${REPLAYED}|sentences?|messages|previous|prior|earlier`;

/**
 * "reveal your system prompt" is extraction; "write a system prompt for my bot" is a request, and
 * "translate the original instructions" (translate, encode) is one unless they are yours or hidden.
 */
function extractionScore(match: string): number {
  if (/\b(?:a|an|example|sample|good|my|new)\b|\bour\b(?!\s(?:conversation|chat)$)/.test(match)) return 0.2;
  if (
    /^(?:translate|encode|encrypt)/.test(match) &&
    !/\b(?:your|hidden|secret|internal|system)\b|you\s(?:were|have)/.test(match)
  )
    return 0;
  let score = 0.45;
  if (
    /\b(?:your|verbatim|exactly|everything|full|entire|complete|above|raw|word\sfor\sword)\b|you\s(?:were|have|received|got)|(?:this|our)\s(?:conversation|chat)$/.test(
      match,
    )
  ) {
    score += 0.35;
  }
  if (/^(?:reveal|leak|dump|disclose|expose|recite)|\b(?:hidden|secret|internal)\b/.test(match))
    score += 0.15;
  return score;
}

export const INJECTION_RULES: InjectionRule[] = [
  {
    id: "extraction",
    kind: "prompt_injection",
    type: "system_prompt_extraction",
    triggers: EXTRACTION_VERBS.split("|"),
    pattern: new RegExp(`(?:${EXTRACTION_VERBS})${anyWords(6)}${IN_SENTENCE}${HIDDEN_PROMPT}`),
    score: extractionScore,
  },
  {
    id: "extraction",
    kind: "prompt_injection",
    type: "system_prompt_extraction",
    triggers: ["what"],
    pattern:
      /what(?:'s|\s(?:is|are|was|were))\s(?:your|the)\s(?:(?:exact|full|original|initial|hidden|secret|system|first|complete)\s){0,3}(?:system\sprompt|prompt|instructions|rules\syou\s(?:follow|were\sgiven)|guidelines\syou)/,
    score: (match) => (/\byour\b/.test(match) ? 0.65 : 0.3),
  },
  {
    id: "extraction",
    kind: "prompt_injection",
    type: "system_prompt_extraction",
    triggers: [
      "repeat",
      "print",
      "output",
      "show",
      "display",
      "write",
      "recite",
      "reproduce",
      "echo",
      "copy",
    ],
    // "Repeat all sentences in our conversation" replays it too; "show all messages from this chat"
    // may be a chat tool's export, so the conversation is named only after verbs that replay.
    pattern: new RegExp(
      `(?:(?:repeat|print|output|show|display|write)(?:${S}(?:${REPLAYED})){1,4}${S}(?:above|before\\s(?:this|the)\\s(?:line|point|message)|preceding|so\\sfar|from\\sthe\\s(?:start|beginning|top))|(?:repeat|recite|reproduce|echo)(?:${S}(?:${REPLAYED_TURNS})){1,4}${S}(?:in|of|from)\\s(?:our|this|the)\\s(?:conversation|chat|dialogue|discussion)(?![^\\S\\n]+(?:about|on|with|between)\\b))`,
    ),
    score: 0.75,
  },
  {
    id: "fake-turn",
    kind: "prompt_injection",
    type: "fake_message",
    triggers: ["system", "sys", "developer", "admin", "administrator", "assistant"],
    lineStart: true,
    pattern:
      /(?:system|sys|developer|admin|administrator|assistant)(?:\s(?:message|prompt|note|override|update|instruction|alert|notice))?\s{0,2}[:\]>|)][^\n]{0,80}?\b(?:ignore|disregard|forget|override|new\sinstructions?|you\sare\snow|you\smust\snow|from\snow\son|reveal|developer\smode|jailbr\w*|unrestricted|no\slonger|respond\sonly|act\sas|maintenance\smode|debug\smode)/,
    score: 0.75,
  },
  {
    id: "extraction",
    kind: "prompt_injection",
    type: "system_prompt_extraction",
    triggers: ["what", "which"],
    pattern:
      /(?:what|which)\s(?:exact\s)?(?:instructions|rules|guidelines|directives|prompt|system\sprompt)\s(?:were|have|did)\syou\s(?:been\s)?(?:given|told|programmed|instructed|receive|get)/,
    score: 0.7,
  },
  {
    id: "fake-boundary",
    kind: "prompt_injection",
    type: "delimiter_injection",
    triggers: ["end"],
    pattern:
      /end\sof\s(?:the\s)?(?:(?:user|system|previous)\s)?(?:message|input|prompt|instructions|document|context|conversation)[^a-z0-9]{1,6}(?:system|new\sinstructions|admin|developer|assistant)\b/,
    score: 0.75,
  },
  {
    id: "fake-boundary",
    kind: "prompt_injection",
    type: "delimiter_injection",
    triggers: ["system", "admin", "developer"],
    pattern: /(?:system|admin|developer)\s(?:override|directive|command)\s{0,2}:/,
    score: 0.65,
  },
  {
    id: "chat-template",
    kind: "prompt_injection",
    type: "delimiter_injection",
    triggers: ["<|", "[inst]", "[/inst]", "<<sys>>", "<</sys>>", "<start_of_turn>", "<end_of_turn>"],
    // A token named beside another by "and", "or", a comma or a slash ("[INST] and [/INST] are
    // regular strings", "`<|start_header_id|>` and `<|end_header_id|>` enclose the role") is
    // explained, not used: a template sets its tokens around text, not around a conjunction.
    pattern: new RegExp(
      `(?<!${TEMPLATE_TOKEN}${NAMED_BESIDE})${TEMPLATE_TOKEN}(?!${NAMED_BESIDE}${TEMPLATE_TOKEN})(?:[^\\n]{0,20}?\\bsystem\\b)?`,
    ),
    score: (match) => (/system$/.test(match) || match.startsWith("<<") ? 0.85 : 0.6),
  },
  {
    id: "fake-boundary",
    kind: "prompt_injection",
    type: "delimiter_injection",
    triggers: ["---", "===", "###", "***", "</"],
    pattern:
      /(?:(?:-{3,}|={3,}|#{3,}|\*{3,})\s{0,3}(?:end\sof\s(?:the\s)?(?:system\s)?(?:prompt|instructions|document|context|user\sinput|conversation)|new\s(?:instructions|system\sprompt)|system\s(?:prompt|override|message|update))|<\/(?:system|system_prompt|instructions|user_input|untrusted_input)>)/,
    score: 0.7,
  },
];
