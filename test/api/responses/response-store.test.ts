import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import {
  createResponseStore,
  MAX_HISTORY_CHARS,
  RESPONSES_FILE,
  type ResponseStore,
  type StoredResponse,
  storedHistory,
} from "../../../src/api/responses/response-store.js";
import { createLogger } from "../../../src/logger.js";

const DAY_MS = 86_400_000;
let clock = Date.UTC(2026, 0, 1);
const stores: ResponseStore[] = [];
const dirs: string[] = [];

function openStore(dataDir: string, ttlDays = 30): ResponseStore {
  const store = createResponseStore({ dataDir, ttlDays, logger: createLogger("silent"), now: () => clock });
  stores.push(store);
  return store;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "modelmux-responses-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const entry = (id: string, key: string) => ({
  id,
  key,
  createdAt: clock,
  responseJson: JSON.stringify({ id, object: "response", output: [] }),
  history: [
    { role: "user" as const, content: "hi" },
    { role: "assistant" as const, content: "hello" },
  ],
  inputItemsJson:
    '[{"id":"msg_1","type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}]',
});

const responseOf = (stored: StoredResponse | undefined) => JSON.parse(stored?.responseJson ?? "null");
const historyOf = (stored: StoredResponse | undefined) => (stored ? storedHistory(stored) : undefined);

describe("the stored-responses file", () => {
  it("keeps a response for its key only, survives a restart, and expires after the TTL", () => {
    const dir = tempDir();
    const first = openStore(dir, 2);
    first.put(entry("resp_a", "alice"));
    expect(first.get("resp_a", "bob")).toBeUndefined();
    first.close();

    const reopened = openStore(dir, 2);
    expect(historyOf(reopened.get("resp_a", "alice"))).toEqual(entry("resp_a", "alice").history);
    clock += 2 * DAY_MS - 1;
    expect(reopened.get("resp_a", "alice")).toBeDefined();
    clock += 1;
    expect(reopened.get("resp_a", "alice")).toBeUndefined();
    expect(reopened.delete("resp_a", "alice")).toBe(false);
  });

  it("deletes only for the owner, and purges expired rows when it opens", () => {
    const dir = tempDir();
    const store = openStore(dir, 1);
    store.put(entry("resp_b", "alice"));
    store.put(entry("resp_c", "alice"));
    expect(store.delete("resp_b", "bob")).toBe(false);
    expect(store.delete("resp_b", "alice")).toBe(true);
    expect(store.get("resp_b", "alice")).toBeUndefined();
    store.close();
    clock += 2 * DAY_MS;
    const later = openStore(dir, 1);
    expect(later.get("resp_c", "alice")).toBeUndefined();
    const db = new Database(join(dir, RESPONSES_FILE), { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS rows FROM responses").get()).toEqual({ rows: 0 });
    db.close();
  });

  it("keeps a response without its conversation when the conversation is too long to chain", () => {
    const store = openStore(tempDir());
    const long = "x".repeat(MAX_HISTORY_CHARS);
    store.put({ ...entry("resp_long", "alice"), history: [{ role: "user", content: long }] });
    const stored = store.get("resp_long", "alice");
    expect(responseOf(stored)).toMatchObject({ id: "resp_long" });
    expect(historyOf(stored)).toBeNull();
  });

  it("keeps a response without its input items when they are too long to list", () => {
    const store = openStore(tempDir());
    const long = JSON.stringify(["x".repeat(MAX_HISTORY_CHARS)]);
    store.put({ ...entry("resp_items", "alice"), inputItemsJson: long });
    const stored = store.get("resp_items", "alice");
    expect(historyOf(stored)).toEqual(entry("resp_items", "alice").history);
    expect(stored?.inputItemsJson).toBeNull();
  });

  it("opens a file written before input items were kept: its rows list none, new rows do", () => {
    const dir = tempDir();
    const old = new Database(join(dir, RESPONSES_FILE));
    old.exec(
      "CREATE TABLE responses (id TEXT PRIMARY KEY, key TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, response TEXT NOT NULL, history TEXT NOT NULL)",
    );
    old
      .prepare("INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?)")
      .run("resp_old", "alice", clock, clock + DAY_MS, '{"id":"resp_old"}', "[]");
    old.close();
    const store = openStore(dir);
    const stored = store.get("resp_old", "alice");
    expect(stored).toEqual({ responseJson: '{"id":"resp_old"}', historyJson: "[]", inputItemsJson: null });
    store.put(entry("resp_new", "alice"));
    store.close();
    const reopened = openStore(dir);
    expect(reopened.get("resp_new", "alice")?.inputItemsJson).toBe(entry("resp_new", "alice").inputItemsJson);
  });

  it("writes behind the answer: read back at once here, in the file for other instances a moment later", async () => {
    const dir = tempDir();
    const writer = openStore(dir);
    const reader = openStore(dir);
    writer.put(entry("resp_w", "alice"));
    expect(writer.get("resp_w", "alice")).toBeDefined();
    expect(reader.get("resp_w", "alice")).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(responseOf(reader.get("resp_w", "alice"))).toMatchObject({ id: "resp_w" });
  });
});
