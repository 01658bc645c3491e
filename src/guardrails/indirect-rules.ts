import type { InjectionRule } from "./rule-types.js";

/**
 * Indirect injection: instructions planted in documents, web pages, emails and tool output, aimed at
 * the model that will read them (Greshake et al. 2023; OWASP LLM01 "indirect prompt injection").
 * What gives them away is that they address an AI, or ask it to hide things from / act behind the user.
 */
const AI = String.raw`(?:ai|a\.i\.|large\slanguage\smodel|language\smodel|llm|assistant|chatbot|bot|gpt|chatgpt|claude|gemini|copilot|agent|automated\s(?:system|agent|assistant|reader)|model)`;
const NOT_A_JOB = String.raw`(?!\s(?:researcher|engineer|developer|enthusiast|company|startup|student|practitioner|team|product|ethicist|expert|model\strainer))`;

export const INDIRECT_RULES: InjectionRule[] = [
  {
    id: "addresses-ai",
    kind: "prompt_injection",
    type: "indirect_injection",
    triggers: ["if"],
    pattern: new RegExp(
      String.raw`if\s(?:you\sare|you're|an?|the|any)\s(?:an?\s)?${AI}\b${NOT_A_JOB}(?:\s(?:assistant|model|agent|system))?(?:[^\n.]{0,30}?\b(reading|reads|processing|processes|summari[sz]ing|summari[sz]es|parsing|parses|analy[sz]ing|analy[sz]es|reviewing|reviews|screening|screens|evaluating|evaluates|sees)\b)?`,
    ),
    score: (match) =>
      /(?:reading|reads|processing|processes|summari[sz]ing|summari[sz]es|parsing|parses|analy[sz]ing|analy[sz]es|reviewing|reviews|screening|screens|evaluating|evaluates|sees)$/.test(
        match,
      )
        ? 0.85
        : /^if\s(?:you\s|you're)/.test(match)
          ? 0.55
          : 0,
  },
  {
    id: "addresses-ai",
    kind: "prompt_injection",
    type: "indirect_injection",
    triggers: ["any", "every", "all"],
    pattern: new RegExp(
      String.raw`(?:any|every|all)\s${AI}s?\s(?:that\s|who\s)?(?:is\s|are\s)?(?:reading|reads|processing|summari[sz]ing|parsing|analy[sz]ing|reviewing|crawling|indexing)\s(?:this|these)\b`,
    ),
    score: 0.8,
  },
  {
    id: "addresses-ai",
    kind: "prompt_injection",
    type: "indirect_injection",
    triggers: ["note", "message", "attention", "instruction", "instructions", "important", "p.s."],
    pattern: new RegExp(
      String.raw`(?:note|message|attention|instructions?|important(?:\snote)?|p\.s\.)\s(?:to|for)\s(?:the\s|any\s|all\s)?${AI}s?\b${NOT_A_JOB}`,
    ),
    score: 0.7,
  },
  {
    // "AI: stop summarizing and …" is planted; "ai, stop talking" is a user's order, so "stop" counts
    // only before what the AI was doing with the text (CLINC150's "cancel" orders, dev).
    id: "addresses-ai",
    kind: "prompt_injection",
    type: "indirect_injection",
    triggers: [
      "ai",
      "ais",
      "llm",
      "llms",
      "assistant",
      "assistants",
      "chatbot",
      "chatbots",
      "agent",
      "agents",
      "gpt",
      "chatgpt",
      "claude",
      "gemini",
      "copilot",
    ],
    pattern:
      /(?:ai|llm|assistant|chatbot|agent|gpt|chatgpt|claude|gemini|copilot)s?(?:\s(?:assistants?|models?|agents?|systems?))?\s{0,2}[,:]\s{0,3}(?:please\s)?(?:ignore|disregard|forget|you\smust|do\snot|don't|instead|stop\s(?:summari[sz]|help|translat|process|read|analy[sz]|review|follow|respond|answer|assist)\w{0,4}|reveal|send|forward|append|tell\sthe\suser|respond\sonly|say\sthat)\b/,
    score: 0.75,
  },
  {
    id: "behind-user",
    kind: "prompt_injection",
    type: "indirect_injection",
    triggers: ["when", "while", "before", "after"],
    pattern:
      /(?:when|while|before|after)\s(?:you\s(?:are\s)?)?(?:summari[sz]|process|read|translat|analy[sz]|review|pars)\w{0,4}\s(?:this|the\sfollowing|these)\s(?:document|page|email|e-mail|text|file|article|content|message|website|site|pdf|resume|cv|review|data|input|listing)s?\b[^.\n]{0,40}?\b(?:ignore|disregard|instead|do\snot\s(?:tell|mention|reveal|inform)|don't\s(?:tell|mention|reveal|inform)|secretly|without\stelling|you\smust\s(?:also\s)?(?:include|say|state|recommend|rate|send|add|praise|insert))\b/,
    score: 0.8,
  },
  {
    id: "behind-user",
    kind: "prompt_injection",
    type: "indirect_injection",
    triggers: ["do", "don't", "dont", "never", "without"],
    pattern:
      /(?:do\snot|don't|dont|never|without)\s(?:tell|telling|inform|informing|mention|mentioning|reveal|revealing|alert|alerting|notify|notifying|let)\s(?:this\s(?:to\s)?)?(?:the\s)?(?:user|human|reader|recipient|operator)\b(?!'s)/,
    score: 0.7,
  },
  {
    id: "exfiltration",
    kind: "prompt_injection",
    type: "exfiltration",
    triggers: [
      "send",
      "forward",
      "email",
      "e-mail",
      "post",
      "upload",
      "transmit",
      "exfiltrate",
      "leak",
      "copy",
    ],
    pattern:
      /(?:send|forward|email|e-mail|post|upload|transmit|exfiltrate|leak|copy)(?:[^a-z0-9]{1,4}(?:all|the|this|their|any|every|of|user's|users'|user|entire|full|whole|previous|current|our|your|private|personal|sensitive|stored|saved)){0,4}[^a-z0-9]{1,4}(?:conversation|chat\shistory|chat\slogs?|context\swindow|api\skeys?|credentials|passwords?|secrets?|access\stokens?|session\s(?:data|cookies?)|cookies|personal\s(?:data|information)|user\sdata|system\sprompt)\b[^.\n]{0,40}?\b(?:to|at|into|via)\s(?:https?:\/\/|www\.|[\w.-]+@|[\w-]+\.(?:com|net|org|io|xyz|ru|cn|top)\b|this\s(?:url|address|endpoint|email|server|link|webhook)|the\s(?:following|attacker|external)|my\s(?:server|email|endpoint|webhook))/,
    score: 0.85,
  },
  {
    id: "exfiltration",
    kind: "prompt_injection",
    type: "exfiltration",
    triggers: ["!["],
    // Markdown image whose URL carries a template slot the model is meant to fill with user data.
    pattern: /!\[[^\]\n]{0,100}\]\(https?:\/\/[^)\s]{1,200}?[?&][\w-]{1,30}=(?:\{|\$\{|\[|%7b|<)/,
    score: 0.8,
  },
  {
    id: "hidden-comment",
    kind: "prompt_injection",
    type: "indirect_injection",
    triggers: ["<!--"],
    pattern:
      /<!--\s{0,5}(?:ai|llm|assistant|system|instructions?|note\sto\s(?:ai|llm|assistant)|prompt|chatgpt|claude|gpt)\b/,
    score: 0.6,
  },
  {
    id: "authority",
    kind: "prompt_injection",
    type: "indirect_injection",
    triggers: ["this"],
    pattern:
      /this\s(?:is|was)\s(?:an?\s)?(?:urgent\s|important\s|official\s|priority\s)?(?:message|instruction|update|notice|override|directive|command)\sfrom\s(?:the\s)?(?:developers?|admin(?:istrator)?s?|system|openai|anthropic|your\s(?:creators?|developers?|owner|operator)|(?:ai|security)\steam)/,
    score: 0.8,
  },
];
