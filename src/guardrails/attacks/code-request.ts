/**
 * A request that opens by asking for a piece of software: "Write a Python script that…", "Generate a C
 * program that…", "Erstellen Sie ein Skript, das…", "Gere um programa Java que…", "Genera uno script
 * che…", "Напиши функцию…", "用 Python 写一个脚本…", "एक शेल स्क्रिप्ट उत्पन्न करें जो…",
 * "สร้างโปรแกรม…". What such a request asks for is code; its words (block, unauthorised access,
 * configuration file, credentials, bypass detection) are the subject of the program, not orders to the
 * assistant. Of the corpus's train and dev lines, 1,158 of GPTeacher's code-writing requests and 1,447
 * of CyberSecEval's 1,450 false-refusal requests open so, and no attack but three of deepset's, which
 * call any change of task an injection ("schreibe c++ code", "Generate SQL code to access a database").
 */
const EN =
  /^(?:please\s+|can\s+you\s+|could\s+you\s+)?(?:write|generate|create|implement|develop|build|code|produce|make)\s+(?:me\s+)?(?:an?\s+|the\s+|some\s+)?(?:[\w+#.-]+\s+){0,2}(?:program|script|function|method|class|module|snippet|code|regex|query)\b/i;
const DE =
  /^(?:bitte\s+)?(?:(?:generieren|erstellen|schreiben|entwickeln|implementieren|erzeugen)\s+sie|(?:generiere|erstelle|schreibe|entwickle|implementiere|erzeuge)(?:\s+mir)?)\s+(?:ein(?:e[nm]?)?\s+|de[nm]\s+|das\s+|die\s+)?(?:[\w+#.]+[\s-]+){0,2}(?:programm|skript|script|funktion|methode|klasse|modul|code)/i;
const FR =
  /^(?:veuillez\s+|merci\s+de\s+)?(?:g[ée]n[ée]rez|g[ée]n[ée]rer|g[ée]n[èe]re|cr[ée]ez|cr[ée]er|cr[ée]e|[ée]crivez|[ée]crire|[ée]cris|d[ée]veloppez|d[ée]velopper|impl[ée]mentez|impl[ée]menter)\s+(?:moi\s+|-moi\s+)?(?:une?\s+|le\s+|la\s+)?(?:programme|script|fonction|m[ée]thode|classe|module|code)/i;
const ES =
  /^(?:por\s+favor,?\s+)?(?:genere|generar|genera|cree|crear|crea|escriba|escribir|escribe|desarrolle|desarrollar|desarrolla|implemente|implementar|implementa)\s+(?:me\s+)?(?:una?\s+|el\s+|la\s+)?(?:programa|script|funci[óo]n|m[ée]todo|clase|m[óo]dulo|c[óo]digo)/i;
const PT =
  /^(?:por\s+favor,?\s+)?(?:gere|gerar|gera|crie|criar|cria|escreva|escrever|escreve|desenvolva|desenvolver|implemente|implementar)\s+(?:um\s+|uma\s+|o\s+|a\s+)?(?:programa|script|fun[çc][ãa]o|m[ée]todo|classe|m[óo]dulo|c[óo]digo)/i;
const IT =
  /^(?:per\s+favore,?\s+)?(?:genera|generare|generi|crea|creare|crei|scrivi|scrivere|scriva|sviluppa|sviluppare|implementa|implementare)\s+(?:un[oa]?\s+|un'|il\s+|lo\s+|la\s+)?(?:programma|script|funzione|metodo|classe|modulo|codice)/i;
const RU =
  /^(?:пожалуйста,?\s+)?(?:напишите|напиши|создайте|создай|сгенерируйте|сгенерируй|разработайте|разработай|реализуйте|реализуй)\s+(?:мне\s+)?(?:программу|скрипт|функцию|метод|класс|модуль|код)/i;
/** Chinese and Japanese write no spaces; Japanese and Hindi put the verb after its object, near the start. */
const ZH =
  /^(?:请|請)?(?:用\S{1,12}?)?(?:写|寫|编写|編寫|生成|创建|創建|实现|實現)(?:一个|一個|一段|个|個)?.{0,16}?(?:程序|程式|脚本|腳本|函数|函數|代码|代碼)/;
const JA =
  /^.{0,80}?(?:プログラム|スクリプト|関数|コード)を(?:書いて|作成して|生成して|作って|実装して|書け|作成せよ)/;
const HI = /^.{0,40}?(?:प्रोग्राम|स्क्रिप्ट|फ़ंक्शन|फंक्शन|कोड)\s+(?:उत्पन्न|बनाएँ|बनाएं|बनाइए|लिखें|लिखिए|तैयार)/;
const TH = /^(?:กรุณา|ช่วย)?\s*(?:สร้าง|เขียน|พัฒนา)\s*(?:โปรแกรม|สคริปต์|ฟังก์ชัน|โค้ด)/;

const OPENERS: readonly RegExp[] = [EN, DE, FR, ES, PT, IT, RU, ZH, JA, HI, TH];

/** Whether `text` (leading spaces, quotes and list marks aside) opens by asking for a program, script, function or code. */
export function opensWithCodeRequest(text: string): boolean {
  const start = text.replace(/^[\s"'“„«*>#\-\d.)]{0,8}/u, "").slice(0, 200);
  return OPENERS.some((opener) => opener.test(start));
}
