import { normalizeForMatching } from "./normalize.js";
import { trieRegexSource } from "./trie-regex.js";

/**
 * Words of text *about* attacks in the languages other than English, as injection.ts reads the English
 * ones (DISCUSSION_WORDS): a phrase in such a text is lowered, and lowered further when quoted. Each list
 * carries what the English one carries: the attack's own vocabulary (injection, attack, attacker,
 * jailbreak techniques, red team), the words of an explanation that cites an example (for example,
 * such as, examples of, known as, so-called) and those of research and defence (researchers,
 * classifier, detection, mitigation, defence, guardrails, security training).
 *
 * The word for attack counts only as a noun ("cette attaque", "攻击者", "атаки"; in English "this
 * attack"), never as the verb an attack may use ("attaque l'utilisateur", "攻击用户", "атакуй");
 * Hindi's only after "this", "such" ("इस हमले", "ऐसे हमले") or as "हमलावर", since folding reads
 * "हमला" and "हमले" alike and "हमला करो" is the order. Words that only say the text is an
 * article ("this article explains", "dieser Artikel erklärt") are left out on purpose: an attack
 * that adds them is read as it was; so are safety measures and protective filters in general
 * ("Schutzmaßnahmen", "medidas de seguridad", "защитные фильтры"), which an attack asks to switch
 * off: only the words for guardrails themselves count ("Leitplanken", "garde-fous", "护栏"), as
 * "guardrails" does in English. Verbs that could be orders ("erkenne", "détecte") are left out too:
 * nouns where a verb would be an instruction.
 *
 * Literal words, written as each language is spelt and folded as normalize.ts folds the scanned text,
 * matched as one trie (trie-regex.ts): read once or twice for every rule match of a scan, a flat
 * alternation of this many words cost a 10 KB scan a tenth more time.
 */
const CUES: Record<string, readonly string[]> = {
  de: [
    "prompt-injektion",
    "injektion",
    "angriff",
    "angreifer",
    ...["jailbreak", "jailbreaks", "jailbreaking"].flatMap((word) =>
      ["techni", "method", "versuch", "angriff", "prompt"].flatMap((noun) => [
        `${word}-${noun}`,
        `${word} ${noun}`,
      ]),
    ),
    "zum beispiel",
    "z. b.",
    "z.b.",
    ...["beispiel", "beispiele"].flatMap((word) => [`${word} für`, `${word} wie`, `${word} dafür`]),
    "wie etwa",
    "bekannt als",
    "sogenannte",
    "klassifikator",
    "erkennung",
    "forscher",
    "forschende",
    "abwehr",
    "leitplanken",
    "sicherheitsschulung",
    "sicherheitsbewusstsein",
  ],
  fr: [
    ...["injection", "injections"].flatMap((word) =>
      ["prompt", "prompts", "consignes", "instructions"].map((noun) => `${word} de ${noun}`),
    ),
    "injection d'instructions",
    "attaques",
    "cette attaque",
    "une attaque",
    "l'attaque",
    "attaquant",
    ...["technique", "techniques", "méthode", "méthodes", "tentative", "tentatives"].flatMap((word) =>
      [" ", ' "', " « ", " «"].map((gap) => `${word} de${gap}jailbreak`),
    ),
    "par exemple",
    "exemple de",
    "exemples de",
    "exemple d'",
    "exemples d'",
    "exemples comme",
    "tel que",
    "tels que",
    "telle que",
    "telles que",
    "connu sous le nom",
    "connue sous le nom",
    "connus sous le nom",
    "connues sous le nom",
    "soi-disant",
    "classifieur",
    "classificateur",
    "chercheur",
    "chercheuse",
    "atténuation",
    "atténuer",
    "garde-fous",
    "barrières de sécurité",
    "barrières de protection",
    "sensibilisation à la sécurité",
  ],
  es: [
    "inyección",
    "ataques",
    "este ataque",
    "un ataque",
    "el ataque",
    "atacante",
    ...["técnica", "técnicas", "método", "métodos", "intento", "intentos"].flatMap((word) =>
      [" ", ' "', " « ", " «"].map((gap) => `${word} de${gap}jailbreak`),
    ),
    "por ejemplo",
    "ejemplo de",
    "ejemplos de",
    "tales como",
    "conocido como",
    "conocida como",
    "conocidos como",
    "conocidas como",
    "clasificador",
    "detección",
    "investigador",
    "mitigación",
    "barreras de protección",
    "barreras de seguridad",
    "concienciación",
  ],
  ru: [
    "инъекци",
    ...["атака", "атаки", "атакой", "атаке", "атакам", "атаками", "атаках", "атакующ"],
    "злоумышленник",
    "джейлбрейк",
    ...["техника", "техники", "технику", "техникой", "техник", "техниками", "техниках"].flatMap((word) =>
      ["взлома", "обхода", "разблокировки", "джейлбрейка"].map((noun) => `${word} ${noun}`),
    ),
    "например",
    ...["пример", "примера", "примеры", "примеров", "примером"].flatMap((word) =>
      ["того", "таких", "атак", "запрос"].map((noun) => `${word} ${noun}`),
    ),
    ...["такие", "таких", "такими", "такой", "такая", "такое", "таким"].map((word) => `${word} как`),
    ...[
      "известный",
      "известная",
      "известное",
      "известные",
      "известных",
      "известен",
      "известна",
      "известно",
    ].map((word) => `${word} как`),
    "так называем",
    "классификатор",
    "обнаружени",
    "исследовател",
    "смягчени",
  ],
  zh: [
    "注入",
    ...["这种攻击", "此类攻击", "该攻击", "攻击者", "攻击方式", "攻击手段", "攻击方法", "攻击类型"],
    ...["這種攻擊", "此類攻擊", "該攻擊", "攻擊者", "攻擊方式", "攻擊手段", "攻擊方法", "攻擊類型"],
    "越狱",
    "越獄",
    "例如",
    "比如",
    "举例",
    "諸如",
    "诸如",
    "所谓",
    "所謂",
    "被称为",
    "被稱為",
    "分类器",
    "分類器",
    "检测",
    "檢測",
    "研究人员",
    "研究人員",
    "研究者",
    "缓解",
    "防御",
    "防禦",
    "护栏",
    "護欄",
    "红队",
    "對抗性",
    "对抗性",
  ],
  ja: [
    ...["この攻撃", "の攻撃", "攻撃者", "攻撃手法", "攻撃方法", "攻撃の"],
    "インジェクション",
    "ジェイルブレイク",
    "脱獄",
    "例えば",
    "たとえば",
    "の例",
    "として知られ",
    "いわゆる",
    "分類器",
    "検出",
    "検知",
    "研究者",
    "緩和",
    "防御",
    "ガードレール",
    "レッドチーム",
    "敵対的",
  ],
  ar: [
    "حقن",
    "هجوم",
    "هجمات",
    "مهاجم",
    "كسر الحماية",
    "على سبيل المثال",
    "أمثلة على",
    "مثال على",
    "يعرف باسم",
    "المعروف باسم",
    "تعرف باسم",
    "ما يسمى",
    "المصنف",
    "الكشف عن",
    "الباحث",
    "باحثون",
    "التخفيف",
    "الدفاع",
    "حواجز الحماية",
    "الفريق الأحمر",
    "التوعية الأمنية",
  ],
  hi: [
    ...["इस हमले", "यह हमला", "ऐसे हमले", "ऐसा हमला", "इन हमलों", "हमलावर", "हमले का तरीका", "हमले के तरीके"],
    "इंजेक्शन",
    "जेलब्रेक",
    "उदाहरण के लिए",
    "के उदाहरण",
    "के रूप में जाना",
    "तथाकथित",
    "क्लासिफायर",
    "शोधकर्ता",
    "बचाव",
    "रेड टीम",
  ],
};

const FOLDED = [
  ...new Set(
    Object.values(CUES)
      .flat()
      .map((word) => normalizeForMatching(word).text),
  ),
];
const ASCII_LETTER = /^[a-z]/;

/**
 * The cues of every language as regex sources, folded as the scanned text is: those that start with
 * an ASCII letter (most German, French and Spanish ones, Russian ones whose first letter folds to a
 * Latin look-alike) to be read at a word start only, the others behind a non-ASCII look-ahead, so
 * that most positions of a text fail on their first character.
 */
export const MULTILINGUAL_DISCUSSION = {
  atWordStart: trieRegexSource(FOLDED.filter((word) => ASCII_LETTER.test(word))),
  nonAscii: trieRegexSource(FOLDED.filter((word) => !ASCII_LETTER.test(word))),
};
