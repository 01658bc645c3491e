import { describe, expect, it } from "vitest";
import {
  type Dialogue,
  dialogueHalf,
  dialogueLines,
  readDialogues,
} from "../../scripts/guardrails/extract-dialogues.js";

// The dialogue dev sources' extractor (scripts/guardrails/extract-dialogues.ts), on small files
// written here in ConvLab-2's forms of CrossWOZ and MultiWOZ.
describe("dialogue lines (CrossWOZ and MultiWOZ as ConvLab-2 ships them)", () => {
  const context = { source: "fixture", split: "dev" as const, licence: "MIT" };
  const crosswoz = JSON.stringify({
    "1": {
      messages: [
        {
          content: "电话是010-84378966,010-84378963。",
          dialog_act: [["Inform", "景点", "电话", "010-84378966 010-84378963"]],
        },
        { content: "门票是50元。", dialog_act: [["Inform", "景点", "门票", "50元"]] },
        { content: "那你记一下，56171999。", dialog_act: [] },
        { content: "你好。", dialog_act: [] },
      ],
    },
  });
  const multiwoz = JSON.stringify({
    SNG1: {
      log: [
        {
          text: "the contact number is 0 7 4 6 2 8 4 7 7 3 5 .",
          dialog_act: { "Taxi-Inform": [["Phone", "0 7 4 6 2 8 4 7 7 3 5"]] },
        },
        {
          text: "Their postcode is cb58hy .",
          dialog_act: {
            "Hotel-Inform": [
              ["Post", "cb58hy"],
              ["Phone", "58"],
            ],
          },
        },
        { text: "The number is 01223367660 .", dialog_act: { "Hotel-Inform": [["Phone", "01223 367660"]] } },
      ],
    },
  });

  it("labels phone values found in the turn with their spans, other act values' digits as negatives", () => {
    const lines = dialogueLines(readDialogues(crosswoz, "crosswoz"), "crosswoz", "val.json.zip", context);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      positive: true,
      types: ["PHONE_NUMBER"],
      language: "Chinese",
      spans: [
        ["PHONE_NUMBER", 3, 15],
        ["PHONE_NUMBER", 16, 28],
      ],
      source: `fixture-${dialogueHalf("1")}`,
      origin: "val.json.zip 1 turn 0",
    });
    expect(lines[1]).toMatchObject({ positive: false, types: [] });
    expect(lines[1]?.excluded).toBeUndefined();
    expect(lines[2]).toMatchObject({ positive: false, excluded: "weak" });
  });

  it("reads a spaced value as one number, drops short values, and leaves out values not in the text", () => {
    const lines = dialogueLines(readDialogues(multiwoz, "multiwoz"), "multiwoz", "val.json.zip", context);
    expect(lines.map((line) => [line.positive, line.excluded ?? "", line.language])).toEqual([
      [true, "", "English"],
      [false, "", "English"],
      [false, "weak", "English"],
    ]);
  });

  it("splits dialogues into two halves by id, and keeps a text of half a out of half b", () => {
    const ids = Array.from({ length: 200 }, (_, index) => `D${index}`);
    const a = ids.filter((id) => dialogueHalf(id) === "a").length;
    expect(a).toBeGreaterThan(70);
    expect(a).toBeLessThan(130);
    const idA = ids.find((id) => dialogueHalf(id) === "a") ?? "";
    const idB = ids.find((id) => dialogueHalf(id) === "b") ?? "";
    const turn = { text: "电话是65686553。", acts: [["电话", "65686553"]] as [string, string][] };
    const dialogues: Dialogue[] = [
      { id: idB, turns: [turn] },
      { id: idA, turns: [turn] },
    ];
    const lines = dialogueLines(dialogues, "crosswoz", "f", context);
    expect(lines.map((line) => line.source)).toEqual(["fixture-a"]);
  });

  it("reads the Schema-Guided Dialogue's form: actions' values and slot spans label a turn", () => {
    const utterance = "Their number is +44 20 7402 0281 and the rating is 4.3.";
    const sgd = JSON.stringify([
      {
        dialogue_id: "1_00000",
        turns: [
          {
            speaker: "SYSTEM",
            utterance,
            frames: [
              {
                actions: [
                  { act: "INFORM", slot: "phone_number", values: ["+44 20 7402 0281"] },
                  { act: "INFORM", slot: "rating", values: ["4.3"] },
                ],
                slots: [{ slot: "phone_number", start: 16, exclusive_end: 32 }],
              },
            ],
          },
          {
            speaker: "USER",
            utterance: "Book it at 6:30 pm for 2 people.",
            frames: [
              {
                actions: [
                  { act: "INFORM", slot: "time", values: ["6:30 pm"] },
                  { act: "INFORM", slot: "party_size", values: ["2"] },
                ],
                slots: [{ slot: "time", start: 11, exclusive_end: 18 }],
              },
            ],
          },
          {
            speaker: "USER",
            utterance: "Call me on 415 555 0132 then.",
            frames: [{ actions: [{ act: "REQUEST", slot: "phone_number", values: [] }], slots: [] }],
          },
        ],
      },
    ]);
    const lines = dialogueLines(readDialogues(sgd, "sgd"), "sgd", "dev/dialogues_001.json", context);
    expect(lines.map((line) => [line.positive, line.excluded ?? "", line.language])).toEqual([
      [true, "", "English"],
      [false, "", "English"],
      [false, "weak", "English"],
    ]);
    expect(lines[0]).toMatchObject({
      spans: [["PHONE_NUMBER", 16, 32]],
      source: `fixture-${dialogueHalf("1_00000")}`,
      origin: "dev/dialogues_001.json 1_00000 turn 0",
    });
  });

  it("reads X-RiSAWOZ's form: the user's and the system's sides of a turn, labelled by their acts, in the language named", () => {
    const system = "D'accord, c'est le 0512-1234567 et l'entrée coûte 40 yuans.";
    const risawoz = JSON.stringify([
      {
        dialogue_id: "attraction_goal_1-1###1",
        dialogue: [
          {
            turn_id: 0,
            user_utterance: ["Quel est son numéro de téléphone et le prix ?", {}],
            system_utterance: [system, { "Attraction-phone number": { "0512-1234567": [[0, 12]] } }],
            user_actions: [
              ["Request", "Attraction", "phone number", ""],
              ["Request", "Attraction", "ticket price", ""],
            ],
            system_actions: [
              ["Inform", "Attraction", "phone number", "0512-1234567"],
              ["Inform", "Attraction", "ticket price", "40 yuans"],
            ],
          },
          {
            turn_id: 1,
            user_utterance: ["Et pour 3 personnes ?", {}],
            system_utterance: ["Appelez le 0512-7654321.", {}],
            user_actions: [["Inform", "Attraction", "people", "3"]],
            system_actions: [["Inform", "Attraction", "phone number", "0512-7654321"]],
          },
        ],
      },
    ]);
    const lines = dialogueLines(
      readDialogues(risawoz, "risawoz"),
      "risawoz",
      "fr_fewshot.json",
      context,
      "French",
    );
    expect(lines.map((line) => [line.text, line.positive, line.language])).toEqual([
      [system, true, "French"],
      ["Et pour 3 personnes ?", false, "French"],
      ["Appelez le 0512-7654321.", true, "French"],
    ]);
    // The span from the act's value, not the utterance's slot offsets ([0, 12] here), which in the
    // translated files are often those of the text before translation.
    expect(lines[0]?.spans).toEqual([["PHONE_NUMBER", system.indexOf("0512"), system.indexOf("0512") + 12]]);
    expect(lines[0]?.origin).toBe("fr_fewshot.json attraction_goal_1-1###1 turn 1");
  });

  it("reads RiSAWOZ's Chinese original (plain-string utterances, word-segmented values) and the hospital's phone slot", () => {
    const side = (text: string, actions: string[][]) => ({
      turn_id: 0,
      user_utterance: "好的。",
      system_utterance: text,
      user_actions: [],
      system_actions: actions,
    });
    const risawoz = JSON.stringify([
      {
        dialogue_id: "Hospital_goal_1-1###1",
        dialogue: [
          // The Chinese original's act values are word-segmented: `0512 - 65323488`, `340 元`.
          side("电话号码是0512-65323488。", [["Inform", "景点", "电话号码", "0512 - 65323488"]]),
          side("房费是340元。", [["Inform", "酒店", "价格", "340 元"]]),
          side("电话是139-6217-0368。", [["Inform", "餐厅", "电话号码", "139 - 6217 - 0368"]]),
          side("这家医院的电话是62629999。", [["Inform", "医院", "电话", "62629999"]]),
          side("The phone number of this hospital is 62629999.", [
            ["Inform", "Hospital", "phone", "62629999"],
          ]),
        ],
      },
    ]);
    const lines = dialogueLines(
      readDialogues(risawoz, "risawoz"),
      "risawoz",
      "zh_fewshot.json",
      context,
      "Chinese",
    );
    expect(lines.map((line) => [line.text, line.positive, line.excluded])).toEqual([
      ["电话号码是0512-65323488。", true, undefined],
      ["房费是340元。", false, undefined],
      ["电话是139-6217-0368。", true, undefined],
      ["这家医院的电话是62629999。", true, undefined],
      ["The phone number of this hospital is 62629999.", true, undefined],
    ]);
  });
});
