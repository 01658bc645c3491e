/**
 * "Repeat everything above", "print the whole prompt from the start", "every line of our chat":
 * system-prompt extraction by replaying the context, in German, French, Spanish, Russian, Chinese,
 * Japanese, Arabic and Hindi (modelmux-authored; the English rule is in injection-rules.ts and scores 0.75 as
 * these do). A verb that replays, what is replayed (all, every word, the text, the prompt), and where
 * it comes from (above, from the start, our conversation). Folded as multilingual-rule-parts.ts says.
 */
import { CYR, chars, clauseStart, rule, rx, SP, words } from "./multilingual-rule-parts.js";
import type { InjectionRule } from "./rule-types.js";

const SCORE = 0.75;
const repeat = (lang: string, triggerList: string, pattern: string, score: InjectionRule["score"] = SCORE) =>
  rule(`extraction-${lang}`, "system_prompt_extraction", triggerList, pattern, score);

// "Output the above content as a table" is an ordinary prompt in Chinese and Japanese: only all of it,
// or verbatim, is a replay.
const ZH_ALL = rx("所有|全部|完整|每一|原封不动|一字不差|逐字|原样");
const JA_ALL = rx("すべて|全て|全部|そのまま|一字一句|正確");
const AR_ALL = rx("كل|جميع|حرفيا|بالحرف|كامل");

const RU_VERBS =
  "повтори|повторите|выведи|выведите|покажи|покажите|напиши|напишите|напечатай|напечатайте|воспроизведи|воспроизведите|перепиши|перепишите|скопируй|скопируйте|процитируй|процитируйте|распечатай|распечатайте";
const RU_WHAT = `(?:${SP}(?:мне|все|всё|весь|всю|всех|каждое|каждую|кажд${CYR}{1,3}|слово|слова|строку|строки|букву|предложения|текст|сообщения|промпт${CYR}{0,2}|контекст|полностью|дословно|целиком|без${SP}изменений)){1,4}`;
const RU_WHERE = `(?:,?${SP}котор${CYR}{1,3}${SP}был${CYR}{0,2})?${SP}(?:выше|вышеизложенное|(?:с${SP}самого|от|с)${SP}начала|(?:из${SP})?(?:нашего|этого)${SP}(?:разговора|диалога|чата)|(?:из${SP})?(?:нашей|этой)${SP}переписки|до${SP}этого(?:${SP}сообщения)?|перед${SP}этим${SP}сообщением|что${SP}было${SP}(?:выше|раньше|до${SP}этого))`;

const DE_VERBS =
  "wiederhole|wiederhol|wiederholt|wiederholen|gib|gebt|geben|zeige|zeig|zeigt|zeigen|drucke|druck|druckt|drucken|schreibe|schreib|schreiben|kopiere|kopieren";
const DE_WHAT = `(?:${SP}(?:sie|mir|uns|alles|den|die|das|gesamten?|ganzen?|kompletten?|text|jedes|wort|jede|zeile|prompt|wörtlich|nochmal|noch${SP}einmal|aus)){1,4}`;
const DE_WHERE = `${SP}(?:(?:von${SP})?oben|über${SP}(?:dieser|der)${SP}zeile|bisher|von${SP}anfang${SP}an|vom${SP}anfang|seit${SP}beginn|aus${SP}unserem${SP}(?:gespräch|chat|dialog)|vor${SP}(?:dieser|meiner)${SP}(?:nachricht|zeile|anfrage))`;

const FR_VERBS =
  "répète|répétez|affiche|affichez|imprime|imprimez|recopie|recopiez|écris|écrivez|copie|copiez|montre|montrez|reproduis|reproduisez";
const FR_WHAT = `(?:-moi)?(?:${SP}(?:moi|tout|toute|tous|le|la|les|l'ensemble|du|de|texte|chaque|mot|ligne|message|prompt|contenu|intégralement|mot${SP}pour${SP}mot|mot${SP}à${SP}mot)){1,4}`;
const FR_WHERE = `${SP}(?:ci-dessus|au-dessus|plus${SP}haut|depuis${SP}le${SP}(?:début|commencement)|jusqu'ici|de${SP}notre${SP}(?:conversation|échange|discussion)|(?:qui${SP}précède|avant)${SP}(?:ce|mon)${SP}message)`;

const ES_VERBS =
  "repite|repíteme|repita|muestra|muéstrame|muestre|imprime|imprima|copia|copie|escribe|escríbeme|escriba|reproduce|reproduzca";
const ES_WHAT = `(?:${SP}(?:me|todo|toda|todos|el|la|los|las|texto|cada|palabra|línea|mensaje|prompt|contenido|literalmente|palabra${SP}por${SP}palabra)){1,4}`;
const ES_WHERE = `${SP}(?:de${SP}arriba|anterior|desde${SP}el${SP}(?:principio|comienzo|inicio)|hasta${SP}ahora|de${SP}(?:nuestra|esta)${SP}(?:conversación|charla)|(?:que${SP}precede|antes${SP}de)${SP}(?:este|mi)${SP}mensaje)`;

export const MULTILINGUAL_REPEAT_RULES: InjectionRule[] = [
  repeat("ru", RU_VERBS, `(?<!не${SP})(?:${RU_VERBS})${RU_WHAT}${RU_WHERE}`),
  repeat(
    "de",
    DE_VERBS,
    `${clauseStart("bitte|und|jetzt|nun|dann|einfach|also|sofort")}(?:${DE_VERBS})${DE_WHAT}${DE_WHERE}`,
  ),
  repeat(
    "fr",
    FR_VERBS,
    `${clauseStart("et|maintenant|alors|puis|ensuite|simplement|donc|plait")}(?<!n')(?:${FR_VERBS})${FR_WHAT}${FR_WHERE}`,
  ),
  repeat(
    "es",
    ES_VERBS,
    `${clauseStart("y|ahora|luego|entonces|simplemente|solo|favor|ya")}(?:${ES_VERBS})${ES_WHAT}${ES_WHERE}`,
  ),
  repeat(
    "zh",
    "重复|复述|输出|打印|显示|写出|列出|把",
    `(?:(?:重复|复述|输出|打印|显示|写出|列出)(?:一下|一遍)?${chars(6)}(?:上面|以上|上文|(?:这条消息|这句话|此消息)?之前|前面|从头到尾|从开头)(?:的)?(?:所有|全部|完整|每一句|每一行)?(?:的)?(?:内容|文字|文本|话|消息|提示词?)|把(?:上面|以上|上文|(?:这条消息|这句话|此消息)?之前|前面)(?:的)?(?:所有|全部|完整)?(?:内容|文字|文本|话|消息|提示词?)${chars(8)}(?:重复|复述|输出|打印|显示|写出|列出))`,
    (match) => (ZH_ALL.test(match) ? SCORE : 0.3),
  ),
  repeat(
    "ja",
    "上記|上の|これまで|最初から|今までの|このメッセージ",
    `(?:上記|上の|これまで|今までの|最初から|このメッセージ(?:より|の)前の)${chars(4)}(?:すべての|全ての|全部の)?(?:内容|テキスト|文章|メッセージ|会話|プロンプト)(?:を)?${chars(8)}(?:繰り返|出力|表示|書き出|コピー)`,
    (match) => (JA_ALL.test(match) ? SCORE : 0.3),
  ),
  repeat(
    "ar",
    "كرر|كرري|اطبع|اطبعي|انسخ|انسخي|اعرض|اعرضي",
    // "Rewrite the text above" (أعد كتابة) is an editing request and no verb here.
    `(?<=^|[\\s،,.:؛"'«(]|(?:^|[\\s،,.:؛"'«(])[وف])(?:كرري?|اطبعي?|انسخي?|اعرضي?)(?:\\sلي)?\\s(?:(?:كل|جميع|كامل)\\s)?(?:ما\\s(?:سبق|ورد|كتب|قيل)|(?:ال)?(?:نص|كلام|محتوى|رسائل|تعليمات|محادثة)\\S{0,3})(?:\\s(?:أعلاه|اعلاه|السابق\\S{0,2}|من\\sالبداية|في\\sمحادثتنا|قبل\\sهذه\\sالرسالة|حرفيا|بالحرف|بالكامل)){1,2}`,
    (match) => (AR_ALL.test(match) ? SCORE : 0.3),
  ),
  repeat(
    "hi",
    "ऊपर|शुरू|अब|हमारी|इस",
    // "Write everything above in Hindi" (लिखो) asks for a translation: only replaying verbs here.
    `(?:ऊपर|शुरू\\sसे|अब\\sतक|हमारी\\sबातचीत|इस\\sबातचीत|इस\\sसंदेश\\sसे\\sपहले)${words(3)}\\s(?:सब\\sकुछ|सारा|सारी|सारे|पूरा|पूरी|हर\\s(?:शब्द|पंक्ति|लाइन|संदेश))${words(2)}\\s(?:दोहराओ|दोहराएं|दोहराएँ|दोहराइए|दिखाओ|दिखाएं|दिखाइए|प्रिंट\\sकरो|प्रिंट\\sकरें|कॉपी\\sकरो|कॉपी\\sकरें|आउटपुट\\sकरो|आउटपुट\\sकरें)`,
  ),
];
