import { describe, expect, it } from "vitest";
import { DEFAULT_PHONE_REGIONS, DEFAULT_THRESHOLDS } from "../../src/guardrails/config.js";
import { createGuardrails } from "../../src/guardrails/index.js";
import { createPiiDetector } from "../../src/guardrails/pii.js";
import { isCnpj, isCpf, isNif } from "../../src/guardrails/pii-national-ids.js";

// Brazilian CPF/CNPJ and Portuguese NIF (session 9, dev lines in
// scripts/guardrails/authored/pii-id-dev.txt): check digits decide, labels decide for bare digits.
const pii = createPiiDetector({ phoneRegions: DEFAULT_PHONE_REGIONS });
const reported = (text: string) =>
  pii
    .scan(text)
    .filter((finding) => finding.score >= DEFAULT_THRESHOLDS.pii)
    .map((finding) => `${finding.type}:${text.slice(finding.start, finding.end)}`);

describe("check digits", () => {
  it("accepts numbers whose mod-11 digits match, and refuses one digit off or all the same", () => {
    expect([isCpf("52998224725"), isCpf("52998224726"), isCpf("11111111111")]).toEqual([true, false, false]);
    expect([isCnpj("11222333000181"), isCnpj("11222333000180"), isCnpj("00000000000000")]).toEqual([
      true,
      false,
      false,
    ]);
    expect([isNif("501964843"), isNif("501964840"), isNif("401964843")]).toEqual([true, false, false]);
  });
});

describe("pii: CPF, CNPJ and NIF", () => {
  it("finds a CPF or CNPJ printed as it is printed, with or without its name", () => {
    expect(reported("Beneficiário 285.716.093-30 — pagamento aprovado.")).toEqual(["br_cpf:285.716.093-30"]);
    expect(reported("Emitente: 07.625.198/0001-48")).toEqual(["br_cnpj:07.625.198/0001-48"]);
    expect(reported('{"cpf":"611.049.372-47"}')).toEqual(["br_cpf:611.049.372-47"]);
  });
  it("finds bare digits only after their name", () => {
    expect(reported("Informe o CPF 52998224725 no cadastro.")).toEqual(["br_cpf:52998224725"]);
    expect(reported("cnpj 45211934000291")).toEqual(["br_cnpj:45211934000291"]);
    expect(reported("NIF: 123 456 789")).toEqual(["pt_nif:123 456 789"]);
    expect(reported("Contribuinte n.º 501 964 843")).toEqual(["pt_nif:501 964 843"]);
  });
  it("leaves wrong check digits, other ids, the same digits unlabelled, and phone numbers", () => {
    for (const text of [
      "CPF 123.456.789-00, CNPJ 12.345.678/0001-90, NIF 123456780",
      "Protocolo 123.456.789-10; código 529.982.247-26",
      "Encomenda 501964843 enviada; pedido 52998224725",
      "Processo nº 0001234-56.2023.8.26.0100; Lei nº 13.709/2018",
      "O CPF deve ter 11 dígitos e o CNPJ 14 dígitos.",
    ]) {
      expect(reported(text), text).toEqual([]);
    }
    expect(reported("Telefone 912 345 678")).toEqual(["phone:912 345 678"]);
  });
  it("redacts and restores them with typed placeholders", () => {
    const guardrails = createGuardrails();
    const check = guardrails.check({ text: "CPF 390.533.447-05, NIF 158739248", direction: "input" });
    expect([check.action, check.redactedText]).toEqual(["redact", "CPF [BR_CPF_1], NIF [PT_NIF_1]"]);
    expect(guardrails.restore("ok [BR_CPF_1]", check.placeholders)).toBe("ok 390.533.447-05");
  });
});
