import { CLDR_PHONE_WORDS_JOINED, CLDR_PHONE_WORDS_SPACED } from "./phone-words-cldr.js";
import { fromLastDigit, textBefore, wordCharacterAfter, wordCharacterSinceDigit } from "./pii-match.js";
import { trieRegexSource } from "./trie-regex.js";

/**
 * Words that say a digit string is a phone number, in the languages modelmux is used in. Written for
 * what the scorer asks: does the text just before a number (or just after, for languages that put the
 * verb last) name a phone? Words are matched case-insensitively, each script by its own rule:
 * - Latin and Cyrillic words are whole words or stems taking the language's endings and compounds
 *   (`телефону`, `Handynummer`, `numaram`): a letter may not come before them, and `\b` is not used,
 *   because in JavaScript it only knows ASCII letters (`телефон\b` never matches before a space).
 * - Chinese, Japanese, Korean, Arabic and Devanagari words are matched anywhere: CJK is written
 *   without spaces, and Arabic joins prefixes to the word (`الهاتف`, `للتواصل`, `رقمي`).
 * The lists below are written by hand; CLDR's words for a phone in its ~100 languages
 * (phone-words-cldr.ts) and the verbs said before a number in more languages (LATIN_CALL_WORDS,
 * JOINED_CALL_WORDS) are added to them.
 */

// Latin-script words: `\p{L}*` marks a stem.
const LATIN = [
  // English
  "phone\\p{L}*",
  "tel",
  "telephone",
  "mobile",
  "mob",
  "cell(?:phone)?",
  "fax",
  "call(?:ing)?",
  "text (?:me|us)",
  "whats ?app",
  "sms",
  "contact\\p{L}*",
  "reach(?:ed|able)?",
  "dial",
  "landline",
  "hotline",
  "helpline",
  "voicemail",
  // English, Swedish, Danish, Norwegian: "ring me on", "ring mig på", "ring til os", "ring meg"
  "ring\\s+(?:me|us|mig|meg|oss|os|til)",
  // "give us a ring at", "give me a buzz on"; "call us toll-free at", "toll free 1-800-…"
  "give\\s+(?:me|us|him|her|them)\\s+a\\s+(?:ring|buzz|bell)",
  "toll[- ]?free",
  "messages? (?:me )?(?:to|on|at)",
  "answer(?:s|ed|ing)? (?:at|on)",
  "ph",
  // Spanish, Portuguese, Italian
  "tel[ée]fono",
  "telefone",
  "telem[óo]vel",
  "m[óo]vil",
  "celular",
  "celu",
  "cellulare",
  "fijo",
  "fixo",
  "fones?",
  "zap",
  "whats",
  "cel",
  "tlm",
  "telm",
  "tlf",
  "tfno",
  "telf",
  "tfn",
  "contat\\p{L}*",
  // llama, llamar, llame, llámenos, llámeme (call: the polite forms end in -e)
  "ll[áa]m[ae]\\p{L}*",
  "lig(?:a|ue|ar)(?:-me)?",
  // Portuguese: disque (dial), fale conosco (talk to us)
  "disque",
  "fale\\s+conosco",
  // French
  "t[ée]l[ée]phone",
  "t[ée]l",
  "portable",
  "fixe",
  "gsm",
  "natel",
  "appel(?:ez|er|le|lez)?",
  "rappel(?:ez|er|le|lez)?",
  "joindre",
  // composez le (dial)
  "compos(?:ez|er)",
  // German (compounds: Handynummer, Telefonnummer, Festnetznummer)
  "telef[oó]n\\p{L}*",
  "kontakt\\p{L}*",
  "handy\\p{L}*",
  "mobil\\p{L}*",
  "festnetz\\p{L}*",
  "rufnummer",
  "erreichbar",
  "anruf\\p{L}*",
  "durchwahl",
  // Dutch, Polish, Italian, Indonesian and Malay, Vietnamese
  "telefoon\\p{L}*",
  "mobiel\\p{L}*",
  "bel (?:me|ons|mij)",
  "kom[óo]rk\\p{L}*",
  "zadzwo\\p{L}*",
  "chiama\\p{L}*",
  "telepon",
  "telp",
  "ponsel",
  "hubungi",
  "đi[ệe]n tho[ạa]i",
  // SĐT, ĐT (số điện thoại, điện thoại), and SDT as typed without the accent.
  "s?đt",
  "sdt",
  "di đ[ộo]ng",
  // Vietnamese: "gọi điện" (to phone), "gọi cho tôi" (call me), "liên hệ:" (contact, as a label;
  // in prose "liên hệ" is also a relation), "nhắn tin" (text), "máy bàn" (landline), "tổng đài"
  // (switchboard), Zalo (its messenger). Not "gọi" alone: "gọi là" (is called), "gọi vốn" (raise funds).
  "g[ọo]i\\s+(?:đi[ệe]n|cho\\s+(?:t[ôo]i|m[ìi]nh|em|anh|ch[ịi]|ch[úu]ng\\s+t[ôo]i))",
  "li[êe]n\\s+(?:h[ệe]|l[ạa]c)\\s*:",
  "nh[ắa]n\\s+tin",
  "máy\\s+bàn",
  "t[ổo]ng\\s+[đd][àa]i",
  "zalo",
  // Greek
  "τηλ[εέ]φων\\p{L}*",
  "τηλ",
  "κινητ\\p{L}*",
  // Turkish
  "ara(?:y\\p{L}*)?",
  "ileti[şs]im",
  "faks",
  "ula[şs]\\p{L}*",
  "m[üu][şs]teri hizmetleri",
  "[çc]a[ğg]r[ıi] merkezi",
  "(?:destek|[üu]cretsiz|yard[ıi]m|ileti[şs]im|m[üu][şs]teri) hatt?[ıi]?",
  // Russian, Ukrainian
  "телефон\\p{L}*",
  "тел",
  "моб\\p{L}*",
  "сотов\\p{L}*",
  "звон\\p{L}*",
  "позвон\\p{L}*",
  "связ\\p{L}*",
  "факс\\p{L}*",
  "контакт\\p{L}*",
  "ватсап",
  "вотсап",
  "смс",
  "дзвон\\p{L}*",
  "зателефон\\p{L}*",
];

/**
 * "Call", "reach" and "contact" as they are said before a number, and abbreviations of a phone, in the
 * languages whose nouns for a phone come from CLDR (phone-words-cldr.ts) but whose verbs do not;
 * matched as LATIN's words. Each word's language and sense beside it.
 */
const LATIN_CALL_WORDS = [
  "dzwo[ńn]\\p{L}*", // Polish: dzwonić, dzwoń (to call, call!)
  "bel(?:len)?", // Dutch: bel, bellen (call, to call)
  "bereik\\p{L}*", // Dutch: bereiken, bereikbaar (reach, reachable)
  "n[åa]\\s+(?:mig|oss|meg|os)", // Swedish, Norwegian, Danish: nå mig (reach me)
  "puh", // Finnish: puh. (abbreviation of puhelin, phone)
  "soita\\p{L}*", // Finnish: soita, soittakaa (call!)
  "(?:za)?vol(?:ej|aj)\\p{L}*", // Czech, Slovak: zavolejte, volajte (call!)
  "h[íi]vj\\p{L}*", // Hungarian: hívjon, hívja (call!)
  "sun[aă](?:[țt]i|-m[ăa]|m)?", // Romanian: sunați, sună-mă (call, call me)
  "(?:na|po)zov\\p{L}*", // Croatian, Serbian, Bosnian: nazovite, pozovite (call!)
  "pokli[cč]\\p{L}*", // Slovenian: pokličite (call!)
  "skambin\\p{L}*", // Lithuanian: skambinkite, skambinti (call!, to call)
  "zvan\\p{L}*", // Latvian: zvaniet, zvanīt (call!, to call)
  "t[āa]lr", // Latvian: tālr. (abbreviation of tālrunis, phone)
  "helista\\p{L}*", // Estonian: helistage, helista (call!)
  "truc(?:a|ar|ant|ui)\\p{L}*", // Catalan: truca'm, trucar (call me, to call)
  "truqu(?:i|eu|in|em)", // Catalan: truqui, truqueu (call!, the polite and plural forms)
  "m[òó]bil", // Catalan: mòbil (mobile)
  "cont[áa]ct(?:a|e|en)(?:me|nos|se|le|les)", // Spanish: contáctanos, contácteme (contact us, contact me)
  "tumawag", // Tagalog: tumawag (to call, as said of the caller)
  "ffoni\\p{L}*", // Welsh: ffoniwch, ffonio (call!, to call)
  "hring(?:du|i[ðd]|ja)", // Icelandic: hringdu, hringið (call!), hringja í (to call)
  "s[íi]minn|síma\\p{L}*", // Icelandic: síminn, símanúmer (the phone, phone number)
  "marca(?:r|me)?\\s+al", // Spanish: marca al (dial)
  "comun[íi](?:c|qu)(?:ate|ese|ense|arse)\\s+(?:(?:conmigo|con\\s+nosotros)\\s+)?(?:al|con)", // Spanish: comunícate (conmigo) al, comuníquese al (get in touch at)
  "marquen?\\s+(?:el|al)", // Spanish: marque el (dial)
  "joignable\\p{L}*", // French: joignable (reachable)
  "ruf\\p{L}*\\s+(?:sie\\s+)?(?:mich|uns|ihn|sie|mir)\\s+an", // German: ruf mich an, rufen Sie uns an (call me, call us)
  "tawag\\p{L}*", // Tagalog: tawagan (call)
  "handphone", // Indonesian, Malay: handphone (mobile)
  "(?:no\\.?|nomor|nombor)\\s*(?:hp|wa)", // Indonesian, Malay: No. HP, nomor WA (mobile, WhatsApp number)
  "li[êe]n\\s+h[ệe]\\s+(?:qua\\s+)?s[ốo]", // Vietnamese: liên hệ số (contact number)
  "g[ọo]i\\s+(?:v[àa]o\\s+|t[ớo]i\\s+)?s[ốo]", // Vietnamese: gọi số, gọi vào số (call the number)
  "g[ọo]i\\s+ngay", // Vietnamese: gọi ngay (call now)
  "(?:vui\\s+l[òo]ng|h[ãa]y|xin)\\s+g[ọo]i", // Vietnamese: vui lòng gọi, hãy gọi (please call)
  "καλ[έε]σ\\p{L}*", // Greek: καλέστε, κάλεσέ με (call!)
  "κιν", // Greek: κιν. (abbreviation of κινητό, mobile)
  "επικοινων\\p{L}*", // Greek: επικοινωνία, επικοινωνήστε (contact)
  "обад\\p{L}*", // Bulgarian: обадете се (call!)
  "позов\\p{L}*", // Serbian: позовите (call!)
  "t[āa]lru[nņ]\\p{L}*", // Latvian: tālrunis, tālruņa (phone, the phone's)
];

// "Number" alone says less ("number of users", "policy number", "номер заказа", "发票号码"): it counts
// only as someone's number ("my number is ", "Мой номер ", "رقمي", "我的号码是"), at most eight
// characters before the digits. (número, numéro and numero count alone, as they always have.)
const LATIN_NUMBER = [
  "(?:my|your|his|her|our|their|new)\\s+(?:\\p{L}+\\s+)?number",
  "n[úu]mero",
  "num[ée]ro",
  "numero",
  "(?:meine|deine|seine|ihre|unsere|eure|neue)\\s+nummer",
  "(?:mijn|jouw|uw|zijn|haar|ons|onze|nieuwe)\\s+nummer",
  "(?:unter|an)\\s+der\\s+nummer",
  "(?:dich|sich|mich|uns|mir)\\s+unter",
  "numara(?:m|n|m[ıi]z|n[ıi]z)",
  // Swedish, Danish, Norwegian, Polish, Czech and Slovak, Indonesian and Malay: "mitt nummer",
  // "mój numer", "moje číslo", "nomor saya" (my number).
  "(?:mitt|mit|ditt|dit|vårt|vores|v[åa]rt)\\s+nummer",
  "(?:m[óo]j|moj|tw[óo]j|nasz|nowy)\\s+numer",
  "(?:moje|moj[ea]|na[šs]e|va[šs]e|nov[ée])\\s+[čc][íi]slo",
  "(?:nomor|nombor)\\s+(?:saya|anda|kami|aku|ku)",
  "(?:мой|моя|мою|твой|ваш|его|её|ее|их|наш|новый)\\s+(?:новый\\s+)?номер\\p{L}*",
  // Greek, Bulgarian: "ο αριθμός μου" (my number), "моят номер" (my number).
  "αριθμ[όο]ς\\s+(?:μου|μας|σου)",
  "(?:моят|моя|твоят|вашият|нашият)\\s+номер",
  // Hungarian "számom" (my number), Romanian "numărul meu", Finnish "numeroni", Ukrainian "мій номер",
  // Croatian, Serbian and Bosnian "moj broj", "мој број", Slovenian "moja številka", Lithuanian "mano
  // numeris", Latvian "mans numurs", Swahili "namba yangu", Greek "το νούμερό μου" (my number).
  "sz[áa]m(?:om|unk)(?:at)?",
  "num[ăa]rul\\s+(?:meu|nostru|t[ăa]u|vostru|nou)",
  "numero(?:ni|mme)",
  "(?:мій|твій|новий)\\s+номер\\p{L}*",
  "(?:moj|tvoj|va[šs]|na[šs]|novi)\\s+broj",
  "(?:мој|твој|ваш|наш|нови)\\s+број",
  "(?:moja|tvoja|va[šs]a|na[šs]a|nova)\\s+[šs]tevilka",
  "mano\\s+numer\\p{L}*",
  "(?:mans|tavs|j[ūu]su|m[ūu]su|jaunais)\\s+numurs",
  "namba(?:ri)?\\s+(?:yangu|yetu|yako)",
  "ν[οό][υύ]μερ[οό]\\s+(?:μου|μας|σου)",
  // Vietnamese: "số của tôi", "số mình", "số em" (my number; with its accent: "so em" is not Vietnamese only).
  "số\\s+(?:c[ủu]a\\s+)?(?:t[ôo]i|m[ìi]nh|em|anh|ch[ịi]|b[ạa]n)",
];

// Scripts without word spaces, or with joined prefixes: matched anywhere.
const JOINED = [
  // Chinese (simplified and traditional)
  "电话",
  "電話",
  "手机",
  "手機",
  "手提",
  "座机",
  "座機",
  "联系",
  "联络",
  "聯絡",
  "聯繫",
  "致电",
  "致電",
  "拨打",
  "撥打",
  // 请拨, 可以拨 (dial), not 拨款, 拨付 (allocate funds); no look-behind (调拨, transfer goods, is
  // followed by a count or an amount), as one in an alternative kept V8 from skipping to its first characters
  "[拨撥](?![款付出])",
  "短信",
  "简讯",
  "簡訊",
  "微信",
  "传真",
  "傳真",
  "热线",
  "熱線",
  "客服",
  "这个号",
  "這個號",
  "打给",
  "打給",
  // Phone symbols, as signatures and listings print them before a number: ☎ ☏ 📞 📱 📲
  "[☎☏]",
  "\u{1F4DE}",
  "\u{1F4F1}",
  "\u{1F4F2}",
  // Japanese
  "携帯",
  "ケータイ",
  "連絡",
  "問い?合わ?せ",
  "直通",
  "フリーダイヤル",
  "ファックス",
  // Korean
  "전화",
  "휴대폰",
  "핸드폰",
  "연락",
  "문자",
  "팩스",
  "고객센터",
  "폰",
  // Arabic
  "هاتف",
  "جوال",
  "موبايل",
  "اتصل",
  "اتصال",
  "تواصل",
  "واتساب",
  "فاكس",
  "خلوي",
  "محمول",
  // Hebrew, Persian and Urdu, Thai, Bengali, Georgian, Armenian
  "טלפון",
  "נייד",
  "פקס",
  "تلفن",
  "تماس",
  "(?<!\\p{L})فون",
  "تلفون",
  "โทร(?!ทัศน์)",
  "มือถือ",
  "ফোন",
  "ტელეფონ",
  "հեռախոս",
  // Hindi
  "फ़ोन",
  "फ\u093cोन",
  "फोन",
  "मोबाइल",
  "संपर्क",
  "कॉल",
  "व्हाट्सएप",
  "हेल्पलाइन",
  "डायल",
  "टोल\\s*फ्री",
  "दूरभाष",
];

/** The same in the scripts whose words are matched anywhere, as JOINED's. */
const JOINED_CALL_WORDS = [
  // Hebrew: התקשרו (call!), טל׳ (abbreviation of טלפון), צרו קשר (contact us); Persian and Urdu:
  // موبایل, موبائل (mobile, in their spellings), شماره همراه (mobile number); Egyptian Arabic: كلمني
  // (call me); Bengali: মোবাইল (mobile), যোগাযোগ (contact); Thai: ติดต่อ (contact), เบอร์ (a phone
  // number); Korean: 문의 (inquiries, a label before a number); Tamil: அழை (call); Georgian: ტელ (tel.).
  "התקשר",
  "טל[׳']",
  "(?:צרו|צור)\\s+קשר",
  "موبایل",
  "موبائل",
  "شماره\\s+همراه",
  "كلمن[يا]",
  "মোবাইল",
  "যোগাযোগ",
  "ติดต่อ",
  "เบอร์",
  "문의",
  "அழை",
  "ტელ",
];

const JOINED_NUMBER = [
  "(?:我|你|您|他|她|新)的?(?:号码|號碼)",
  "(?:私|わたし|僕|俺|彼|彼女|あなた)の番号",
  "(?:제|내|저의|나의|새)\\s*번호",
  "رقم(?:ي|ك|ه|ها|نا)(?!\\p{L})",
  // Hebrew: המספר שלי (my number).
  "המספר\\s+שלי",
  "(?:मेरा|मेरी|मेरे|आपका|आपके|उनका|उसका|हमारा|तुम्हारा|का|की|के)\\s*(?:नया\\s*)?(?:नंबर|नं\\.?)",
];

const alternatives = (words: readonly string[]) => words.join("|");

/**
 * CLDR's words for a phone (phone-words-cldr.ts), in the three ways they are matched: in spaced
 * scripts, from a word's start, a word of six letters or more as a stem taking endings and compounds
 * (`puhelinnumeroni`, `telefonszám`), a shorter one whole (`simu` is not `simulation`); in the other
 * scripts anywhere, as JOINED (a short Arabic-script word from a word's start).
 */
const STEM_LENGTH = 6;
/** A short Arabic-script word is matched from a word's start, as `فون` (phone) inside `يعرفون` (they know) is none. */
const SHORT_ARABIC = /^\p{Script=Arabic}{1,3}$/u;
// A `-` outside a class is not escaped in a `u` regex (`fòn-làimhe`): trieRegexSource escapes it for both.
const wordsSource = (words: readonly string[]) => trieRegexSource(words).replaceAll("\\-", "-");
/**
 * The words of the hand-written lists above match already (`telefon\p{L}*` reads CLDR's `telefonas`,
 * `telefono`…): a word they match from its start, and a word starting with another CLDR word that
 * matches its whole length anyway (`ទូរស័ព្ទលើតុ` after `ទូរស័ព្ទ`, `simu ya mkononi` after `simu`), is left
 * out, so the regex tries 180 words, not 330, at each place before a number.
 */
const HAND_WORD = new RegExp(
  `^(?:(?:${alternatives([...LATIN, ...LATIN_CALL_WORDS])})(?!\\p{L})|${alternatives([...JOINED, ...JOINED_CALL_WORDS])})`,
  "iu",
);
function newWords(words: readonly string[], stem: (word: string) => boolean): string[] {
  const left = words.filter((word) => !HAND_WORD.test(word));
  const kept = new Set(left);
  return left.filter(
    (word) =>
      ![...kept].some(
        (other) => other !== word && word.startsWith(other) && (stem(other) || word[other.length] === " "),
      ),
  );
}
const spaced = newWords(CLDR_PHONE_WORDS_SPACED, (word) => word.length >= STEM_LENGTH);
const joined = newWords(CLDR_PHONE_WORDS_JOINED, (word) => !SHORT_ARABIC.test(word));
/** The words as one alternative, followed by `after`; none for no words (an empty one would match anywhere). */
const wordsAlternative = (words: readonly string[], after: string) =>
  words.length === 0 ? [] : [`${wordsSource(words)}${after}`];
/** CLDR's words in spaced scripts (those of `words`), read from a word's start (wordStartBefore). */
const cldrSpaced = (words: readonly string[]) =>
  [
    ...wordsAlternative(
      words.filter((word) => word.length >= STEM_LENGTH),
      "\\p{L}*",
    ),
    ...wordsAlternative(
      words.filter((word) => word.length < STEM_LENGTH),
      "(?!\\p{L})",
    ),
  ].join("|");
/** CLDR's words in the other scripts (those of `words`), but the short Arabic ones: read anywhere. */
const cldrJoined = (words: readonly string[]) =>
  wordsAlternative(
    words.filter((word) => !SHORT_ARABIC.test(word)),
    "",
  ).join("|");

/** What may stand between a phone word and the number: see PHONE_BEFORE. */
const WORD_TO_END = "[^\\n\\d]{0,16}(?:\\n[^\\S\\n]*)?$";

/**
 * A phone word, then up to 16 characters that are neither digits nor a line break, at the end, or
 * before one line break (`Phone:\n+44 …`, "The phone number is \n 01223355017"); or a "number" word
 * at most eight such characters before the end ("my number is ", "Мой номер "); or Chinese `打`
 * (dial) right against the number (`打57201918这个就行`: with words between, it is another 打, 打算, 打完).
 */
const PHONE_BEFORE = new RegExp(
  `(?:${alternatives(LATIN)})(?!\\p{L})${WORD_TO_END}|(?:${alternatives(LATIN_NUMBER)})(?!\\p{L})[^\\n\\d]{0,8}$`,
  "giu",
);
/**
 * PHONE_BEFORE's words in the scripts written without spaces (each holds a character of
 * JOINED_SCRIPTS), read anywhere, asked only of text holding one. PHONE_BEFORE itself has no
 * look-behind at its start (read from a word's start by startsWordIn, as MORE_FROM_WORD_START is):
 * with one, a Greek or Hebrew sentence before each number took it five times as long.
 */
const PHONE_BEFORE_JOINED = new RegExp(
  `(?:${alternatives(JOINED)})${WORD_TO_END}|(?:${alternatives(JOINED_NUMBER)})[^\\n\\d]{0,8}$|打$`,
  "iu",
);
/**
 * PHONE_BEFORE's phone words in more languages, read from a word's start (LATIN_CALL_WORDS', CLDR's
 * spaced ones and short Arabic ones): without a look-behind, as one at the regex's start keeps V8
 * from skipping to the places where a word's first letter stands (about five times slower on a benign
 * text's numbers); wordStartBefore checks the start of each match instead.
 */
const MORE_FROM_WORD_START = new RegExp(
  `(?:(?:${alternatives(LATIN_CALL_WORDS)})(?!\\p{L})|${[
    cldrSpaced(spaced),
    ...wordsAlternative(
      joined.filter((word) => SHORT_ARABIC.test(word)),
      "",
    ),
  ].join("|")})${WORD_TO_END}`,
  "giu",
);
/** The same read anywhere (JOINED_CALL_WORDS', CLDR's joined ones), asked only of text holding JOINED_SCRIPTS. */
const MORE_ANYWHERE = new RegExp(
  `(?:${alternatives(JOINED_CALL_WORDS)}|${cldrJoined(joined)})${WORD_TO_END}`,
  "iu",
);
/** A character of a script of MORE_ANYWHERE's words (Armenian's block on): Latin, Greek and Cyrillic text has none. */
const JOINED_SCRIPTS = /[\u0530-\uffff]/;
const LETTER = /\p{L}/u;

/**
 * Whether a match of `words` (a `g` regex without a look-behind at its start) starts a word of `text`
 * (no letter before it): a look-behind at a regex's start keeps V8 from skipping to the places where
 * one of its first letters stands, five times slower on a sentence of Greek or Hebrew letters.
 */
function startsWordIn(words: RegExp, text: string): boolean {
  words.lastIndex = 0;
  for (let match = words.exec(text); match !== null; match = words.exec(text)) {
    if (!LETTER.test(text[match.index - 1] ?? "")) return true;
    words.lastIndex = match.index + 1;
  }
  return false;
}

/**
 * Whether one of `spaced`'s words (a `g` regex) starts a word of `text`, or, in a text holding
 * JOINED_SCRIPTS, one of `joined`'s (words of scripts written without spaces) stands anywhere in it.
 */
function holdsWord(spaced: RegExp, joined: RegExp, text: string): boolean {
  return startsWordIn(spaced, text) || (JOINED_SCRIPTS.test(text) && joined.test(text));
}

/** Whether one of MORE_FROM_WORD_START's words starts a word of `before` (no letter before it). */
const wordStartBefore = (before: string) => startsWordIn(MORE_FROM_WORD_START, before);

/** Whether `before` ends with a phone word and what may follow it (PHONE_BEFORE), in any of the languages. */
function phoneWordBefore(before: string): boolean {
  return (
    startsWordIn(PHONE_BEFORE, before) ||
    wordStartBefore(before) ||
    (JOINED_SCRIPTS.test(before) && (PHONE_BEFORE_JOINED.test(before) || MORE_ANYWHERE.test(before)))
  );
}

/**
 * A label after the number, as address books and signatures write them: "655 437 108 office",
 * "11987654321 (celular)", "0612345678 portable", "017612345678 Handy".
 */
const LABEL_AFTER =
  /^[\s:,(–-]{0,3}(?:office|fax|mobile|cell|phone|tel|home|work|landline|direct|celular|cel|fixo|telefone|telem[óo]vel|m[óo]vil|fijo|whats(?:app)?|portable|fixe|bureau|domicile|handy|mobil|festnetz|privat|b[üu]ro)\b/i;
/**
 * An extension after the number: "6507018887 ext 897", "… x 897", "… ramal 897", "… poste 12",
 * "… доб. 12", "… 分机 123", "… فرعي 897" (a bare `x` only before three digits or more, as `x 3` multiplies).
 */
const EXTENSION_AFTER =
  /^[\s,]{1,2}(?:(?:ext\.?|extension|ramal|poste|durchwahl|доб\.?|分机|分機|内线|內線|内線|فرعي)\s?\d{1,6}|x\s?\d{3,6})(?!\d)/iu;
/**
 * Verbs after the number, for languages that put them last: "… पर कॉल करें", "…にかけて", "…로 전화",
 * Persian "… تماس بگیرید" (get in touch), Turkish "… numaralı telefondan", "… numarasından" (from the
 * number …: `12 numaralı oda`, room 12, names no phone).
 */
const VERB_AFTER =
  /^[\s'’]{0,2}(?:पर\s*(?:कॉल|फ़ोन|फ\u093cोन|फोन|संपर्क|मैसेज|व्हाट्सएप|डायल)|(?:に|まで)(?:お?電話|かけ|ご?連絡)|(?:으로|로)\s*(?:전화|연락|문자)|تماس\s*(?:بگیر|بگير|حاصل)|[Nn]umaral[ıi]\s+(?:telefon|cep|hat)|[Nn]umaras[ıi]ndan)/u;

/**
 * The number named someone's phone after it: "4155552671 is my cell", "01061629109，这个是预约电话",
 * "07821922219 is the number for your taxi", "01223452587 is the phone number", "… is the contact info",
 * "… is the contact phone number" (or the main, direct, office, home, mobile or cell one), "… to call me", "… é o meu celular", "… es mi
 * número", "…是我的手机号", "…は私の電話番号です", "… ist meine Nummer".
 */
const NAMED_AFTER =
  /^[\s,，]{0,2}(?:(?:这个|这|那个)?是\p{Script=Han}{0,4}(?:电话|電話|手机|手機)|(?:is|was)\s+(?:my|our|his|her|their)\s+(?:new\s+)?(?:phone|cell|mobile|number|contact|landline|whats ?app)|(?:is|was)\s+the\s+(?:(?:(?:contact|main|direct|office|home|mobile|cell)\s+)?(?:phone|telephone|contact)\s+(?:number|info(?:rmation)?|details)|number\s+(?:for|to\s+call))|to\s+(?:call|reach|text|ring)\s+(?:me|us|him|her|them)(?!\p{L})|[ée]\s+o\s+(?:meu\s+|nosso\s+)?(?:telefone|celular|n[úu]mero|whats)|es\s+(?:mi|nuestro)\s+(?:tel[ée]fono|celular|n[úu]mero|m[óo]vil)|ist\s+(?:meine|unsere)\s+(?:nummer|telefonnummer|handynummer)|是(?:我|我们|他|她)的(?:电话|手机|號碼|号码|電話|手機)|は(?:私|わたし|僕)の(?:電話|携帯|番号))/iu;

/**
 * A verb in the past right before the number counts what it did, it names no phone: "It reached
 * 1 234 567 views", "He contacted 3 254 987 customers" ("can be reached at …" still names one).
 */
const COUNTING_VERB_BEFORE = /(?<!\p{L})(?:reached|contacted)\s+$/iu;

/**
 * Turkish `İ` read as `i`: a case-insensitive regex does not fold the dotted capital to `i`, so
 * "İletişim: …" (a sentence's first word) missed "iletişim". One UTF-16 unit for one.
 */
const dotlessCapitalI = (words: string) => (words.includes("İ") ? words.replaceAll("İ", "i") : words);

/** Whether the words around a number at [start, end) of `text` say it is a phone number. */
export function hasPhoneContext(text: string, start: number, end: number): boolean {
  // Each regex needs a word (or 打) after the last digit before, or within four characters after
  // (three separators at most before it): a phone list's numbers are answered without a slice.
  if (!wordCharacterSinceDigit(text, start) && !wordCharacterAfter(text, end, 4)) return false;
  const after = text.slice(end, end + 40);
  const before = dotlessCapitalI(textBefore(text, start));
  return (
    (phoneWordBefore(fromLastDigit(before)) && !COUNTING_VERB_BEFORE.test(before)) ||
    LABEL_AFTER.test(after) ||
    VERB_AFTER.test(after) ||
    NAMED_AFTER.test(after) ||
    EXTENSION_AFTER.test(after) ||
    phoneWordBeforeDate(before)
  );
}

/**
 * A day and month (a year after them or not) and a short word right before the number: `21.6.1984 at `,
 * `06/21 at `, `21.6. um `. The date says when to call; the phone word is before it.
 */
const DATE_BEFORE = /(?<![\d./])\d{1,2}([./])\d{1,2}(?:\1(?:\d{4}|\d{2}))?\.?[^\S\n]+\p{L}{1,5}\.?[^\S\n]+$/u;
/** Where DATE_BEFORE can match: the text from the last digit on is a digit, maybe a dot, and a short word. */
const SHORT_WORD_AFTER_DIGIT = /^\d\.?[^\S\n]+\p{L}{1,5}\.?[^\S\n]+$/u;

/** `Call me on 21.6.1984 at 03 331 6005`: a phone word before a date that stands right before the number. */
function phoneWordBeforeDate(before: string): boolean {
  if (!SHORT_WORD_AFTER_DIGIT.test(fromLastDigit(before))) return false;
  const date = DATE_BEFORE.exec(before);
  if (date === null) return false;
  const earlier = before.slice(0, date.index);
  return phoneWordBefore(fromLastDigit(earlier)) && !COUNTING_VERB_BEFORE.test(earlier);
}

/**
 * A phone word earlier in the same sentence, further back than phoneWordBefore looks: "The phone number
 * for the Broughton House Gallery is 01223314960", "the contact number for the taxi service is …",
 * "The number is …". Weaker than hasPhoneContext: the scorer asks it only of a national number written
 * in one run with its trunk `0` (`01223314960`), which amounts, counts and dates never start with.
 */
const PHONE_WORD_IN_SENTENCE =
  /(?:phone\p{L}*|telephone|tel|number|contact\p{L}*|call(?:ing)?|reach(?:ed)?|dial|mobile|fax|n[úu]mero|telefone|celular)(?!\p{L})/giu;
/** PHONE_WORD_IN_SENTENCE's words in Chinese, asked only of a sentence holding JOINED_SCRIPTS. */
const PHONE_WORD_IN_SENTENCE_JOINED = /电话|電話|号码|號碼|手机|手機|联系/u;
const SENTENCE_LOOKBACK = 64;

export function hasPhoneWordInSentence(text: string, start: number): boolean {
  if (!wordInSentenceBefore(text, start)) return false;
  return holdsWord(PHONE_WORD_IN_SENTENCE, PHONE_WORD_IN_SENTENCE_JOINED, sentenceBefore(text, start));
}

/**
 * Whether a character from `A` up (every phone word's letters and Han characters) stands in the
 * sentence before `start`, read back from it to the sentence's end (`. `, `! `, `? `,
 * `。`, `！`, `？`, line break) within SENTENCE_LOOKBACK: a phone list's line is answered at its line
 * break, without a slice.
 */
function wordInSentenceBefore(text: string, start: number): boolean {
  for (let at = start - 1; at >= Math.max(0, start - SENTENCE_LOOKBACK); at--) {
    const code = text.charCodeAt(at);
    if (code === 0x0a || code === 0x3002 || code === 0xff01 || code === 0xff1f) return false;
    const previous = text.charCodeAt(at - 1);
    const afterStop = previous === 0x2e || previous === 0x21 || previous === 0x3f;
    if (afterStop && SPACE.test(text[at] ?? "")) return false;
    if (code >= 65) return true;
  }
  return false;
}

/**
 * The sentence's text before `start` (within SENTENCE_LOOKBACK characters): after the last sentence end
 * (`.`, `!` or `?` and a space, `。`, `！`, `？` or a line break), found by reading back from `start` (the
 * regex `/.*(?:[.!?]\s|[。！？\n])/s` it replaces tried each start and backtracked: quadratic in the
 * lookback, a few microseconds a number on a megabyte of numbers after a copula).
 */
function sentenceBefore(text: string, start: number): string {
  const before = textBefore(text, start, SENTENCE_LOOKBACK);
  for (let at = before.length - 1; at >= 0; at--) {
    const code = before.charCodeAt(at);
    if (code === 0x0a || code === 0x3002 || code === 0xff01 || code === 0xff1f) return before.slice(at + 1);
    const previous = before.charCodeAt(at - 1);
    if ((previous === 0x2e || previous === 0x21 || previous === 0x3f) && SPACE.test(before[at] ?? ""))
      return before.slice(at + 1);
  }
  return before;
}

/**
 * Where an item of a listing starts and ends: the text's edge, a line break, a tab, `、` or `。`, or
 * `,` `.` `!` `?` `;` before a space (`Punter .   0780…`, `Road , 0122… , cb30lx`) or against Chinese
 * (`有，0105…。`: the scan reads full-width punctuation as ASCII, fold-digits.ts); it ends too where
 * "or", "and" or Chinese 和, 或 join the next number of the list (`你都记一下，57859826和57859828。`).
 */
const ITEM_START = /(?:^|[\n\t、。]|[,.!?;][ \u00a0]|\p{Script=Han}[,!?;:])[ \u00a0]*$/u;
const ITEM_END =
  /^[ \u00a0]*(?:$|[\n\t、。]|[,.!?;](?:\s|$|\p{Script=Han})|(?:(?<!\p{L})(?:or|and|ou|oder)[ \u00a0]+|或者?|和|及)[+(]?\d)/u;
/** How far ITEM_START looks back: a separator and the spaces after it. */
const ITEM_REACH = 8;

/**
 * Whether the number at [start, end) stands apart, an item of its own in a listing, a table row or
 * a reply (`… Road , 01223277977 , cb30lx`, `\t 01223413000 \t`, `有，01058591588。`), not inside
 * running words (`Aufgabe unter 01761234567 abgelegt`) or code (`seed = 01223314960;`), nor
 * alone in its text.
 */
export function standsApart(text: string, start: number, end: number): boolean {
  // A text that is the number alone says nothing of what it is (a form field, a test's input).
  if (standsAlone(text, start, end)) return false;
  return (
    ITEM_START.test(textBefore(text, start, ITEM_REACH)) && ITEM_END.test(text.slice(end, end + ITEM_REACH))
  );
}

/**
 * Whether the number at [start, end) is the whole text, white space aside (a reply, a form field's
 * value); `wrapped`: quotes, brackets, markdown's emphasis or code marks around it aside too
 * (`*01012345678*`, `“01012345678”`, `` `01012345678` ``).
 */
export function standsAlone(text: string, start: number, end: number, wrapped = false): boolean {
  const skipped = wrapped ? WRAPPING : SPACE;
  return blankBefore(text, start, skipped) && blankAfter(text, end, skipped);
}

const SPACE = /\s/;
/** White space, quotes, brackets and markdown's emphasis and code marks: what may wrap a number given alone. */
const WRAPPING = /[\s*_`"'“”‘’„«»()[\]（）「」]/;
/** `text.slice(0, index).trim() === ""` (`skipped`: SPACE), read from `index` back without copying the text. */
function blankBefore(text: string, index: number, skipped = SPACE): boolean {
  let at = index - 1;
  while (at >= 0 && skipped.test(text[at] ?? "")) at--;
  return at < 0;
}
/** `text.slice(index).trim() === ""` (`skipped`: SPACE), read from `index` on. */
function blankAfter(text: string, index: number, skipped = SPACE): boolean {
  let at = index;
  while (at < text.length && skipped.test(text[at] ?? "")) at++;
  return at >= text.length;
}

/**
 * A number given as the answer to a phone word further back in its sentence: "The phone number for
 * our office in Oslo is 22 12 34 56", "Le téléphone du bureau de Genève est 022 123 45 67", "酒店的电话是
 * …". Only phone words themselves count here (not "number", "call" or "contact" alone: "The number of
 * visitors is …"), and only right before the number is it given: `is`, `:`, `是`, and the Romance
 * copulas with the article they take before a number ("El teléfono del hotel es el …", "Le téléphone de
 * l'hôpital est le …", "O telefone da loja é o …", "Il telefono è il …").
 */
const GIVEN_BEFORE =
  /(?:(?<!\p{L})(?:is|are|was|es|est|ist|é|è|är|er|jest|je|это|es\s+el|est\s+le|é\s+o|è\s+il)|['’]s|[:：]|是|为|為|は)\s*$/iu;
const PHONE_NOUN_IN_SENTENCE =
  /(?:phone|telephone|tel[ée]fono|telefone|t[ée]l[ée]phone|telefon\p{L}*|telefoon\p{L}*|mobile|cell(?:phone)?|fax|whats ?app|celular|handy\p{L}*|телефон\p{L}*)(?!\p{L})/giu;
/** PHONE_NOUN_IN_SENTENCE's nouns in scripts written without spaces, asked only of a sentence holding JOINED_SCRIPTS. */
const PHONE_NOUN_IN_SENTENCE_JOINED = /电话|電話|手机|手機|전화|هاتف|फ़ोन|फोन/u;
/** A phone noun in the sentence: PHONE_NOUN_IN_SENTENCE from a word's start, or a joined one. */
const phoneNounIn = (sentence: string) =>
  holdsWord(PHONE_NOUN_IN_SENTENCE, PHONE_NOUN_IN_SENTENCE_JOINED, sentence);

/**
 * GIVEN_BEFORE's copula in more languages, each with its own language's nouns for a phone (searched
 * back in the sentence as PHONE_NOUN_IN_SENTENCE is): a copula only counts after its language's noun,
 * as some are other words elsewhere (English "released on …", "grew — 12345678 units"), and a few
 * nouns are quicker to search than all of CLDR's. A noun regex with the `g` flag is read from a
 * word's start (startsWordIn: no look-behind at its start, which kept V8 from skipping to its first
 * letters); one without (Hebrew, Arabic, Thai: a prefix or no space before the noun) is read anywhere.
 */
const COPULA_AND_NOUN: readonly (readonly [copula: RegExp, noun: RegExp])[] = [
  // Finnish and Estonian `on`: puhelin, telefon (-numero, -number)
  [/(?<!\p{L})on\s*$/iu, /(?:puhelin|telefon)/giu],
  // Latvian `ir`: tālrunis, tālruņa, telefons
  [/(?<!\p{L})ir\s*$/iu, /(?:t[āa]lru[nņ]|telefon)/giu],
  // Lithuanian `yra`: telefonas, telefono
  [/(?<!\p{L})yra\s*$/iu, /telefon/giu],
  // Romanian `este`: telefon, mobil
  [/(?<!\p{L})este\s*$/iu, /(?:telefon|mobil)/giu],
  // Greek `είναι`: τηλέφωνο, τηλεφώνου, κινητό
  [/(?<!\p{L})είναι\s*$/iu, /(?:τηλ[εέ]φ[ωώ]ν|κινητ)/giu],
  // Vietnamese `là`: điện thoại, di động
  [/(?<!\p{L})là\s*$/iu, /(?:đi[ệe]n\s+tho[ạa]i|di\s+đ[ộo]ng)/giu],
  // Indonesian and Malay `adalah`, `ialah`: telepon, telefon, ponsel, handphone
  [/(?<!\p{L})(?:adalah|ialah)\s*$/iu, /(?:telepon|telefon|ponsel|handphone)/giu],
  // Tagalog `ay`: telepono, cellphone
  [/(?<!\p{L})ay\s*$/iu, /(?:telepono|cellphone)/giu],
  // Swahili `ni`: simu
  [/(?<!\p{L})ni\s*$/iu, /simu(?!\p{L})/giu],
  // Hebrew `הוא`, `היא`: טלפון, נייד
  [/(?<!\p{L})(?:הוא|היא)\s*$/u, /טלפון|נייד/u],
  // Arabic `هو`, `هي`: هاتف, جوال, موبايل, تليفون
  [/(?<!\p{L})(?:هو|هي)\s*$/u, /هاتف|جوال|موبايل|تليفون/u],
  // Bulgarian `е`, and the dash Russian and Ukrainian set for "is" (`Номер телефону — …`): телефон
  [/(?:(?<!\p{L})е|[—–])\s*$/iu, /телефон/giu],
  // Thai `คือ`: โทรศัพท์, เบอร์โทร
  [/คือ\s*$/u, /โทรศัพท์|เบอร์โทร/u],
];

/** Any of COPULA_AND_NOUN's copulas: one test for the many numbers after none of them. */
const ANY_COPULA = new RegExp(COPULA_AND_NOUN.map(([copula]) => `(?:${copula.source})`).join("|"), "iu");

export function givenAsPhoneInSentence(text: string, start: number): boolean {
  // GIVEN_BEFORE needs a word, a colon or a dash in the 8 characters before.
  if (!wordCharacterSinceDigit(text, start, 8) && !markBefore(text, start, 8)) return false;
  const before = textBefore(text, start, 8);
  if (GIVEN_BEFORE.test(before)) return phoneNounIn(sentenceBefore(text, start));
  if (!ANY_COPULA.test(before)) return false;
  const own = COPULA_AND_NOUN.find(([copula]) => copula.test(before));
  if (own === undefined) return false;
  const [, noun] = own;
  const sentence = sentenceBefore(text, start);
  return noun.global ? startsWordIn(noun, sentence) : noun.test(sentence);
}

/**
 * A phone named right before the number, as its subject or label: "Their phone is …", "phone number
 * is …", "Telefon: …", "电话号码是…". Narrower than hasPhoneContext (no "call", "contact" or "number"
 * alone, nothing between the word and `is`/`:` but "number"): the scorer asks it of a number valid
 * in no region.
 */
const NAMED_RIGHT_BEFORE =
  /(?:(?<!\p{L})(?:phone|telephone|tel[ée]fono|telefone|t[ée]l[ée]phone|telefon|telefoon|mobile|cell(?:phone)?|fax|celular|handy|телефон)(?:\s+(?:number|no\.?|n[úu]mero|num[ée]ro|nummer|номер))?\s*(?:is|es|est|ist|é|è|är|er|:)|(?:电话|電話|手机|手機)(?:号码|號碼)?\s*(?:是|为|為|:))\s*$/iu;

/** Whether `:`, `—` or `–` stands within `reach` characters before `index`. */
function markBefore(text: string, index: number, reach: number): boolean {
  // Read within reach only (lastIndexOf would search a megabyte back from every number).
  for (let at = index - 1; at >= Math.max(0, index - reach); at--) {
    const code = text.charCodeAt(at);
    if (code === 0x3a || code === 0x2014 || code === 0x2013) return true;
  }
  return false;
}

export function namedPhoneRightBefore(text: string, start: number): boolean {
  return NAMED_RIGHT_BEFORE.test(textBefore(text, start, 40));
}
