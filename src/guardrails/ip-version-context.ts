/**
 * Words before a dotted quad that make it a version or a numbered section, not an IP address:
 * validator cannot tell `4.2.1.0` the version from the address, the words before it can. Matched
 * against the text just before the quad (pii-match's textBefore), in the languages the phone labels
 * cover.
 */

/**
 * "version 4.2.1.0", "v 1.2.3.4", "build: 5.15.0.1", `"version": "4.2.1.0"`, `<Version>1.0.0.0`,
 * `AssemblyVersion("1.0.0.0")`, "versión", "versão", "Версия", "版本", "バージョン", "버전", "sürüm",
 * "संस्करण", "الإصدار"; a package named as such ("package 2.0.1.5", "pacote", "paquete", "paquet",
 * "Paket", "пакет", "软件包", "パッケージ", "패키지") and a browser's version ("Chrome 4.0.249.0").
 */
const VERSION_CONTEXT =
  /(?:version|\b(?:v|ver\.?|release|build|firmware|rev|revision|package|pkg|pacote|paquete|paquet|paket|pakiet|chrome|chromium|firefox|safari|opera)|versi[oó]n[e]?|vers[aã]o|versie|wersj[aię]|верси[яиюей]|сборк[аи]|пакет[а-я]?|s[uü]r[uü]m|版本|软件包|安装包|バージョン|パッケージ|버전|패키지|संस्करण|पैकेज|الإصدار|إصدار|phiên bản|gói)["'>]?\s*[:=(]?\s*["']?$/i;

/**
 * "section 8.1.2.4", "RFC 7540 8.1.2.4", "as described in 3.1.4.2", "cf. 2.1.3.4", "§ 3.2.1.4", "Abschnitt", "paragraphe", "sección", "seção",
 * "пункт", "раздел", "第 2.1.3.4 节", "bölüm", "항": a numbered section, not an address.
 */
const SECTION_CONTEXT =
  /(?:\b(?:(?:described|defined|specified|detailed|outlined|explained|discussed|listed|given|shown|stated) in|cf|vgl|section|sect|sec|chapter|ch|clause|para|paragraph|paragraphe|article|art|appendix|annex|table|figure|fig|step|item|rfc\s*\d+|abschnitt|kapitel|absatz|anhang|chapitre|annexe|secci[oó]n|cap[ií]tulo|art[ií]culo|apartado|se[cç]?[cç][aã]o|artigo|sezione|capitolo|articolo|hoofdstuk|bölüm|madde)\.?|§|пункт[а-я]?|раздел[а-я]?|глав[а-я]|стать[а-я]|第|条|节|章|항|절|खंड|अनुच्छेद|القسم|البند)\s*$/i;

/**
 * A .NET or Java package name just before (`Microsoft.AspNetCore.App 2.1.1.0`, "Newtonsoft.Json to
 * 13.0.3.0"): four-part versions are .NET's assembly versions. Host names are written in lower case.
 */
const PACKAGE_BEFORE = /\b[A-Z]\w*(?:\.[A-Z]\w*)+\s+(?:(?:to|from|=)\s+)?$/;

/**
 * A package URL or a scoped package before its `@` (`pkg:npm/left-pad@`, `@types/node@`): a user name
 * before an address's `@` (`root@203.0.113.5`, `ssh://root@`) has no path before it.
 */
const PACKAGE_AT = /[\w.-]\/[\w.-]+@$/;

/** Whether the text before a dotted quad names it a version or a numbered section. */
export function namesAVersionOrSection(before: string): boolean {
  return (
    VERSION_CONTEXT.test(before) ||
    SECTION_CONTEXT.test(before) ||
    PACKAGE_BEFORE.test(before) ||
    PACKAGE_AT.test(before)
  );
}

/** A version of two or three parts (`1.3.1`, `v20.11`), not an address's start, just after "to" or an arrow. */
const TO_VERSION = /^\s*(?:to|->|→|=>)\s+v?\d+\.\d+(?:\.\d+)?(?![\d.]*\.\d)/;
/** The same just before "to" or an arrow, not the end of a dotted quad. */
const VERSION_TO = /(?:^|[^\w.])v?\d+\.\d+(?:\.\d+)?\s+(?:to|->|→|=>)\s+$/;
/** Two dotted quads are not, but `1.2.3.4.5`'s tail is: room for the version and the word. */
const PAIR_REACH = 24;

/**
 * A dotted quad changed from or to a version of another shape: "from 1.1.1.23 to 3.0.13", "2.4.1 →
 * 2.5.0.3". An address is changed for an address (`from 8.8.8.8 to 1.1.1.1`), never for a version.
 */
export function pairedWithAVersion(text: string, start: number, end: number): boolean {
  return (
    TO_VERSION.test(text.slice(end, end + PAIR_REACH)) ||
    VERSION_TO.test(text.slice(Math.max(0, start - PAIR_REACH), start))
  );
}
