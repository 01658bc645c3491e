/**
 * Words before a dotted quad that make it a version or a numbered section, not an IP address:
 * validator cannot tell `4.2.1.0` the version from the address, the words before it can. Matched
 * against the text just before the quad (pii-match's textBefore), in the languages the phone labels
 * cover.
 */

/**
 * "version 4.2.1.0", "v 1.2.3.4", "build: 5.15.0.1", `"version": "4.2.1.0"`, `<Version>1.0.0.0`,
 * `AssemblyVersion("1.0.0.0")`, "versión", "versão", "Версия", "版本", "バージョン", "버전", "sürüm",
 * "संस्करण", "الإصدار".
 */
const VERSION_CONTEXT =
  /(?:version|\b(?:v|ver\.?|release|build|firmware|rev|revision)|versi[oó]n[e]?|vers[aã]o|versie|wersj[aię]|верси[яиюей]|сборк[аи]|s[uü]r[uü]m|版本|バージョン|버전|संस्करण|الإصدار|إصدار)["'>]?\s*[:=(]?\s*["']?$/i;

/**
 * "section 8.1.2.4", "RFC 7540 8.1.2.4", "§ 3.2.1.4", "Abschnitt", "paragraphe", "sección", "seção",
 * "пункт", "раздел", "第 2.1.3.4 节", "bölüm", "항": a numbered section, not an address.
 */
const SECTION_CONTEXT =
  /(?:\b(?:section|sect|sec|chapter|ch|clause|para|paragraph|paragraphe|article|art|appendix|annex|table|figure|fig|step|item|rfc\s*\d+|abschnitt|kapitel|absatz|anhang|chapitre|annexe|secci[oó]n|cap[ií]tulo|art[ií]culo|apartado|se[cç]?[cç][aã]o|artigo|sezione|capitolo|articolo|hoofdstuk|bölüm|madde)\.?|§|пункт[а-я]?|раздел[а-я]?|глав[а-я]|стать[а-я]|第|条|节|章|항|절|खंड|अनुच्छेद|القسم|البند)\s*$/i;

/**
 * A .NET or Java package name just before (`Microsoft.AspNetCore.App 2.1.1.0`, "Newtonsoft.Json to
 * 13.0.3.0"): four-part versions are .NET's assembly versions. Host names are written in lower case.
 */
const PACKAGE_BEFORE = /\b[A-Z]\w*(?:\.[A-Z]\w*)+\s+(?:(?:to|from|=)\s+)?$/;

/** Whether the text before a dotted quad names it a version or a numbered section. */
export function namesAVersionOrSection(before: string): boolean {
  return VERSION_CONTEXT.test(before) || SECTION_CONTEXT.test(before) || PACKAGE_BEFORE.test(before);
}
