import { describe, expect, it } from "vitest";
import {
  extractAndroidGoals,
  extractApiBankTurns,
  extractClincOrders,
  extractDbTasks,
  extractHwuOrders,
  extractOsTasks,
  extractShoppingGoals,
  userTurns,
} from "../../../scripts/guardrails/extract-agent-orders.js";
import { extractRoleplayRequests } from "../../../scripts/guardrails/extract-roleplay.js";
import {
  dialogueTurns,
  extractTau2Scenarios,
  extractTauBriefs,
  extractTauDialogues,
} from "../../../scripts/guardrails/extract-tau-bench.js";
import { pythonAssignments, pythonDicts } from "../../../scripts/guardrails/python-literals.js";

// The attack corpus's extractors of agent requests, role briefs and role-play requests, on small
// files written here in each source's format.
const dialogue = (display: string) => JSON.stringify({ messages_display: display });

describe("τ-bench few-shot dialogues", () => {
  const display = [
    "user: Hi, I want to exchange the mouse in order #W7273336 for a white one.",
    "assistant: Sure. Could you give me your email?\n\nI need it to find your account.",
    "user: It's omar.lopez1868@example.com.",
    "assistant: None",
    'tool: {"order_id": "#W7273336", "status": "delivered"}',
    "user: Thanks, that's all. ###STOP###",
  ].join("\n");

  it("cuts a dialogue into its turns, a turn's own line breaks kept", () => {
    const turns = dialogueTurns(display);
    expect(turns.map((turn) => turn.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "tool",
      "user",
    ]);
    expect(turns[1]?.text).toBe("Sure. Could you give me your email?\n\nI need it to find your account.");
    expect(() => dialogueTurns("customer: hello")).toThrow(/without a role/);
  });

  it("keeps the customers' turns as user lines and the tools' outputs as tool results, without the stop marker", () => {
    const lines = extractTauDialogues([{ jsonl: `${dialogue(display)}\n`, split: "dev" }]);
    expect(lines).toEqual([
      {
        text: "Hi, I want to exchange the mouse in order #W7273336 for a white one.",
        kind: "benign",
        split: "dev",
        lang: "en",
      },
      { text: "It's omar.lopez1868@example.com.", kind: "benign", split: "dev", lang: "en" },
      {
        text: '{"order_id": "#W7273336", "status": "delivered"}',
        kind: "benign",
        split: "dev",
        context: "tool_result",
        lang: "en",
      },
      { text: "Thanks, that's all.", kind: "benign", split: "dev", lang: "en" },
    ]);
  });

  it("puts every third dialogue of a train+dev file on dev", () => {
    const jsonl = [0, 1, 2, 3, 4, 5].map((index) => dialogue(`user: request number ${index}`)).join("\n");
    const lines = extractTauDialogues([{ jsonl, split: "train+dev" }]);
    expect(lines.map((line) => line.split)).toEqual(["train", "train", "dev", "train", "train", "dev"]);
    expect(() => extractTauDialogues([{ jsonl: "{}", split: "dev" }])).toThrow(/no messages_display/);
  });
});

describe("τ-bench task briefs and τ²-bench scenarios", () => {
  const tasksPy = `
from tau_bench.types import Task, Action
TASKS = [
    Task(
        user_id="olivia_ito_3591",
        instruction="Your name is Olivia Ito. You want to cancel order #W5442520.",
        actions=[Action(name="cancel_pending_order", kwargs={"order_id": "#W5442520"})],
    ),
    {"user_id": "mia_li_3668", "instruction": "Your user id is mia_li_3668. You want to fly to Seattle."},
    Task(user_id="x", instruction=open("/etc/passwd").read()),
]
`;

  it("reads the instruction literals of calls and dicts, never running the file", () => {
    const instructions = pythonDicts(tasksPy, "instruction", undefined, { keywords: true }).map(
      (entry) => entry.text,
    );
    expect(instructions.sort()).toEqual([
      "Your name is Olivia Ito. You want to cancel order #W5442520.",
      "Your user id is mia_li_3668. You want to fly to Seattle.",
    ]);
    // Without `keywords`, calls are not read: the sources read as dicts before stay as they were.
    expect(pythonDicts(tasksPy, "instruction").map((entry) => entry.text)).toEqual([
      "Your user id is mia_li_3668. You want to fly to Seattle.",
    ]);
  });

  it("labels briefs benign user lines on their file's side", () => {
    expect(
      extractTauBriefs([{ instructions: ["You are Ethan Garcia. You want a refund."], split: "dev" }]),
    ).toEqual([
      { text: "You are Ethan Garcia. You want a refund.", kind: "benign", split: "dev", lang: "en" },
    ]);
  });

  it("reads τ²-bench's user scenarios and refuses one that is not a text", () => {
    const text = "You are playing the role of a customer contacting a customer service representative agent.";
    expect(
      extractTau2Scenarios([{ id: "task_001", user_scenario: { instructions: text } }], "train"),
    ).toEqual([{ text, kind: "benign", split: "train", lang: "en" }]);
    expect(() =>
      extractTau2Scenarios(
        [{ id: "task_002", user_scenario: { instructions: { reason_for_call: "x" } } }],
        "train",
      ),
    ).toThrow(/task_002/);
  });
});

describe("GPTeacher role-play requests", () => {
  it("joins a request and its input, puts every third block of 100 rows on dev, and leaves out the reserved form", () => {
    const rows = Array.from({ length: 300 }, (_, index) => ({
      instruction: `Imagine you are a pirate, number ${index}.`,
      input: "",
    }));
    rows[0] = { instruction: "Pretend you are Jane Goodall.", input: " Why should I care about forests? " };
    rows[1] = { instruction: "I want you to act as a travel guide.", input: "" };
    const lines = extractRoleplayRequests(rows);
    expect(lines[0]).toEqual({
      text: "Pretend you are Jane Goodall.\nWhy should I care about forests?",
      kind: "benign",
      split: "train",
      lang: "en",
    });
    expect(lines).toHaveLength(299);
    expect(lines.some((line) => line.text.startsWith("I want you to act as"))).toBe(false);
    expect(lines.filter((line) => line.split === "dev").map((line) => line.text)).toEqual(
      Array.from({ length: 100 }, (_, index) => `Imagine you are a pirate, number ${index + 200}.`),
    );
  });
});

describe("orders to an assistant or agent (CLINC150, HWU64, ToolSandbox, ToolTalk, API-Bank, AgentBench)", () => {
  it("keeps every third utterance of CLINC150's action intents, split by intent", () => {
    const transfer = (index: number): [string, string] => [
      `move $${index} from savings to checking`,
      "transfer",
    ];
    const lines = extractClincOrders({
      train: [transfer(1), ["what is my balance", "balance"], transfer(2), transfer(3)],
      val: [transfer(4), ["text ann that i am late", "text"]],
      test: [
        ["rename yourself to betty", "change_ai_name"],
        ["block my chase account", "freeze_account"],
      ],
    });
    expect(lines.map((line) => [line.text, line.split])).toEqual([
      ["move $1 from savings to checking", "dev"],
      ["move $4 from savings to checking", "dev"],
      ["text ann that i am late", "dev"],
      ["rename yourself to betty", "dev"],
      ["block my chase account", "train"],
    ]);
  });

  it("keeps HWU64's action intents, split by intent", () => {
    const lines = extractHwuOrders([
      {
        test_data_annotation: [
          { text: "send an email to kate saying i will be late", intent: "email_sendemail" },
          { text: "what is the weather", intent: "weather_query" },
          { text: "wake me up at seven", intent: "alarm_set" },
        ],
      },
    ]);
    expect(lines.map((line) => [line.text, line.split])).toEqual([
      ["send an email to kate saying i will be late", "dev"],
      ["wake me up at seven", "dev"],
    ]);
    expect(extractHwuOrders([{ x: [{ text: "cancel the alarm", intent: "alarm_remove" }] }])[0]?.split).toBe(
      "train",
    );
  });

  it("reads ToolSandbox's user messages to the agent only: plain strings, not the system's or the agent's", () => {
    const scenario = `
messages = [
    {"sender": RoleType.SYSTEM, "recipient": RoleType.USER, "content": USER_INSTRUCTION + "Text Ann"},
    {"sender": RoleType.USER, "recipient": RoleType.AGENT, "content": "Send a message to Ann saying: "
        "running late"},
    {"sender": RoleType.AGENT, "recipient": RoleType.USER, "content": "Message sent"},
    {"sender": RoleType.USER, "recipient": RoleType.AGENT, "content": f"Remove id {uuid}"},
]
`;
    const where = { sender: "RoleType.USER", recipient: "RoleType.AGENT" };
    expect(pythonDicts(scenario, "content", undefined, { where })).toEqual([
      { text: "Send a message to Ann saying: running late", flag: null },
    ]);
  });

  it("keeps the user's turns of ToolTalk's and API-Bank's dialogues, API-Bank's split by the first API", () => {
    const turns = [
      { role: "user", text: "Send Jeff the invoice e-mail" },
      { role: "assistant", text: "Done." },
      { role: "api" },
    ];
    expect(userTurns(turns, "dev")).toEqual([
      { text: "Send Jeff the invoice e-mail", kind: "benign", split: "dev", lang: "en" },
    ]);
    const dialogue = (text: string) =>
      [JSON.stringify({ role: "User", text }), JSON.stringify({ role: "AI", text: "Sure." })].join("\n");
    const lines = extractApiBankTurns([
      { path: "samples/OpenBankAccount-level-1-1.jsonl", jsonl: dialogue("Open an account for user4") },
      { path: "samples/AddAlarm-QueryAlarm-level-2-1.jsonl", jsonl: dialogue("Wake me at 7") },
      { path: "samples/DeleteAccount-level-1-1.jsonl", jsonl: dialogue("Delete my account") },
    ]);
    expect(lines.map((line) => [line.text, line.split])).toEqual([
      ["Open an account for user4", "dev"],
      ["Wake me at 7", "train"],
      ["Delete my account", "dev"],
    ]);
  });

  it("keeps AgentBench's OS task descriptions, every n-th", () => {
    const tasks = [
      { description: "Delete the .log files in /var/tmp" },
      { description: "b" },
      { create: {} },
    ];
    expect(extractOsTasks(tasks, "dev").map((line) => line.text)).toEqual([
      "Delete the .log files in /var/tmp",
      "b",
    ]);
    expect(extractOsTasks(tasks, "train", 2).map((line) => line.text)).toEqual([
      "Delete the .log files in /var/tmp",
    ]);
  });

  it("keeps AgentBench's database tasks that change a table, not its questions", () => {
    const jsonl = [
      { description: "Change Andile Jali's position to DF in the Footballers table.", type: ["UPDATE"] },
      { description: "Which player has the highest number of titles?", type: ["ranking"] },
      { description: "Insert 'Another Plant' into the 'Power Plants' table.", type: ["INSERT"] },
    ]
      .map((row) => JSON.stringify(row))
      .join("\n");
    expect(extractDbTasks(jsonl, "dev")).toEqual([
      {
        text: "Change Andile Jali's position to DF in the Footballers table.",
        kind: "benign",
        split: "dev",
        lang: "en",
      },
      {
        text: "Insert 'Another Plant' into the 'Power Plants' table.",
        kind: "benign",
        split: "dev",
        lang: "en",
      },
    ]);
    expect(() => extractDbTasks(JSON.stringify({ type: ["INSERT"] }), "dev")).toThrow(/no description/);
  });

  it("keeps every n-th of WebShop's shopping goals", () => {
    const goals = ["i need a blue ottoman", "x", "find me a usb microphone", "y", "a queen bedspread"];
    expect(extractShoppingGoals(goals, 2, "dev").map((line) => [line.text, line.split])).toEqual([
      ["i need a blue ottoman", "dev"],
      ["find me a usb microphone", "dev"],
      ["a queen bedspread", "dev"],
    ]);
    expect(() => extractShoppingGoals([3], 1, "dev")).toThrow(/not a text/);
  });

  it("fills AndroidWorld's goal templates, read from a task module's class attributes", () => {
    const module = [
      "class SmsSend(TaskEval):",
      "  template = (",
      '      "Send a text message using Simple SMS Messenger to {number} with"',
      '      " message: {message}"',
      "  )",
      "class Base(TaskEval):",
      "  template = ''",
      "def goal(self):",
      "  template = 3",
    ].join("\n");
    const templates = pythonAssignments(module, "template");
    expect(templates).toEqual([
      "Send a text message using Simple SMS Messenger to {number} with message: {message}",
    ]);
    expect(extractAndroidGoals(templates, "dev")).toEqual([
      {
        text: "Send a text message using Simple SMS Messenger to +15551234567 with message: I'm running ten minutes late",
        kind: "benign",
        split: "dev",
        lang: "en",
      },
    ]);
    expect(() => extractAndroidGoals(["Rename {nobody}"], "dev")).toThrow(/\{nobody\}/);
  });
});
