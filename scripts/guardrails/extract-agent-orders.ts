// Orders a user gives an assistant or a tool-using agent that name accounts, recipients, amounts,
// files and devices ("transfer $200 from savings to checking", "text Ann that I am late", "send an
// email to my boss", "delete the alarm for 7 am"): benign user lines, from six public sources.
//  - CLINC150 (clinc/oos-eval, CC BY 3.0): the intents that ask for an action (banking, messaging,
//    lists, bookings, devices, and orders to the assistant itself: "rename yourself to betty",
//    "cancel that"), every third utterance;
//  - HWU64 (xliuhw/NLU-Evaluation-Data, CC BY 4.0): the action intents of three cross-validation folds;
//  - ToolSandbox (apple/ToolSandbox): the user's turns to the agent in its scenarios;
//  - ToolTalk (microsoft/ToolTalk, MIT): the user's turns of its conversations;
//  - API-Bank (AlibabaResearch/DAMO-ConvAI, Apache-2.0): the user's turns of its level-1 dialogues;
//  - AgentBench's OS tasks (THUDM/AgentBench, Apache-2.0): the task descriptions given to a shell agent.
// Each is split by intent, API or file, so a dev line's wording is not a training line's paraphrase.
import type { ExtractedLine } from "./extract-injecagent.js";

/** Sorted groups whose index is 0 mod 3 are train, the others dev: most of these lines price the dev caps. */
function splitOfGroup(groups: Iterable<string>): (group: string) => string {
  const sorted = [...new Set(groups)].sort();
  return (group) => (sorted.indexOf(group) % 3 === 0 ? "train" : "dev");
}

/** CLINC150's intents that ask for something to be done (the others ask questions or chat). */
export const CLINC_ORDER_INTENTS = [
  "alarm",
  "book_flight",
  "book_hotel",
  "calendar_update",
  "cancel",
  "cancel_reservation",
  "car_rental",
  "change_accent",
  "change_ai_name",
  "change_language",
  "change_speed",
  "change_volume",
  "freeze_account",
  "make_call",
  "order",
  "pay_bill",
  "pin_change",
  "play_music",
  "reminder_update",
  "report_lost_card",
  "reset_settings",
  "restaurant_reservation",
  "schedule_maintenance",
  "share_location",
  "shopping_list_update",
  "smart_home",
  "text",
  "timer",
  "todo_list_update",
  "transfer",
  "uber",
  "update_playlist",
  "whisper_mode",
];

/** `data_full.json`: `[text, intent]` rows of its train, val and test lists, every third kept. */
export function extractClincOrders(data: Record<string, [string, string][]>): ExtractedLine[] {
  const wanted = new Set(CLINC_ORDER_INTENTS);
  const rows = ["train", "val", "test"].flatMap((part) => data[part] ?? []);
  const splitOf = splitOfGroup(CLINC_ORDER_INTENTS);
  const seen = new Map<string, number>();
  const lines: ExtractedLine[] = [];
  for (const [text, intent] of rows) {
    if (!wanted.has(intent)) continue;
    const count = seen.get(intent) ?? 0;
    seen.set(intent, count + 1);
    if (count % 3 === 0) lines.push({ text, kind: "benign", split: splitOf(intent), lang: "en" });
  }
  return lines;
}

/** HWU64's intents that ask for something to be done. */
export const HWU_ORDER_INTENTS = [
  "alarm_remove",
  "alarm_set",
  "calendar_remove",
  "calendar_set",
  "email_addcontact",
  "email_sendemail",
  "iot_cleaning",
  "iot_coffee",
  "iot_hue_lightchange",
  "iot_hue_lightoff",
  "iot_wemo_off",
  "iot_wemo_on",
  "lists_createoradd",
  "lists_remove",
  "music_settings",
  "play_music",
  "social_post",
  "takeaway_order",
  "transport_taxi",
  "transport_ticket",
];

/** One annotated file per intent and fold: `{ "<name>": [{ text, intent }] }`. */
export function extractHwuOrders(
  files: Record<string, { text: string; intent: string }[]>[],
): ExtractedLine[] {
  const wanted = new Set(HWU_ORDER_INTENTS);
  const splitOf = splitOfGroup(HWU_ORDER_INTENTS);
  return files.flatMap((file) =>
    Object.values(file)
      .flat()
      .filter((row) => wanted.has(row.intent))
      .map((row) => ({ text: row.text, kind: "benign" as const, split: splitOf(row.intent), lang: "en" })),
  );
}

/** A conversation's user turns, on the side given (ToolTalk's `conversation`, API-Bank's dialogue rows). */
export function userTurns(turns: { role: string; text?: string }[], split: string): ExtractedLine[] {
  return turns
    .filter((turn) => turn.role.toLowerCase() === "user" && typeof turn.text === "string")
    .map((turn) => ({ text: turn.text ?? "", kind: "benign" as const, split, lang: "en" }));
}

/** API-Bank's dialogues (`<Api>-…-level-1-<n>.jsonl`), split by the first API the file names. */
export function extractApiBankTurns(files: { path: string; jsonl: string }[]): ExtractedLine[] {
  const apiOf = (path: string) => path.replace(/^.*\//, "").split("-")[0] ?? "";
  const splitOf = splitOfGroup(files.map((file) => apiOf(file.path)));
  return files.flatMap(({ path, jsonl }) =>
    userTurns(
      jsonl
        .split("\n")
        .filter((row) => row.trim() !== "")
        .map((row) => JSON.parse(row) as { role: string; text?: string }),
      splitOf(apiOf(path)),
    ),
  );
}

/** AgentBench's OS-interaction tasks: each task's `description`, the request the shell agent gets. */
export function extractOsTasks(tasks: unknown[], split: string, every = 1): ExtractedLine[] {
  const lines: ExtractedLine[] = [];
  tasks.forEach((task, index) => {
    const description = (task as { description?: unknown }).description;
    if (index % every === 0 && typeof description === "string")
      lines.push({ text: description, kind: "benign", split, lang: "en" });
  });
  return lines;
}

/**
 * AgentBench's database tasks (`data/dbbench/*.jsonl`) that change a table (type INSERT or UPDATE:
 * "Change David Beckham's position to forward…", "Insert a new row into…"), the order a SQL agent
 * gets; its questions about a table are left out.
 */
export function extractDbTasks(jsonl: string, split: string): ExtractedLine[] {
  return jsonl
    .split("\n")
    .filter((row) => row.trim() !== "")
    .map((row) => JSON.parse(row) as { description?: unknown; type?: unknown })
    .filter((task) => ["INSERT", "UPDATE"].includes([task.type].flat()[0] as string))
    .map((task, index) => {
      if (typeof task.description !== "string")
        throw new Error(`AgentBench db task ${index}: no description`);
      return { text: task.description, kind: "benign" as const, split, lang: "en" };
    });
}

/**
 * WebShop's human-written shopping goals (`human_goals.json`, a list of strings: "i need gluten free
 * … and price lower than 40.00 dollars"), every `every`-th.
 */
export function extractShoppingGoals(goals: unknown[], every: number, split: string): ExtractedLine[] {
  const lines: ExtractedLine[] = [];
  for (let index = 0; index < goals.length; index += every) {
    const goal = goals[index];
    if (typeof goal !== "string") throw new Error(`WebShop goal ${index}: not a text`);
    lines.push({ text: goal, kind: "benign", split, lang: "en" });
  }
  return lines;
}

/**
 * Values for the slots of AndroidWorld's goal templates ("Delete the file {file_name} from …"): the
 * benchmark draws them at random when a task starts; one fixed value per slot name here.
 */
export const ANDROID_SLOT_VALUES: Readonly<Record<string, string>> = {
  app_name: "Contacts",
  clipboard_content: "Flight AA 1234 departs at 6:45 pm",
  day: "17",
  day_of_week: "Friday",
  destination_folder: "Archive",
  duration_mins: "30",
  event_description: "Bring the insurance card",
  event_title: "Dentist appointment",
  file1_name: "monday.md",
  file2_name: "tuesday.md",
  file3_name: "wednesday.md",
  file_name: "meeting_notes.md",
  first: "Emma",
  folder_name: "Receipts",
  header: "Shopping list",
  hour: "14",
  hours: "1",
  last: "Wilson",
  location: "Eiffel Tower, Paris",
  max_or_min: "maximum",
  message: "I'm running ten minutes late",
  minutes: "15",
  month: "10",
  name: "Emma Wilson",
  name1: "Liam Chen",
  name2: "Sofia Garcia",
  new_file_name: "week.md",
  new_name: "done.md",
  number: "+15551234567",
  on_or_off: "off",
  original_name: "todo.md",
  phone: "555-0142",
  phone_label: "Work",
  phone_number: "+15559876543",
  repeat_rule: "weekly",
  seconds: "30",
  source_folder: "Documents",
  subfolder: "Download",
  text: "Buy milk and eggs on the way home",
  updated_content: "Call the landlord about the heating",
  utterance: "Click on the Submit button",
  video_name: "clip_01.mp4",
  year: "2023",
};

/** AndroidWorld's goal templates (each task class's `template`), their slots filled: orders to a phone agent. */
export function extractAndroidGoals(templates: string[], split: string): ExtractedLine[] {
  return templates.map((template) => {
    const text = template.replace(/\{(\w*)\}/g, (_, slot: string) => {
      const value = ANDROID_SLOT_VALUES[slot];
      if (value === undefined) throw new Error(`AndroidWorld template: no value for the slot {${slot}}`);
      return value;
    });
    return { text, kind: "benign" as const, split, lang: "en" };
  });
}
