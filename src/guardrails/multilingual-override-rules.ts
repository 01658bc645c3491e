/**
 * Instruction override and "new instructions:" in German, French, Spanish, Russian, Chinese,
 * Japanese, Arabic and Hindi (modelmux-authored; English is override-rules.ts, and these score as it
 * does). Only explicit phrases: paraphrases, personas and other languages are the learned scorer's.
 *
 * Rules see normalized text (normalize.ts): Cyrillic look-alikes read as Latin ("игнорируй" is
 * "игhopиpyи"), accents, Devanagari vowel signs, Arabic hamzas and Japanese voicing marks are
 * folded away; patterns are written as the languages are spelt and folded alike (see
 * multilingual-rule-parts.ts). Non-ASCII triggers match anywhere (stems inside inflected or prefixed
 * words); every gap is bounded. A negation in front ("не забудь", "n'oublie pas", "不要忽略") or
 * after ("無視しないで", "अनदेखा न करें") is no override.
 */

import {
  CYR,
  chars,
  clauseStart,
  END,
  fold,
  rule,
  rx,
  SP,
  words,
  ZH_NOT_ORDER,
} from "./multilingual-rule-parts.js";
import type { InjectionRule } from "./rule-types.js";

/** What makes an override explicit, per language (tested on the folded match). */
interface OverrideMarkers {
  /** The user's own instructions ("my previous instructions"): a correction, not an attack. */
  mine: RegExp;
  /** Points at the model's instructions: previous, above, initial, system, your. */
  pointing: RegExp;
  all: RegExp;
  /** Instructions or prompt, as against rules or restrictions in general. */
  strongNoun: RegExp;
  /** Verbs that also mean something else (cancel, discard, skip, bypass): as STRONG_VERB in English, less. */
  weakVerb: RegExp;
}

/** As override-rules.ts: "ignore all previous instructions" scores high, "ignore all rules" stays low. */
function overrideScore(markers: OverrideMarkers): (match: string) => number {
  return (match) => {
    if (markers.mine.test(match)) return 0.3;
    let score = 0.25;
    if (markers.strongNoun.test(match)) score += 0.2;
    if (markers.all.test(match)) score += 0.15;
    if (markers.pointing.test(match)) score += 0.35;
    if (markers.weakVerb.test(match)) score -= 0.15;
    return Math.min(score, 0.85);
  };
}

const override = (lang: string, triggerList: string, pattern: string, markers: OverrideMarkers) =>
  rule(`override-${lang}`, "instruction_override", triggerList, pattern, overrideScore(markers));
const fixed = (id: string, lang: string, triggerList: string, pattern: string, score: number) =>
  rule(`${id}-${lang}`, "instruction_override", triggerList, pattern, score);

// German. Imperative first ("Ignoriere alle vorherigen Anweisungen", "Ignorieren Sie …") or the
// infinitive last at a sentence start ("Alle vorherigen Anweisungen ignorieren!").
const DE_NOUN = `[a-zäöüß-]{0,14}?(?:anweisung(?:en)?|instruktion(?:en)?|prompts?|regeln?|richtlinien?|vorgaben?|direktiven?|befehle?|eingabeaufforderung(?:en)?|beschränkungen|einschränkungen|anordnungen)${END}|(?:alles${SP})?(?:zuvor|bisher|vorher|oben)${SP}?gesagte`;
const DE_START = clauseStart("bitte|und|jetzt|nun|dann|einfach|also|sofort");
const FR_START = clauseStart("et|maintenant|alors|puis|ensuite|simplement|donc|plait");
const ES_START = clauseStart("y|ahora|luego|entonces|simplemente|solo|favor|ya");
const DE_TAIL = `(?:${SP}(?:von${SP}oben|oben|zuvor|davor|von${SP}vorhin))?`;
const DE_OVERRIDE: OverrideMarkers = {
  mine: /\b(?:mein|meine[nmrs]?)\b/,
  pointing: rx(
    String.raw`vorherig|vorig|bisherig|obig|vorangegangen|vorangehend|früher|ursprünglich|anfänglich|initial|zuvor|vorher|bisher|oben|system|\bdeine?[nmrs]?\b|\bihre?[nmrs]?\b`,
  ),
  all: /\b(?:alle[nms]?|sämtliche[n]?|jegliche[n]?)\b/,
  strongNoun: /anweisung|instruktion|prompt|direktive|vorgabe|eingabeaufforderung|gesagte/,
  weakVerb: rx("^(?:verwirf|verwerf|übergeh)"),
};
const DE_VERBS = `(?:ignoriere?|ignoriert|ignorieren${SP}sie|vergiss|vergesst|vergessen${SP}sie|missachte|missachtet|missachten${SP}sie|verwirf|verwerft|verwerfen${SP}sie|übergehe|übergeht|übergehen${SP}sie|hör(?:e|t)?${SP}nicht(?:${SP}mehr)?${SP}auf|hören${SP}sie${SP}nicht(?:${SP}mehr)?${SP}auf)`;

// French, Spanish.
const FR_NOUN = `(?:instructions?|consignes?|règles?|directives?|prompts?|invites?|ordres|commandes|indications|restrictions|contraintes)${END}`;
/** French adjectives follow the noun: "les instructions précédentes". */
const FR_TAIL = `(?:${SP}(?:précédentes?|antérieures?|ci-dessus|initiales?|originales?|d'origine|du${SP}système|que${SP}(?:tu|vous)${SP}(?:as|avez)${SP}reçues?|qu'on${SP}(?:t'a|vous${SP}a)${SP}données?)){0,2}`;
const FR_OVERRIDE: OverrideMarkers = {
  mine: /\b(?:mes|mon|ma)\b/,
  pointing: rx(
    String.raw`précédent|antérieur|ci-dessus|au-dessus|plus\shaut|initia|origin|d'avant|préalable|système|\b(?:tes|vos|ton|votre)\b`,
  ),
  all: /\b(?:toute?s?|tout|l'ensemble)\b/,
  strongNoun: /instruction|consigne|directive|prompt|invite/,
  weakVerb: rx("^(?:abandonne|écarte|passe|outrepasse)"),
};
const ES_NOUN = `(?:instrucci(?:ón|ones)|indicaci(?:ón|ones)|reglas|directivas|órdenes|prompts?|pautas|normas|restricciones|comandos|consignas)${END}`;
const ES_TAIL = `(?:${SP}(?:anteriores?|previas?|precedentes?|de${SP}arriba|iniciales?|originales?|del${SP}sistema|que${SP}(?:te${SP}(?:dieron|han${SP}dado|di)|recibiste))){0,2}`;
const ES_OVERRIDE: OverrideMarkers = {
  mine: /\bmis?\b/,
  pointing: rx(String.raw`anterior|previ[ao]s?\b|precedente|arriba|inicial|original|del\ssistema|\btus?\b`),
  all: /\b(?:todas?|todos?|cualquier)\b/,
  strongNoun: /instruccion|indicacion|directiva|prompt|consigna/,
  weakVerb: rx("^(?:descart|omit|salta|pasa|pase)"),
};

// Russian: imperatives (ты and вы), nouns in any case.
const ru = (stems: string) => `(?:${stems})${CYR}{0,3}`;
const RU_NOUN = ru(
  "инструкци|указани|правил|промпт|директив|команд|установк|установок|ограничени|распоряжени|приказ|предписани",
);
const RU_TAIL = `(?:${SP}(?:выше|ранее|системы|разработчика))?`;
const RU_OVERRIDE: OverrideMarkers = {
  mine: rx(String.raw`(?:^|\s)(?:мо(?:и|их|й|е|ё|ю|его|ими))(?=\s)`),
  pointing: rx(
    "предыдущ|прежн|предшествующ|вышеуказанн|вышеизложенн|выше|ранее|раньше|изначальн|первоначальн|исходн|начальн|системн|тво|сво|ваш|полученн|данн(?:ые|ых)\\sтебе|старые|старых",
  ),
  all: rx(String.raw`(?:^|\s)(?:все|всех|всё|любые|любых|всяк)`),
  strongNoun: rx("инструкц|указани|промпт|директив|установк|предписани"),
  weakVerb: rx("^(?:отмени|сбрось|обойди|нарушь|откаж)"),
};
const RU_VERBS =
  "игнорируй(?:те)?|игнорь(?:те)?|забудь(?:те)?|отбрось(?:те)?|отмени(?:те)?|сбрось(?:те)?|пренебреги(?:те)?|нарушь(?:те)?|обойди(?:те)?|откажись|откажитесь|перестань(?:те)?\\s(?:следовать|выполнять|соблюдать|слушаться)|прекрати(?:те)?\\s(?:следовать|выполнять|соблюдать)|не\\s(?:обращай(?:те)?\\sвнимания|слушай(?:те)?|следуй(?:те)?|выполняй(?:те)?|соблюдай(?:те)?|подчиняйся|подчиняйтесь)";

// Chinese and Japanese: no spaces; the qualifier sits between verb and noun (zh) or before the noun
// that comes before the verb (ja).
const ZH_NOUN = "(?:指令|指示|提示词|提示|说明|规则|命令|要求|设定|设置|约束|限制|规定|准则|守则)";
const ZH_OVERRIDE: OverrideMarkers = {
  mine: rx("我的|我之前|我刚才|我上面"),
  pointing: rx(
    "之前|以前|先前|此前|上面|上述|以上|前面|前述|上文|原来|原有|原始|原先|最初|初始|系统|你的|给你的|你收到|你被|开发者",
  ),
  all: rx("所有|全部|一切|任何"),
  strongNoun: rx("指令|指示|提示|说明|设定"),
  weakVerb: rx("^(?:抛弃|丢弃|放弃|跳过|绕过|推翻|撤销|违背)"),
};
const JA_NOUN = "(?:指示|命令|指令|ルール|規則|プロンプト|設定|制約|ガイドライン|制限)";
const JA_POINTING =
  "以前|前の|これまで|今まで|上記|上の|先ほど|先程|最初|元の|初期|システム|あなた|与えられた";
const JA_ALL = "全て|すべて|全部|あらゆる";
const JA_QUALIFIERS = `${JA_POINTING}|${JA_ALL}`;
const JA_OVERRIDE: OverrideMarkers = {
  mine: rx("私の|わたしの|僕の"),
  pointing: rx(JA_POINTING),
  all: rx(JA_ALL),
  strongNoun: rx("指示|命令|指令|プロンプト|設定"),
  weakVerb: rx("破棄|放棄|取り消"),
};

// Arabic: verb first; the article and possessive suffixes attach to the noun.
const AR_NOUN = "(?:ال)?(?:تعليمات|توجيهات|أوامر|قواعد|إرشادات|موجه|تعليمة|قيود|ضوابط)\\S{0,3}";
/** Arabic adjectives follow the noun: "التعليمات السابقة". */
const AR_TAIL =
  "(?:\\s(?:ال)?(?:سابقة|سابق|أصلية|أولية|مذكورة|أعلاه|للنظام|نظام|خاصة\\sبك|خاص\\sبك|التي\\s(?:تلقيتها|أعطيت\\sلك|حصلت\\sعليها))\\S{0,3}){0,2}";
const AR_OVERRIDE: OverrideMarkers = {
  mine: rx("(?:تعليمات|قواعد|أوامر|توجيهات|إرشادات)ي(?![\\u0621-\\u064a])|الخاصة\\sبي"),
  pointing: rx(
    "السابق|الأصلي|الأولي|أعلاه|المذكورة|السالف|المتقدمة|النظام|الخاصة\\sبك|(?:تعليمات|قواعد|أوامر|توجيهات|إرشادات)ك|التي\\s(?:تلقيتها|أعطيت)",
  ),
  all: rx("جميع|كل|كافة"),
  strongNoun: rx("تعليم|توجيه|موجه|أوامر|إرشاد"),
  weakVerb: rx("^(?:تخط|ألغ|الغ|اترك|تجاوز)"),
};
/** An Arabic word start: after a space or punctuation, or the conjunctions و and ف. */
const AR_START = String.raw`(?<=^|[\s،,.:؛"'«(]|(?:^|[\s،,.:؛"'«(])[وف])`;

// Hindi: object before the verb ("पिछले सभी निर्देशों को अनदेखा करें").
const HI_NOUN = "(?:निर्देश|नियम|प्रॉम्प्ट|प्रोम्प्ट|आदेश|दिशानिर्देश|हिदायत|इंस्ट्रक्शन)\\S{0,4}";
const HI_QUALIFIERS =
  "पिछले|पिछली|पहले|ऊपर|उपरोक्त|पूर्व|सभी|सारे|सारी|अपने|अपनी|आपके|आपकी|तुम्हारे|तुम्हारी|सिस्टम|प्रारंभिक|शुरुआती|दिए\\sगए";
const HI_OVERRIDE: OverrideMarkers = {
  mine: rx("(?:^|\\s)(?:मेरे|मेरी|मेरा)(?=\\s)"),
  pointing: rx("पिछले|पिछली|पहले|ऊपर|उपरोक्त|पूर्व|अपने|अपनी|आपके|आपकी|तुम्हारे|तुम्हारी|सिस्टम|प्रारंभिक|शुरुआती|दिए\\sगए"),
  all: rx("(?:^|\\s)(?:सभी|सारे|सारी|तमाम)(?=\\s)"),
  strongNoun: rx("निर्देश|प्रॉम्प्ट|प्रोम्प्ट|आदेश|इंस्ट्रक्शन"),
  weakVerb: rx("रद्द|त्याग"),
};
/** Words between a Hindi noun and its verb, never a negation ("मत भूलो" is "do not forget"). */
const HI_GAP = fold(String.raw`(?:\s(?!(?:न|मत|नहीं)(?:\s|$))[^\s.!?।]{1,20}){0,2}?`);

/**
 * "From now on you will ignore …": the override as a statement about the future, which the
 * imperative rules above do not read ("Ab jetzt ignorierst du …", "你将忽略…" after 从现在开始).
 * Only with an override verb and an instruction noun, scored as the other overrides.
 */
const FROM_NOW_ON: InjectionRule[] = [
  override(
    "de",
    "ab|von",
    `(?:ab${SP}(?:jetzt|sofort)|von${SP}(?:nun|jetzt)${SP}an),?${SP}(?:(?:wirst|musst|sollst|solltest)${SP})?(?:du${SP})?(?:ignorierst|vergisst|missachtest|befolgst${SP}(?:du${SP})?(?:nicht|keine)|(?:${words(6)}${SP})??(?:ignorieren|vergessen|missachten))(?:${SP}du)?${words(4)}${SP}(?:${DE_NOUN})${DE_TAIL}|(?:ab${SP}(?:jetzt|sofort)|von${SP}(?:nun|jetzt)${SP}an),?${SP}(?:wirst|musst|sollst)${SP}du${words(4)}${SP}(?:${DE_NOUN})${DE_TAIL}${SP}(?:ignorieren|vergessen|missachten)`,
    DE_OVERRIDE,
  ),
  override(
    "fr",
    "partir|désormais|dorénavant|dès",
    `(?:(?<=à${SP})partir${SP}de${SP}maintenant|désormais|dorénavant|dès${SP}(?:maintenant|à${SP}présent)),?${SP}(?:tu|vous)${SP}(?:(?:vas|allez|dois|devez)${SP})?(?:ignorer|ignores|ignorez|ignoreras|ignorerez|oublier|oublies|oubliez|oublieras|oublierez|ne${SP}(?:suis|suivez|suivras|suivrez|respectes?|respectez|respecteras)${SP}plus)${words(4)}${SP}(?:l')?${FR_NOUN}${FR_TAIL}`,
    FR_OVERRIDE,
  ),
  override(
    "es",
    // Keyed by "partir", "desde", "ahora" rather than by "a" and "de", which every Spanish (and
    // English) text is full of; the span then starts there.
    "partir|desde|ahora",
    `(?:(?<=a${SP})partir${SP}de${SP}ahora|desde${SP}(?:ahora|este${SP}momento)|(?<=de${SP})ahora${SP}en${SP}adelante),?${SP}(?:(?:vas${SP}a|debes|tienes${SP}que|va${SP}a|debe)${SP})?(?:ignorar|ignoras|ignorarás|ignorará|olvidar|olvidas|olvidarás|olvidará|no${SP}(?:seguirás|sigues|obedecerás))${words(4)}${SP}${ES_NOUN}${ES_TAIL}`,
    ES_OVERRIDE,
  ),
  override(
    "ru",
    "этого|отныне|теперь",
    `(?:(?<=с${SP})этого${SP}момента|отныне|теперь),?${SP}(?:(?:ты|вы)${SP})?(?:(?:будешь|будете|должен|должна|должны|обязан${CYR}{0,2})${SP})?(?:игнорировать|игнорируешь|игнорируете|проигнорируешь|забудешь|забудете|забываешь|забыть|не${SP}(?:следуешь|будешь${SP}следовать|соблюдаешь|будешь${SP}соблюдать|подчиняешься))${words(4)}${SP}${RU_NOUN}${RU_TAIL}`,
    RU_OVERRIDE,
  ),
  override(
    "zh",
    "从现在",
    `从现在(?:开始|起)[，,]?\\s?(?:你|您)?(?:将|要|必须|会|应该|应当|就)?(?:忽略|忽视|无视|不再理会|忘记|忘掉|抛弃|不再遵守|不再遵循)${chars(10)}${ZH_NOUN}`,
    ZH_OVERRIDE,
  ),
  override(
    "ar",
    "من",
    `من\\sالآن(?:\\sفصاعدا|\\sوصاعدا)?[،,]?\\s(?:(?:عليك|يجب\\sأن|يجب\\sعليك)\\s)?(?:ستتجاهل|تتجاهل|تجاهل|ستنسى|تنسى|انس|لن\\sتتبع|لا\\sتتبع)${words(4)}${SP}(?:ب|ل)?${AR_NOUN}${AR_TAIL}`,
    AR_OVERRIDE,
  ),
];

/**
 * "Your previous instructions are void": the override in the passive, as override-rules.ts reads it in
 * English (0.85). Only instruction nouns and words that point at the model's own ("之前的规定已经废止"
 * is a notice about regulations, "以前の設定は無効です" one about an app).
 */
const VOID: InjectionRule[] = [
  fixed(
    "override-void",
    "zh",
    "之前|以前|先前|此前|上面|上述|以上|原来|原有|原始|最初|初始|你的|你收到|给你",
    `(?:之前|以前|先前|此前|上面|上述|以上|原来|原有|原始|最初|初始|你的|你收到|给你)${chars(8)}(?:指令|指示|提示词|系统提示)(?:现在|已经|现已|均已|都已|全部|都|均|已|已被|被|从现在起|自此){0,3}(?:失效|作废|无效|废除|废止|撤销|取消|覆盖|过期|不再有效|不再适用)`,
    0.85,
  ),
  fixed(
    "override-void",
    "ja",
    JA_POINTING,
    `(?<!(?:${JA_POINTING})${chars(10)})(?:${JA_POINTING})${chars(10)}(?:指示|命令|指令|プロンプト)(?:は|が)(?:すべて|全て|全部|もう|現在|今後)?(?:無効|取り消され|破棄され|撤回され|廃止され|上書きされ|失効|効力を失)`,
    0.85,
  ),
  fixed(
    "override-void",
    "de",
    "alle|sämtliche|deine|ihre|die|vorherigen|bisherigen|obigen|früheren|ursprünglichen|alten",
    `(?:alle|sämtliche|deine|ihre|die)?(?:${SP})?(?:vorherigen|bisherigen|obigen|früheren|ursprünglichen|alten|deine|ihre)${SP}(?:anweisungen|instruktionen|vorgaben|systemanweisungen|prompts)${SP}(?:sind|wurden|gelten)${SP}(?:(?:hiermit|ab${SP}sofort|jetzt|nun|ab${SP}jetzt|ab${SP}hier|allesamt)${SP}){0,2}(?:ungültig|aufgehoben|außer${SP}kraft|nichtig|widerrufen|nicht${SP}mehr${SP}gültig|überholt|ersetzt|gelöscht|deaktiviert)${END}`,
    0.85,
  ),
];

export const MULTILINGUAL_OVERRIDE_RULES: InjectionRule[] = [
  ...FROM_NOW_ON,
  ...VOID,
  override(
    "de",
    "ignoriere|ignorier|ignoriert|ignorieren|vergiss|vergesst|vergessen|missachte|missachtet|missachten|verwirf|verwerft|verwerfen|übergehe|übergeht|übergehen|hör|höre|hört|hören",
    `${DE_START}(?:${DE_VERBS})(?!${SP}(?:nicht|keine))${words(4)}${SP}(?:${DE_NOUN})${DE_TAIL}`,
    DE_OVERRIDE,
  ),
  override(
    "de",
    "befolge|befolgt|befolgen|beachte|beachtet|beachten|folge|folgt|folgen",
    `${DE_START}(?:befolge|befolgt|befolgen${SP}sie|beachte|beachtet|beachten${SP}sie|folge|folgt|folgen${SP}sie)${SP}(?:nicht|keine)(?:${SP}mehr)?${words(4)}${SP}(?:${DE_NOUN})${DE_TAIL}`,
    DE_OVERRIDE,
  ),
  override(
    "de",
    "alle|sämtliche|jegliche|deine|die|vorherigen|vorherige|bisherigen|bisherige|obigen|obige|früheren|ursprünglichen",
    String.raw`(?<=(?:^|[.!?:\n]|bitte|und|jetzt|nun|einfach)[^\S\n]{0,3})(?:alle|sämtliche|jegliche|deine|die|vorherigen?|bisherigen?|obigen?|früheren|ursprünglichen)(?:${SP}(?!nicht${END}|keine)[a-zäöüß-]{1,20}){0,2}?${SP}(?:${DE_NOUN})(?:${SP}(?!nicht${END})[a-zäöüß-]{1,20}){0,2}?${SP}(?:ignorieren|vergessen|missachten|verwerfen|außer${SP}acht${SP}lassen)${END}(?![^\S\n]{0,2}\?)`,
    DE_OVERRIDE,
  ),
  fixed(
    "override",
    "de",
    "vergiss|vergesst|vergessen",
    `${DE_START}(?:vergiss|vergesst|vergessen${SP}sie)${SP}alles,?${SP}(?:was${SP}(?:dir|ihnen|man${SP}dir|ich${SP}dir)${SP}(?:(?:bisher|zuvor|vorher|oben)${SP})?(?:gesagt|erzählt|beigebracht|vorgegeben|aufgetragen)|was${SP}(?:du|sie)${SP}(?:(?:bisher|zuvor|vorher)${SP})?(?:gelernt|gehört|erfahren)|(?:zuvor|bisher|vorher|oben)${SP}?gesagte)`,
    0.85,
  ),
  override(
    "fr",
    "veuillez|ignore|ignorez|oublie|oubliez|néglige|négligez|fais|faites|ne|abandonne|abandonnez|écarte|écartez|passe|passez|outrepasse|outrepassez",
    `${FR_START}(?<!n')(?:veuillez${SP}(?:ignorer|oublier|négliger)|ignore|ignorez|oublie|oubliez|néglige|négligez|(?:fais|faites)${SP}abstraction${SP}(?:de|des|du)|ne${SP}(?:tiens|tenez)${SP}(?:pas|plus)${SP}compte${SP}(?:de|des|du)|ne${SP}(?:suis|suivez|respecte|respectez)${SP}plus|abandonne|abandonnez|écarte|écartez|(?:passe|passez)${SP}outre|outrepasse|outrepassez)${words(4)}${SP}(?:l')?${FR_NOUN}${FR_TAIL}`,
    FR_OVERRIDE,
  ),
  fixed(
    "override",
    "fr",
    "oublie|oubliez",
    `${FR_START}(?<!n')(?:oublie|oubliez)${SP}tout${SP}ce${SP}(?:qu'on${SP}(?:t'a|vous${SP}a)${SP}(?:dit|appris|demandé)|que${SP}(?:je${SP}(?:t'ai|vous${SP}ai)${SP}dit|tu${SP}(?:sais|as${SP}appris))|qui${SP}précède)`,
    0.85,
  ),
  override(
    "es",
    "ignora|ignore|ignoren|olvida|olvide|olviden|olvídate|olvídese|descarta|descarte|omite|omita|haz|haga|no|deja|deje|desobedece|pasa|pase|salta|sáltate",
    `${ES_START}(?:ignora|ignore|ignoren|olvida|olvide|olviden|olvídate${SP}de|olvídese${SP}de|descarta|descarte|omite|omita|(?:haz|haga)${SP}caso${SP}omiso${SP}(?:a|de)|no${SP}(?:sigas|siga|obedezcas|obedezca|hagas${SP}caso${SP}(?:a|de))|(?:deja|deje)${SP}de${SP}(?:seguir|obedecer)|desobedece|(?:pasa|pase)${SP}por${SP}alto|salta|sáltate)${words(4)}${SP}${ES_NOUN}${ES_TAIL}`,
    ES_OVERRIDE,
  ),
  fixed(
    "override",
    "es",
    "olvida|olvide|olvídate",
    `${ES_START}(?:olvida|olvide|olvídate${SP}de)${SP}todo${SP}lo${SP}(?:que${SP}(?:te${SP}(?:dije|han${SP}dicho|dijeron|he${SP}dicho)|le${SP}(?:dije|han${SP}dicho)|sabes|aprendiste)|anterior)`,
    0.85,
  ),
  override(
    "ru",
    "игнорируй|игнорь|забудь|отбрось|отмени|сбрось|пренебреги|нарушь|обойди|откажись|откажитесь|перестань|прекрати|не обращай|не слушай|не следуй|не выполняй|не соблюдай|не подчиняйся|не подчиняйтесь",
    `(?<!не${SP}(?:про)?)(?:${RU_VERBS})${words(4)}${SP}${RU_NOUN}${RU_TAIL}`,
    RU_OVERRIDE,
  ),
  fixed(
    "override",
    "ru",
    "забудь",
    `(?<!не${SP})забудь(?:те)?${SP}(?:вс[её]|обо${SP}вс[её]м),?${SP}(?:что${SP}(?:(?:тебе|вам)${SP}(?:говорили|сказали|было${SP}сказано|писали|поручили)|(?:я${SP}(?:тебе|вам)${SP}(?:говорил|сказал|писал))|было${SP}(?:сказано|написано)${SP}(?:выше|раньше|ранее|до${SP}этого)|(?:ты|вы)${SP}(?:знаешь|знаете|знал|узнал))|вышесказанное|(?:что${SP})?(?:выше|ранее|раньше))`,
    0.85,
  ),
  override(
    "zh",
    "忽略|忽视|无视|不理会|不要理会|别理会|不用理会|别管|不要管|忘记|忘掉|抛弃|丢弃|放弃|跳过|绕过|不再遵守|不要遵守|无需遵守|不再遵循|不要遵循|违背|推翻|撤销",
    `(?<!${ZH_NOT_ORDER})(?:忽略|忽视|无视|不理会|不要理会|别理会|不用理会|别管|不要管|忘记|忘掉|抛弃|丢弃|放弃|跳过|绕过|不再遵守|不要遵守|无需遵守|不再遵循|不要遵循|违背|推翻|撤销)(?!了|过)(?:掉)?${chars(10)}${ZH_NOUN}`,
    ZH_OVERRIDE,
  ),
  override(
    "ja",
    JA_QUALIFIERS,
    // Only the first qualifier of a phrase starts a match: "以前のすべての指示" is one override, not two.
    `(?<!(?:${JA_QUALIFIERS})${chars(10)})(?:${JA_QUALIFIERS})${chars(10)}${JA_NOUN}(?:を|は|も)?${chars(6)}(?:無視|忘れ|破棄|放棄|取り消|無効に)(?![^。！？!?\\n]{0,3}(?:ない|るな|ては|ちゃ|ず))(?![^。！？!?\\n]{0,14}[か？?])`,
    JA_OVERRIDE,
  ),
  override(
    "ar",
    "تجاهل|تجاهلي|تجاهلوا|انس|انسي|انسوا|أهمل|اهمل|أهملي|تخط|تخطى|تخطي|ألغ|الغ|لا|توقف|توقفي|اترك|اتركي|تجاوز|تجاوزي|تغاض",
    `${AR_START}(?<!لا\\s{1,2})(?:تجاهلي|تجاهلوا|تجاهل|انسي|انسوا|انس|أهملي|أهمل|تخطي|تخطى|تخط|ألغ|لا\\s(?:تتبع|تلتزم\\sب|تطع)|توقفي?\\sعن\\s(?:اتباع|الالتزام\\sب|تنفيذ)|اتركي?|تجاوزي?|تغاض\\sعن)${words(4)}${SP}(?:ب|ل)?${AR_NOUN}${AR_TAIL}`,
    AR_OVERRIDE,
  ),
  override(
    "hi",
    HI_QUALIFIERS.replace("\\sगए", ""),
    // Only the first qualifier of a phrase starts a match ("पिछले सभी निर्देश" is one override).
    `(?<!(?:${HI_QUALIFIERS})${HI_GAP}\\s)(?:${HI_QUALIFIERS})${HI_GAP}\\s${HI_NOUN}(?:\\s(?:को|का|की|के))?${HI_GAP}\\s(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|इग्नोर|भूल\\sजा|भुला\\sदो|भूलो|भूलें|भूल\\sजाओ|रद्द|त्याग|मानना\\sबंद|पालन\\sकरना\\sबंद)(?!\\s(?:न|मत|नहीं)(?:\\s|$))`,
    HI_OVERRIDE,
  ),
  // "New instructions:" as a header, as "new instructions:" in English.
  fixed(
    "new-instructions",
    "de",
    "neue",
    String.raw`neue${SP}(?:system)?(?:anweisungen|anweisung|instruktionen|befehle)\s{0,3}:`,
    0.6,
  ),
  fixed(
    "new-instructions",
    "fr",
    "nouvelles|nouvelle|nouveaux",
    String.raw`(?:nouvelles?${SP}(?:instructions?|consignes?|directives?)|nouveaux${SP}ordres)\s{0,3}:`,
    0.6,
  ),
  fixed(
    "new-instructions",
    "es",
    "nuevas|nueva|nuevos",
    String.raw`(?:nuevas?${SP}(?:instrucci(?:ón|ones)|indicaciones|directivas)|nuevos${SP}comandos)\s{0,3}:`,
    0.6,
  ),
  fixed(
    "new-instructions",
    "ru",
    "новые|новая|новое",
    String.raw`(?:новые${SP}(?:инструкции|указания|директивы|правила)|новая${SP}(?:инструкция|директива)|новое${SP}указание)\s{0,3}:`,
    0.6,
  ),
  fixed("new-instructions", "zh", "新", "新(?:的)?(?:系统)?(?:指令|指示|命令|规则)\\s{0,3}[:：]", 0.6),
  fixed(
    "new-instructions",
    "ja",
    "新しい|新たな",
    "(?:新しい|新たな)(?:システム)?(?:指示|命令|ルール)\\s{0,3}[:：]",
    0.6,
  ),
  fixed(
    "new-instructions",
    "ar",
    "تعليمات|أوامر|التعليمات",
    "(?:ال)?(?:تعليمات|أوامر)\\s(?:ال)?جديدة\\s{0,3}:",
    0.6,
  ),
  fixed("new-instructions", "hi", "नए|नई", "(?:नए|नई)\\s(?:निर्देश|नियम|आदेश)\\s{0,3}:", 0.6),
  // "--- End of document ---" before what follows it, as the English fake boundary (0.7).
  ...(
    [
      [
        "zh",
        "(?:文档|文件|文本|用户输入|输入|系统提示|提示词|指令|上下文|对话|内容)(?:到此)?(?:结束|完毕|终止)",
      ],
      [
        "ja",
        "(?:文書|ドキュメント|テキスト|ユーザー入力|入力|システムプロンプト|プロンプト|指示|コンテキスト|会話)(?:の)?(?:終わり|終了|末尾)",
      ],
      [
        "de",
        `ende${SP}(?:des|der)${SP}(?:dokuments|dokumentes|eingabe|nutzereingabe|benutzereingabe|anweisungen|prompts|systemprompts|kontexts|kontextes|gesprächs|textes|inhalts)${END}`,
      ],
    ] as const
  ).map(([lang, end]) =>
    rule(
      `fake-boundary-${lang}`,
      "delimiter_injection",
      "---|===|###|***",
      String.raw`(?:-{3,}|={3,}|#{3,}|\*{3,})\s{0,3}(?:${end})`,
      0.7,
    ),
  ),
];
