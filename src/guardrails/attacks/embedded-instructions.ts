import { maskPreview } from "../mask.js";
import type { ContentSource, Detector, Finding } from "../types.js";
import { hiddenElements } from "./hidden-elements.js";
import { htmlComments, MAX_COMMENT_BODY } from "./html-comments.js";
import { markdownImages } from "./markdown-images.js";
import { matchesAtLeads } from "./matches-at-leads.js";
import { prefixedNames } from "./prefixed-names.js";
import { SpanTest } from "./span-test.js";

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
    String.raw`\b(?:attention|important|urgent|reminder|notice)\s*[,:!-]?\s*(?:the\s+|all\s+|any\s+)?${READER}s?\s*[,:!-]`,
    String.raw`\b(?:as|for)\s+(?:an?\s+|the\s+|any\s+)${READER}\s+(?:reading|processing|summari[sz]ing|parsing|reviewing)\b`,
    String.raw`\b(?:any|every|all)\s+${READER}s?\s+(?:that|who)\s+(?:reads?|process(?:es)?|summari[sz]es?|sees?|parses?)\s+(?:this|these)\b`,
    String.raw`\b(?:message|note|request)\s+from\s+[^.\n]{0,60}?\bto\s+you,?\s+(?:the\s+)?${READER}\b`,
  ].join("|"),
  "iy",
);
const READER_OTHER = String.raw`(?:ki|k\.i\.|ia|ai|llm|assistent(?:in|en)?|sprachmodell|assistant(?:e)?|asistente|modèle(?:\s+de\s+langage)?|modelo(?:\s+de\s+lenguaje)?|agent(?:en)?|agente|chatbot|ии|ассистент[ау]?|модел[иь]|нейросет[иь]|бот[ау]?|агент[ау]?|искусственн\S+\s+интеллект\S*|الذكاء\s+الاصطناعي|المساعد|النموذج|एआई|सहायक|मॉडल|人工智能|助手|大模型|语言模型|模型|智能体|人工知能|アシスタント|言語モデル|モデル|エージェント)`;
// German, French and Spanish addresses: each starts at a word, and the boundary in front lets the
// engine skip most positions fast (a third of the time without it).
const LATIN_ADDRESSES = [
  String.raw`(?:hinweis|nachricht|notiz|anweisung(?:en)?|achtung|wichtig)\s+(?:an|für)\s+(?:die\s+|den\s+|das\s+|alle\s+|jede[nrs]?\s+)?${READER_OTHER}`,
  String.raw`(?:wenn|falls|sobald)\s+(?:du|sie)\s+(?:dies(?:en|es)?|das)\s+(?:\S+\s+)?(?:liest|lesen|verarbeitest|verarbeiten|zusammenfasst|zusammenfassen)`,
  String.raw`(?:wenn|falls)\s+(?:du|sie)\s+(?:eine?\s+)?${READER_OTHER}\s+(?:bist|sind)`,
  String.raw`(?:liebe[rs]?|hallo|hey)\s+(?:ki|assistent|chatbot|sprachmodell)(?![a-zäöüß])`,
  String.raw`(?:note|message|instructions?|attention|remarque|avis)\s+(?:à|a|pour)\s+(?:l['’]|la\s+|le\s+|les\s+|toute?s?\s+|tout\s+)?${READER_OTHER}(?![a-zà-ÿ])`,
  String.raw`(?:si|lorsque|quand)\s+(?:vous|tu)\s+(?:lisez|lis|traitez|traites|résumez|résumes)\s+(?:ceci|ce\s+(?:texte|document|message|courriel|e-mail|page))`,
  String.raw`(?:si|lorsque)\s+(?:vous\s+êtes|tu\s+es)\s+(?:une?\s+|l['’])?${READER_OTHER}(?![a-zà-ÿ])`,
  String.raw`(?:chère?|bonjour|salut)\s+(?:ia|assistant|modèle)(?![a-zà-ÿ])`,
  String.raw`(?:nota|mensaje|instrucci[oó]n(?:es)?|atenci[oó]n|aviso)\s+(?:para|a)\s+(?:la\s+|el\s+|los\s+|las\s+|cualquier\s+|todo\s+)?${READER_OTHER}(?![a-zá-ú])`,
  String.raw`(?:si|cuando)\s+(?:lees|leas|procesas|proceses|resumes|est[aá]s\s+leyendo)\s+(?:esto|este\s+(?:texto|documento|mensaje|correo))`,
  String.raw`si\s+(?:eres|usted\s+es)\s+(?:una?\s+)?${READER_OTHER}(?![a-zá-ú])`,
  String.raw`(?:querid[oa]|hola)\s+(?:ia|asistente|modelo)(?![a-zá-ú])`,
];
const LATIN = new RegExp(String.raw`\b(?:${LATIN_ADDRESSES.join("|")})`, "iy");
/**
 * Where an English, German, French or Spanish address can start (matchesAtLeads): the first words of
 * the alternatives (READER's: ai, a.i., assistant, language, model, llm, chat, bot, agent, copilot,
 * gpt, claude, gemini, summari, automated), and a sentence's "to"/"for". A new alternative needs its
 * first word here. The short words common in any prose come with what follows them in every
 * alternative they start ("as" and "for" only as "as a"/"for the …", "if" and "when" before "you",
 * "all" and "si" before a space, "ai" as a word): a 10 KB text of mixed prose read as a page had 85
 * leads, now 53 (each one tries both patterns).
 */
const LEADS = [
  /\b(?:note|message|instructions?|attention|reminder|important|hint|p\.?s|(?:if|when(?:ever)?|once)\s+(?:you|an?\s|the\s)|(?:as|for)\s+(?:an?|the|any)\s|(?:dear|hey|hi|any|every|all|si)\s|ais?\s|hello|a\.i\.|assistant|language|model|llm|chat|bot|agent|copilot|gpt|claude|gemini|summari|automated|urgent|notice|request|hinweis|nachricht|notiz|anweisung|achtung|wichtig|wenn|falls|sobald|liebe|hallo|remarque|avis|lorsque|quand|chère?|bonjour|salut|nota|mensaje|instrucci|atenci|aviso|cuando|querid|hola)/gi,
  // A line break inside a run of whitespace that already holds one is no lead: the pattern tried at
  // the first break matches wherever it would at a later one (same run, then the same words). Without
  // this, each break of a run of blank lines read the rest of the run: 64 KB of "\n" took 5 s.
  /(?:(?<!\n[^\S\n]*)\n|[.!?([])\s*(?:to|for)/gi,
];
/**
 * The same addresses in Russian, Arabic, Hindi, Chinese and Japanese, one pattern per script, each
 * tried only when the text has a letter of its script, where one of its leads is. No \b in these:
 * JavaScript's word boundary only knows ASCII letters.
 */
const OTHER_SCRIPTS = /[\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u3040-\u30ff\u3400-\u9fff]/;
const ADDRESSES_OTHER: { script: RegExp; leads: RegExp; pattern: RegExp }[] = [
  {
    script: /[\u0400-\u04ff]/,
    leads:
      /примечание|заметка|сообщение|инструкци|внимание|указание|записка|если|когда|дорогой|привет|уважаемый/gi,
    pattern: new RegExp(
      [
        String.raw`(?:примечание|заметка|сообщение|инструкция|инструкции|внимание|указание|записка)\s+(?:для|к)\s+${READER_OTHER}`,
        String.raw`(?:если|когда)\s+(?:ты|вы)\s+(?:—\s*|-\s*)?(?:ии|языковая\s+модель|ассистент|бот|нейросеть)(?![а-яё])`,
        String.raw`(?:если|когда)\s+(?:ты|вы)\s+(?:читаешь|читаете|обрабатываешь|обрабатываете|пересказываешь)\s+(?:это|этот|эту|данн)`,
        String.raw`(?:дорогой|привет|уважаемый)\s*,?\s+(?:ии|ассистент|бот)(?![а-яё])`,
      ].join("|"),
      "iy",
    ),
  },
  {
    script: /[\u0600-\u06ff]/,
    leads: /ملاحظة|رسالة|تعليمات|تنبيه|إذا|اذا|عندما|عزيزي/gi,
    pattern: new RegExp(
      [
        String.raw`(?:ملاحظة|رسالة|تعليمات|تنبيه)\s+(?:إلى|الى|لل|ل)\s*${READER_OTHER}`,
        String.raw`(?:إذا|اذا)\s+كنت\s+(?:نموذج|مساعد|ذكاء|الذكاء)`,
        String.raw`عندما\s+تقرأ\s+هذ[اه]`,
        String.raw`عزيزي\s+(?:المساعد|الذكاء|النموذج)`,
      ].join("|"),
      "iy",
    ),
  },
  {
    script: /[\u0900-\u097f]/,
    leads: /एआई|ai|सहायक|मॉडल|यदि|अगर|जब/gi,
    pattern: new RegExp(
      [
        String.raw`(?:एआई|ai|सहायक|मॉडल)\s+(?:के\s+लिए|को)\s+(?:नोट|संदेश|निर्देश|सूचना)`,
        String.raw`(?:यदि|अगर)\s+आप\s+(?:एक\s+)?(?:एआई|ai|सहायक|भाषा\s+मॉडल)`,
        String.raw`जब\s+(?:आप|तुम)\s+(?:इसे|यह|इस)\s+\S{0,12}\s*पढ़`,
      ].join("|"),
      "iy",
    ),
  },
  {
    script: /[\u3040-\u30ff\u3400-\u9fff]/,
    // The first characters of the alternatives (as written: 写给, 如果, 正在, もし, …), and ai.
    leads: /[给致写对如若假当在人助模正阅处总分アモエもあこ]|ai/gi,
    pattern: new RegExp(
      [
        String.raw`(?:给|致|写给|对)\s*(?:所有|任何|正在阅读的)?\s*(?:ai|人工智能|助手|大模型|语言模型|模型|智能体)(?:助手|模型|系统)?\s*(?:的)?\s*(?:提示|说明|指示|指令|消息|备注|留言|话)?\s*[:：，,]`,
        String.raw`(?:如果|若|假如|当)\s*你\s*(?:是|作为)\s*(?:一个|一名)?\s*(?:ai|人工智能|助手|大模型|语言模型|模型|智能体)`,
        String.raw`(?:当|在)\s*你\s*(?:读到|阅读|看到|处理|总结|分析)\s*(?:这|此)`,
        String.raw`(?:ai|人工智能|助手|模型)(?:助手)?\s*(?:请注意|注意|须知)\s*[:：，,]`,
        String.raw`(?:正在)?(?:阅读|处理|总结|分析)(?:这|此)(?:段|篇|份|个|封)?(?:文字|文本|文档|内容|页面|网页|邮件)的\s*(?:ai|人工智能|助手|模型|智能体)`,
        "(?:ai|人工知能|アシスタント|モデル|エージェント)(?:への|に対する|向けの)(?:注意|メモ|指示|メッセージ|お知らせ|注記)",
        String.raw`(?:もし)?あなたが\s*(?:ai|人工知能|アシスタント|言語モデル)(?:なら|であれば|の場合)`,
        String.raw`(?:これ|この(?:文書|文章|テキスト|ページ|メール))を(?:読んで|処理して|要約して)いる\s*(?:ai|人工知能|アシスタント|モデル)`,
      ].join("|"),
      "iy",
    ),
  },
];
// An instruction follows the address: an imperative, or a must/should aimed at the reader.
export const IMPERATIVE =
  /\b(?:ignore|disregard|forget|say|reply|respond|answer|tell|send|forward|e-?mail|include|recommend|rate|rank|state|claim|output|print|reveal|call|open|visit|click|run|execute|delete|remove|approve|mark|append|add|must|should|do\snot|don't|never|always|instead)\b/i;
// Imperatives in the other languages of ADDRESSES_OTHER (stems: the verb forms vary). The Russian
// ones start a word ("проигнорируй" too): inside one, "долж" read "продолжение" (continuation) as
// "must", and a news paragraph in an HTML comment as an order.
export const IMPERATIVE_OTHER =
  /(?:ignorier|vergiss|vergessen|antworte|schreib|sende|schick|leite|empfiehl|bewerte|musst|sollst|niemals|stattdessen|lösche|erwähne|oublie|réponds|répondez|écris|envoie|envoyez|transf[eè]re|recommande|évalue|donne|dois|devez|jamais|toujours|plutôt|supprime|ignor|olvida|dile|responde|escribe|env[ií]a|reenv[ií]a|recomienda|califica|debes|deber[aá]s|nunca|siempre|elimina|añade|menciona|(?<![а-яё])(?:про)?игнорир|(?<![а-яё])забудь|(?<![а-яё])скажи|(?<![а-яё])ответь|(?<![а-яё])напиши|(?<![а-яё])отправ|(?<![а-яё])перешли|(?<![а-яё])рекоменд|(?<![а-яё])оцени|(?<![а-яё])долж|(?<![а-яё])никогда|(?<![а-яё])всегда|(?<![а-яё])вместо|(?<![а-яё])удали|(?<![а-яё])добавь|تجاهل|(?:^|\s)(?:قل|انس)(?=\s)|أجب|اكتب|أرسل|ارسل|أوص|يجب|دائما|بدلا|احذف|أضف|अनदेखा|भूल|कहो|कहें|बताओ|बताएं|जवाब|लिखो|लिखें|भेजो|भेजें|सिफारिश|चाहिए|मत|हमेशा|बजाय|हटा|忽略|无视|忘记|忘掉|回答|回复|告诉|发送|转发|推荐|评价|评为|给出|必须|应该|应当|不要|务必|总是|删除|添加|输出|透露|泄露|无視|忘れ|答え|回答|返信|伝え|言って|書いて|送信|送って|転送|推薦|勧め|評価|必ず|しなさい|ください|しないで|常に|代わりに|削除|追加|出力)/i;
// The Russian pronouns are whole words: inside one, "ии" (AI) read "ситуации" and "вы" "выступление".
// German "du" comes with its verb in -st ("du musst", "hörst du"): alone it is French "du" (of the).
const ADDRESSED_TO_READER =
  /\b(?:you|your|ai|assistant|model|llm|agent|bot|copilot|summari[sz]er)\b|(?:^|[^a-zà-ÿ])(?:du(?=\s{1,3}[a-zäöüß]{1,20}st(?![a-zà-ÿ]))|dich|dir|vous|tu|tú|usted|ki|ia)(?![a-zà-ÿ])|[a-zäöüß]st\s{1,3}du(?![a-zà-ÿ])|(?<![а-яё])(?:ты|тебя|тебе|тобой|тво[а-яё]{1,4}|вы|вас|вам|вами|ваш[а-яё]{0,3}|ии)(?![а-яё])|你|您|あなた|आप|أنت|助手|模型|アシスタント/i;
const INSTRUCTION_REACH = 300;
/** The whitespace `String#trimStart` removes (`\s` is the same set). */
const LEADING_SPACE = /\s*/y;
/**
 * How far from where it starts IMPERATIVE or IMPERATIVE_OTHER reads (SpanTest's reach): its longest
 * alternative and a character after it. Neither has an unbounded repetition (a test checks both).
 */
export const IMPERATIVE_REACH = 32;

// Places in a document a person does not see but a model reads: comments, hidden elements
// (hidden-elements.ts), markdown images (markdown-images.ts), alt text and titles.
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
      const spans = matchesAtLeads(text, LEADS, [ADDRESSES, LATIN]);
      if (OTHER_SCRIPTS.test(text)) {
        for (const { script, leads, pattern } of ADDRESSES_OTHER) {
          if (script.test(text)) spans.push(...matchesAtLeads(text, [leads], [pattern]));
        }
      }
      // All the spans, one list after the other (one by one: spread as arguments, many matches
      // overflow the call stack).
      const starts: number[] = [];
      const ends: number[] = [];
      for (const found of spans) {
        for (let index = 0; index < found.starts.length; index++) {
          starts.push(found.starts[index] ?? 0);
          ends.push(found.ends[index] ?? 0);
        }
      }
      // Instructions of addresses close together overlap: each is not read whole (span-test.ts).
      const imperative = starts.length > 0 ? new SpanTest(text, IMPERATIVE, IMPERATIVE_REACH) : undefined;
      const imperativeOther =
        starts.length > 0 ? new SpanTest(text, IMPERATIVE_OTHER, IMPERATIVE_REACH) : undefined;
      // In text order, so that a second address inside the first's instruction ("Note to the AI
      // assistant reading this: …" names its reader twice) is seen to add nothing: its instruction
      // lies within the first's, so it reports no more than the first already does. Ties keep their
      // lists' order.
      const order = Array.from(starts.keys()).sort(
        (left, right) => (starts[left] ?? 0) - (starts[right] ?? 0) || left - right,
      );
      let reportedTo = -1;
      const paragraphs = new ParagraphBreaks(text);
      for (const at of order) {
        const matchStart = starts[at] ?? 0;
        const instructionStart = ends[at] ?? 0;
        // The address without the line break or spaces it may start with.
        LEADING_SPACE.lastIndex = matchStart;
        LEADING_SPACE.test(text);
        const start = Math.min(LEADING_SPACE.lastIndex, instructionStart);
        const reach = Math.min(text.length, instructionStart + INSTRUCTION_REACH);
        const sentenceEnd = paragraphs.endOfInstruction(instructionStart, reach);
        if (sentenceEnd <= reportedTo) continue;
        reportedTo = sentenceEnd;
        const instructed =
          imperative?.has(instructionStart, sentenceEnd) ||
          imperativeOther?.has(instructionStart, sentenceEnd);
        addFinding(findings, text, "instruction_to_ai_reader", start, sentenceEnd, instructed ? 0.8 : 0.4);
      }
      for (const comment of htmlComments(text, MAX_COMMENT_BODY)) {
        if (isHiddenInstruction(comment.body)) {
          addFinding(findings, text, "hidden_comment_instruction", comment.start, comment.end, 0.8);
        }
      }
      for (const match of hiddenElements(text)) {
        if (isHiddenInstruction(match[2] ?? ""))
          addFinding(
            findings,
            text,
            "hidden_element_instruction",
            match.index,
            match.index + match[0].length,
            0.8,
          );
      }
      // Markdown images: their alt text and title (markdown-images.ts reads them in one pass).
      for (const image of markdownImages(text)) {
        if (isHiddenInstruction(`${image.alt} ${image.title ?? ""}`))
          addFinding(findings, text, "alt_text_instruction", image.start, image.end, 0.7);
      }
      // An exec loop, not matchAll, which copies the regex on every call (a megabyte of fenced lines is
      // 75,000 document parts read one by one); and none at all in a text with no "=".
      if (text.includes("=")) {
        ALT_ATTRIBUTE.lastIndex = 0;
        for (let match = ALT_ATTRIBUTE.exec(text); match !== null; match = ALT_ATTRIBUTE.exec(text)) {
          if (isHiddenInstruction(match[1] ?? ""))
            addFinding(
              findings,
              text,
              "alt_text_instruction",
              match.index,
              match.index + match[0].length,
              0.7,
            );
        }
      }
      return findings;
    },
  };
}

/**
 * Adds the finding of `text[start, end)`. A function of the module, not a closure made per scan: a
 * megabyte of fenced lines is 75,000 document parts, each scanned, and under tsx each closure is also
 * named by a defineProperty call (9 % of that megabyte's check).
 */
function addFinding(
  findings: Finding[],
  text: string,
  type: string,
  start: number,
  end: number,
  score: number,
): void {
  findings.push({
    kind: "prompt_injection",
    type,
    start,
    end,
    score,
    detector: detectorNamed(type),
    preview: maskPreview("prompt_injection", text.slice(start, end)),
  });
}

/** Hidden words that order the AI reading them: an imperative, addressed to the reader. */
function isHiddenInstruction(hidden: string): boolean {
  return (IMPERATIVE.test(hidden) || IMPERATIVE_OTHER.test(hidden)) && ADDRESSED_TO_READER.test(hidden);
}

/** `attacks/embedded/<type>`. */
const detectorNamed = prefixedNames("attacks/embedded/");

/**
 * Where the instructions after a text's addresses end, asked in text order. The next paragraph break
 * found is kept for the addresses before it: a megabyte of addresses with no break looks it up once,
 * not once per address (each of those read the 300 characters the instruction may reach).
 */
class ParagraphBreaks {
  /** The first paragraph break at or after `from` is at `next` (-1: none; `from` -1: not looked up). */
  private from = -1;
  private next = -1;

  constructor(private readonly text: string) {}

  /** The instruction runs to the end of its paragraph (or `reach`), whichever comes first. */
  endOfInstruction(from: number, reach: number): number {
    if (from < this.from) {
      // An address out of order (one ending before the previous one did): looked for up to `reach`
      // only, as searched to the text's end, a page of addresses with no paragraph break would read
      // the rest of the page once per address.
      const paragraph = this.text.slice(from, reach + 2).indexOf("\n\n");
      return paragraph === -1 ? reach : from + paragraph;
    }
    if (this.from === -1 || (this.next !== -1 && from > this.next)) {
      this.from = from;
      this.next = this.text.indexOf("\n\n", from);
    }
    return this.next === -1 || this.next > reach ? reach : this.next;
  }
}
