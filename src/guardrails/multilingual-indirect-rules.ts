/**
 * Indirect injection in Chinese, Japanese and German (modelmux-authored; English is indirect-rules.ts,
 * and these score as it does): a planted instruction gives itself away by addressing the AI that will
 * read the text ("致正在阅读本文的AI助手", "これを読んでいるAIへ", "KI-Assistenten, die dies lesen"),
 * by a label and an order ("AI：忽略…", "KI: Lösche …"), or by obliging the assistant to this very
 * instruction ("助手必须执行这条指令"). Talk about AI that addresses no one ("AI会总结这份文档",
 * "AIが文書を要約する") is none of these. Folded as multilingual-rule-parts.ts says.
 */
import { chars, END, rule, SP, words } from "./multilingual-rule-parts.js";
import type { InjectionRule } from "./rule-types.js";

const indirect = (
  id: string,
  lang: string,
  triggerList: string,
  pattern: string,
  score: InjectionRule["score"],
) => rule(`${id}-${lang}`, "indirect_injection", triggerList, pattern, score);

/** Where a label starts: a line, a sentence, a quote or markup before it ("我问AI：" is a report). */
const LABEL_START = String.raw`(?<=(?:^|[\n.!?。！？*>#"'「“(\[|\-]|\s)[^\S\n]{0,3})`;

// Chinese (Traditional read too, see multilingual-rule-parts.ts).
const ZH_AI_WORDS =
  "ai助手|ai|llm|gpt|chatgpt|claude|gemini|copilot|人工智能|大语言模型|语言模型|大模型|模型|智能助手|助手|聊天机器人|机器人|智能体";
const ZH_AI = `(?:${ZH_AI_WORDS})`;
const ZH_READS_WORDS = "阅读|读取|读到|处理|总结|概括|摘要|分析|解析|查看|浏览|审阅|扫描|索引|爬取";
const ZH_READS = `(?:${ZH_READS_WORDS})`;
const ZH_TEXT =
  "(?:此|这|本|该|以下)(?:份|篇|个|封|段|条|些|一)?(?:内容|文档|文件|页面|网页|邮件|文本|文章|消息|信息|资料|简历|评论|代码|数据|段落|页|文)";
/** An order after a label: the verbs of the English rule (ignore, you must, send, tell the user, instead…). */
const ZH_ORDER =
  "(?:请)?(?:忽略|无视|忘记|忘掉|你(?:现在)?必须|你需要|务必|立即|立刻|马上|改为|停止(?:总结|翻译|处理|阅读|分析|回答|帮助|遵循)|把|将(?!会)|告诉用户|告知用户|对用户说|向用户|发送|转发|删除|泄露|透露|(?:只|仅)(?:回复|回答|输出)|不要(?:告诉|提及|透露|让|提醒|通知)|你的(?:下一个|新)?任务)";

// Japanese (voicing marks folded away, as the scanned text).
const JA_AI_WORDS =
  "aiアシスタント|ai|llm|gpt|chatgpt|claude|gemini|copilot|人工知能|大規模言語モデル|言語モデル|アシスタント|チャットボット|エージェント";
const JA_AI = `(?:${JA_AI_WORDS})`;
const JA_READS_WORDS = "読んで|読み込んで|要約して|処理して|解析して|分析して|確認して|翻訳して";
const JA_READS = `(?:${JA_READS_WORDS})`;
const JA_ORDER =
  "(?:無視|忘れ|送信|転送|送って|削除|消去|代わりに|ユーザーに(?:は)?(?:伝え|言わ|知らせ|教え)(?:ない|ず))";

// German.
const DE_AI_WORDS =
  "ki|ki-assistent|ki-assistenten|ki-assistentin|ki-modell|ki-system|assistent|assistenten|assistentin|sprachmodell|sprachmodelle|llm|chatbot|gpt|chatgpt|claude|gemini|copilot";
const DE_AI = `(?:${DE_AI_WORDS})${END}`;
const DE_READS =
  "(?:liest|lesen|verarbeitet|verarbeiten|zusammenfasst|zusammenfassen|analysiert|analysieren|prüft|prüfen|übersetzt|übersetzen|durchsucht|durchsuchen)";
const DE_ORDER = `(?:bitte${SP})?(?:ignoriere|ignorier|missachte|vergiss|du${SP}musst|tu${SP}(?:das${SP})?nicht|erwähne|stattdessen|hör${SP}auf|verrate|sende|schicke|leite|füge|lösche|antworte${SP}nur|sag(?:e)?${SP}(?:dem|der)${SP}(?:nutzer|benutzer|nutzerin)|sag(?:e)?,${SP}dass|teile${SP}(?:dem|der)${SP}(?:nutzer|benutzer))${END}`;

export const MULTILINGUAL_INDIRECT_RULES: InjectionRule[] = [
  // "To the AI reading this page", "これを読んでいるAIへ", "KI-Assistenten, die dies lesen".
  indirect("addresses-ai", "zh", ZH_READS_WORDS, `${ZH_READS}(?:着)?${ZH_TEXT}的(?:所有|任何)?${ZH_AI}`, 0.8),
  indirect(
    "addresses-ai",
    "ja",
    JA_READS_WORDS,
    `${JA_READS}(?:いる|る)${JA_AI}(?:へ|に告ぐ|に(?:対して|向けて)|で(?:あれば|ある場合|あるなら)|なら|の(?:皆さん|みなさん)|[,:、])`,
    0.8,
  ),
  indirect(
    "addresses-ai",
    "de",
    DE_AI_WORDS,
    `${DE_AI}${words(2)},?${SP}(?:die|der|das)${SP}(?:dies|das${SP}hier|diese[nrs]?${SP}[a-zäöü-]{2,20})${SP}${DE_READS}${END}`,
    0.8,
  ),
  // "If you are an LLM summarising this page" (0.85); "if you are an AI" alone reads as a question.
  indirect(
    "addresses-ai",
    "zh",
    "如果|若|假如|要是",
    `(?:如果|若|假如|要是)(?:你|您)是(?:一个|一名|个)?(?:正在${chars(14)}的)?${ZH_AI}(?=[,:]|的话|(?:正在|在)?${ZH_READS})`,
    (match) => (/正在/.test(match) ? 0.85 : 0.3),
  ),
  indirect(
    "addresses-ai",
    "de",
    "falls|wenn",
    `(?:falls|wenn)${SP}(?:du|sie)${SP}(?:ein|eine)${SP}${DE_AI}${SP}(?:bist|sind)(?:,?${SP}(?:das|der|die)${words(4)}${SP}${DE_READS}${END})?`,
    (match) => (/,?\s(?:das|der|die)\s/.test(match) ? 0.85 : 0.3),
  ),
  // "AI: ignore …", "助手，你的下一个任务：…", "KI: Lösche …" (a label, then an order).
  indirect("addresses-ai", "zh", ZH_AI_WORDS, `${LABEL_START}${ZH_AI}[,:]\\s{0,3}${ZH_ORDER}`, 0.75),
  indirect(
    "addresses-ai",
    "ja",
    JA_AI_WORDS,
    `${LABEL_START}${JA_AI}(?:へ|さん)?[,:、]\\s{0,3}${chars(60)}${JA_ORDER}`,
    0.75,
  ),
  indirect("addresses-ai", "de", DE_AI_WORDS, `${LABEL_START}${DE_AI}\\s{0,2}[,:]\\s{0,3}${DE_ORDER}`, 0.75),
  // "The assistant must follow this instruction": an instruction that names its own reader.
  indirect(
    "assistant-must",
    "zh",
    ZH_AI_WORDS,
    `${ZH_AI}(?:在${chars(14)}(?:之前|以前|前|时|之后))?,?(?:都)?(?:必须|务必|一定要|应当|应该|需要|须)(?:先|首先|立即)?(?:执行|遵守|遵循|服从|照做|完成|听从|按照)(?:这条|此条?|本条?|这些)(?:指令|指示|命令|说明)`,
    0.7,
  ),
  indirect(
    "assistant-must",
    "ja",
    JA_AI_WORDS,
    `${JA_AI}(?:は|が)${chars(24)}この(?:指示|命令|指令)(?:に|を)(?:必ず)?(?:従|実行|守)`,
    0.7,
  ),
  indirect(
    "assistant-must",
    "de",
    DE_AI_WORDS,
    `${DE_AI}${SP}(?:muss|soll|hat)${SP}(?:zuerst${SP}|unbedingt${SP}|zunächst${SP})?(?:diese|folgende)${SP}(?:anweisung|instruktion|vorgabe)${END}`,
    0.7,
  ),
];
