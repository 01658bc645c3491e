import validator from "validator";
import type { PiiMatch } from "./pii-match.js";

/**
 * Brazilian CPF (a person's taxpayer number) and CNPJ (a company's), and the Portuguese NIF, each
 * confirmed by its check digits (mod 11, validator's isTaxID). A CPF or CNPJ written as it is printed
 * (`123.456.789-09`, `11.222.333/0001-81`) needs no label; bare digits count only after their name
 * ("CPF 52998224725", "NIF: 123 456 789"), since eleven or nine digits alone are as often a phone
 * number or an order.
 */
const PRINTED = /\d{2,3}\.\d{3}\.\d{3}(?:-\d{2}|\/\d{4}-\d{2})(?![\w/]|[.-]\d)/g;
const LABELLED =
  /(cpf|cnpj|nif|nipc|contribuinte)(?!\p{L})[^\n\d]{0,16}?(\d(?:[\d./ -]{7,18})\d)(?![\w/]|[.-]\d)/giu;
/**
 * What may not come just before a number or its label (checked in code: a leading look-behind is
 * tried at every character of the text): a letter or digit, or a dot, slash or dash joining more.
 */
const NUMBER_JOINED = /[\w./-]/;
const WORD_JOINED = /[\p{L}\d]/u;
const NON_DIGIT = /\D/g;
const PRINTED_SCORE = 0.9;
const LABELLED_SCORE = 0.95;

export function findNationalIds(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  PRINTED.lastIndex = 0;
  for (let found = PRINTED.exec(text); found !== null; found = PRINTED.exec(text)) {
    if (NUMBER_JOINED.test(text[found.index - 1] ?? "")) continue;
    const digits = found[0].replace(NON_DIGIT, "");
    const type = digits.length === 11 ? "br_cpf" : "br_cnpj";
    if (type === "br_cpf" ? isCpf(digits) : isCnpj(digits))
      matches.push({ type, start: found.index, end: found.index + found[0].length, score: PRINTED_SCORE });
  }
  LABELLED.lastIndex = 0;
  for (let found = LABELLED.exec(text); found !== null; found = LABELLED.exec(text)) {
    if (WORD_JOINED.test(text[found.index - 1] ?? "")) continue;
    const value = found[2] ?? "";
    const type = labelledType((found[1] ?? "").toLowerCase(), value.replace(NON_DIGIT, ""));
    if (type === undefined) continue;
    const start = found.index + found[0].length - value.length;
    if (!matches.some((match) => match.start === start))
      matches.push({ type, start, end: start + value.length, score: LABELLED_SCORE });
  }
  return matches;
}

function labelledType(label: string, digits: string): string | undefined {
  if (label === "cpf") return digits.length === 11 && isCpf(digits) ? "br_cpf" : undefined;
  if (label === "cnpj") return digits.length === 14 && isCnpj(digits) ? "br_cnpj" : undefined;
  return digits.length === 9 && isNif(digits) ? "pt_nif" : undefined;
}

const REPEATED = /^(\d)\1+$/;

/** CPF: nine digits and two check digits (validator's pt-BR tax id, which reads 11 digits as a CPF). */
export function isCpf(digits: string): boolean {
  return digits.length === 11 && validator.isTaxID(digits, "pt-BR");
}

/** CNPJ: twelve digits and two check digits (validator's pt-BR tax id, which reads 14 digits as a CNPJ). */
export function isCnpj(digits: string): boolean {
  return digits.length === 14 && validator.isTaxID(digits, "pt-BR");
}

/** 1-3 people, 45 non-residents, 5 companies, 6 the state, 7 and 9 other bodies, 8 sole traders. */
const NIF_FIRST = /^(?:[1235-9]|45)/;

/**
 * Portuguese NIF/NIPC: eight digits and a check digit (validator's pt-PT tax id); the first digit
 * names the kind, which validator does not check, and a repeated digit is never issued.
 */
export function isNif(digits: string): boolean {
  if (digits.length !== 9 || !NIF_FIRST.test(digits) || REPEATED.test(digits)) return false;
  return validator.isTaxID(digits, "pt-PT");
}
