import { maskPreview } from "../mask.js";
import type { ContentSource, Detector, Finding } from "../types.js";

// Who an embedded instruction is addressed to: an AI reading the content rather than a person.
const READER = String.raw`(?:ai|a\.i\.|assistant|(?:language\s)?model|llm|chat\s?bot|bot|agent|copilot|chatgpt|gpt|claude|gemini|summari[sz]er|(?:automated|ai)\s(?:[\w-]+\s){0,2}?(?:system|software|tool|reader|screener|analy[sz]er|summari[sz]er|reviewer|assistant))`;
const ADDRESSES = new RegExp(
  [
    String.raw`\b(?:note|message|instructions?|attention|reminder|important|hint|p\.?s\.?)\s*(?:to|for)\s+(?:the\s|any\s|all\s|an?\s)?${READER}s?\b`,
    String.raw`\b(?:if|when|whenever|once)\s+(?:you\s+are|you're)\s+(?:an?\s+|the\s+)?(?:ai|assistant|language\s+model|llm|bot|agent|automated)`,
    String.raw`\bwhen\s+(?:you|an?\s+${READER}|the\s+${READER})\s+(?:read|process|summari[sz]e|see|parse|analy[sz]e|review|scan)s?\s+this\b`,
    String.raw`\b(?:dear|hey|hi|hello)\s+(?:ai|assistant|model|llm|chatgpt|claude|gemini|copilot|agent)\b`,
    String.raw`\b${READER}s?\s+(?:reading|processing|summari[sz]ing|analy[sz]ing|reviewing|evaluating|screening|handling)\s+(?:this|these)\b`,
    String.raw`(?:^|[\n.!?(\[])\s*(?:to|for)\s+(?:the\s+|any\s+)?${READER}\s*:`,
  ].join("|"),
  "gi",
);
// An instruction follows the address: an imperative, or a must/should aimed at the reader.
const IMPERATIVE =
  /\b(?:ignore|disregard|forget|say|reply|respond|answer|tell|send|forward|e-?mail|include|recommend|rate|rank|state|claim|output|print|reveal|call|open|visit|click|run|execute|delete|remove|approve|mark|append|add|must|should|do\snot|don't|never|always|instead)\b/i;
const ADDRESSED_TO_READER = /\b(?:you|your|ai|assistant|model|llm|agent|bot|copilot|summari[sz]er)\b/i;
const INSTRUCTION_REACH = 300;

// Places in a document a person does not see but a model reads.
const HIDDEN_COMMENT = /<!--([\s\S]{0,4000}?)-->/g;
const HIDDEN_ELEMENT =
  /<(\w+)\b[^>]{0,300}style\s*=\s*["'][^"']{0,200}(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0)[^"']{0,200}["'][^>]{0,300}>([\s\S]{0,4000}?)<\/\1>/gi;
const MARKDOWN_IMAGE = /!\[([^\]\n]{0,500})\]\([^)\s]{0,2000}(?:\s+"([^"\n]{0,500})")?\)/g;
const ALT_ATTRIBUTE = /\b(?:alt|title|aria-label)\s*=\s*"([^"]{0,1000})"/gi;

/**
 * Instructions embedded in content an agent reads (source `document` or `tool_result`): a sentence
 * addressed to the AI reading it ("note to the assistant: …", "when you read this, …"), or an
 * instruction hidden where people do not look (HTML comments, invisible elements, image alt text and
 * titles). From a user the same words are a request, not an attack: for `user` this finds nothing.
 */
export function createEmbeddedInstructionDetector(): Detector {
  return {
    name: "attacks/embedded",
    scan(text, source?: ContentSource) {
      if (source !== "document" && source !== "tool_result") return [];
      const findings: Finding[] = [];
      const add = (type: string, start: number, end: number, score: number) => {
        findings.push({
          kind: "prompt_injection",
          type,
          start,
          end,
          score,
          detector: `attacks/embedded/${type}`,
          preview: maskPreview("prompt_injection", text.slice(start, end)),
        });
      };
      for (const match of text.matchAll(ADDRESSES)) {
        const start = match.index + (match[0].length - match[0].trimStart().length);
        const reach = Math.min(text.length, match.index + match[0].length + INSTRUCTION_REACH);
        const sentenceEnd = endOfInstruction(text, match.index + match[0].length, reach);
        const instructed = IMPERATIVE.test(text.slice(match.index + match[0].length, sentenceEnd));
        add("instruction_to_ai_reader", start, sentenceEnd, instructed ? 0.8 : 0.4);
      }
      for (const [pattern, group, type, score] of [
        [HIDDEN_COMMENT, 1, "hidden_comment_instruction", 0.8],
        [HIDDEN_ELEMENT, 2, "hidden_element_instruction", 0.8],
        [MARKDOWN_IMAGE, 0, "alt_text_instruction", 0.7],
        [ALT_ATTRIBUTE, 1, "alt_text_instruction", 0.7],
      ] as const) {
        for (const match of text.matchAll(pattern)) {
          const hidden = group === 0 ? `${match[1] ?? ""} ${match[2] ?? ""}` : (match[group] ?? "");
          if (IMPERATIVE.test(hidden) && ADDRESSED_TO_READER.test(hidden)) {
            add(type, match.index, match.index + match[0].length, score);
          }
        }
      }
      return findings;
    },
  };
}

/** The instruction runs to the end of its paragraph (or `reach`), whichever comes first. */
function endOfInstruction(text: string, from: number, reach: number): number {
  const paragraph = text.indexOf("\n\n", from);
  return paragraph === -1 || paragraph > reach ? reach : paragraph;
}
