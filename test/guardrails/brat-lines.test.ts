import { describe, expect, it } from "vitest";
import { bratLines, readBratSpans } from "../../scripts/guardrails/extract-brat.js";
import { dialogueHalf } from "../../scripts/guardrails/extract-dialogues.js";

// The BRAT standoff dev source's extractor (scripts/guardrails/extract-brat.ts), on small documents
// written here in the format: a form's fields, a paragraph and a signature line.
describe("BRAT standoff lines", () => {
  const context = { source: "fixture", split: "dev" as const, licence: "CC BY 4.0" };
  const claimed = { TELEFONO: "PHONE_NUMBER", FAX: "PHONE_NUMBER", CORREO: "EMAIL_ADDRESS" };
  const text = [
    "Ficha del caso.",
    "Registro: 1234567.",
    "Acude a los 40 años con fiebre de 39 grados.",
    "Contacto: Dra. Ruiz, Tel.: 900 111 222, Fax: 900 111 223, correo: ruiz@example.org",
    "Sin hallazgos.",
  ].join("\n");
  const at = (part: string) => text.indexOf(part);
  const ann = [
    `T1\tID ${at("1234567")} ${at("1234567") + 7}\t1234567`,
    `T2\tEDAD ${at("40 años")} ${at("40 años") + 7}\t40 años`,
    `T3\tTELEFONO ${at("900 111 222")} ${at("900 111 222") + 11}\t900 111 222`,
    `T4\tFAX ${at("900 111 223")} ${at("900 111 223") + 11}\t900 111 223`,
    `T5\tCORREO ${at("ruiz@")} ${at("ruiz@") + 16}\truiz@example.org`,
    `T6\tNOMBRE ${at("Ruiz,")} ${at("Ruiz,") + 4}\tRuiz`,
    "R1\tRelacion Arg1:T1 Arg2:T2",
    "#1\tAnnotatorNotes T1\tnota",
  ].join("\n");

  it("reads text-bound annotations, discontinuous ones as their fragments", () => {
    expect(readBratSpans("T1\tX 0 4\tabcd\nT2\tY 10 14;17 20\tab cd\nR1\tR Arg1:T1 Arg2:T2")).toEqual([
      { type: "X", start: 0, end: 4 },
      { type: "Y", start: 10, end: 14 },
      { type: "Y", start: 17, end: 20 },
    ]);
  });

  it("labels each line with a digit by the claimed annotations in it, with spans from the line's start", () => {
    const lines = bratLines([{ id: "case-1", text, ann }], claimed, "Spanish", "brat", context);
    expect(lines.map((line) => line.text)).toEqual([
      "Registro: 1234567.",
      "Acude a los 40 años con fiebre de 39 grados.",
      "Contacto: Dra. Ruiz, Tel.: 900 111 222, Fax: 900 111 223, correo: ruiz@example.org",
    ]);
    const half = dialogueHalf("case-1");
    expect(lines[0]).toMatchObject({
      positive: false,
      types: [],
      unclaimed: ["ID"],
      source: `fixture-${half}`,
    });
    expect(lines[1]).toMatchObject({ positive: false, unclaimed: ["EDAD"], language: "Spanish" });
    const contact = lines[2]?.text ?? "";
    expect(lines[2]).toMatchObject({
      positive: true,
      types: ["EMAIL_ADDRESS", "PHONE_NUMBER"],
      unclaimed: ["NOMBRE"],
      origin: "brat/case-1 line 3",
      spans: [
        ["PHONE_NUMBER", contact.indexOf("900 111 222"), contact.indexOf("900 111 222") + 11],
        ["PHONE_NUMBER", contact.indexOf("900 111 223"), contact.indexOf("900 111 223") + 11],
        ["EMAIL_ADDRESS", contact.indexOf("ruiz@"), contact.indexOf("ruiz@") + 16],
      ],
    });
  });

  it("takes a line from half b only when half a has no line of the same text", () => {
    // Two documents in different halves holding the same line.
    const ids = ["doc-1", "doc-2", "doc-3", "doc-4", "doc-5", "doc-6"];
    const inA = ids.find((id) => dialogueHalf(id) === "a") ?? "";
    const inB = ids.find((id) => dialogueHalf(id) === "b") ?? "";
    const documents = [inB, inA].map((id) => ({ id, text: "Registro: 1234567.", ann: "" }));
    const lines = bratLines(documents, claimed, "Spanish", "brat", context);
    expect(lines.map((line) => line.source)).toEqual(["fixture-a"]);
  });
});
