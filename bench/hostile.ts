import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI_ARGS, cleanEnv } from "../test/support/cli-process.js";
import { type FakeBehavior, startFakeUpstream } from "../test/support/fake-upstream.js";
import { probeHealthz, serverLagMaxMs } from "../test/support/stall-probe.js";
import { LISTENING_LINE, startChild, stopChildren, waitForOutput } from "./servers.js";

/**
 * The hostile inputs of issue 21, each sent alone to `modelmux http` (built dist/, its own
 * process): for each, the answer's status and time, the longest /healthz round trip a second
 * client saw meanwhile, and the longest event-loop delay the server itself measured
 * (perf_hooks.monitorEventLoopDelay through prom-client's nodejs_eventloop_lag_max_seconds, which
 * resets at each /metrics scrape: one scrape before the input, one after). Budget: 50 ms.
 */
const BODY_TIMEOUT_MS = 2000;

interface Case {
  name: string;
  upstream?: FakeBehavior;
  /** Builds the input (before the probe starts: a 5 MB body takes the bench's own loop a while) and returns its sender. */
  prepare(): (url: string) => Promise<number>;
}

function chatBody(messages: unknown[], extra: Record<string, unknown> = {}, model = "fake/m1"): string {
  return JSON.stringify({ model, messages, ...extra });
}

async function post(url: string, path: string, body: string | Buffer): Promise<number> {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

const chat = (url: string, body: string) => post(url, "/v1/chat/completions", body);
const toolBody = (name: string, args: Record<string, unknown>) =>
  JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } });
const tool = (url: string, name: string, args: Record<string, unknown>) =>
  post(url, "/mcp", toolBody(name, args));
/** Senders of a body built now, before the probe starts. */
const chatOf = (body: string) => (url: string) => chat(url, body);
const toolOf = (name: string, args: Record<string, unknown>) => {
  const body = toolBody(name, args);
  return (url: string) => post(url, "/mcp", body);
};

function schemaBody(schemaJson: string): string {
  const body = chatBody([{ role: "user", content: "answer in JSON" }], {
    response_format: { type: "json_schema", json_schema: { name: "answer", schema: "<schema>" } },
  });
  return body.replace('"<schema>"', schemaJson);
}
const schemaAsk = (url: string, schemaJson: string) => chat(url, schemaBody(schemaJson));

/** A body declared 200 bytes long, sent one byte every 100 ms; resolves with the status. */
function trickle(url: string): Promise<number> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.write(
    `POST /v1/chat/completions HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n`,
  );
  const timer = setInterval(() => socket.writable && socket.write(" "), 100);
  let received = "";
  socket.on("data", (chunk) => {
    received += chunk.toString();
  });
  socket.on("error", () => {});
  return new Promise((resolve) =>
    socket.once("close", () => {
      clearInterval(timer);
      resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(received)?.[1] ?? 0));
    }),
  );
}

const englishMegabyte = () => {
  const words = "the quick brown fox jumps over a lazy dog while seven wizards quietly box nimble jugs".split(
    " ",
  );
  let text = "";
  for (let i = 0; text.length < 990_000; i++)
    text += `${words[(i * 7919) % words.length]}${i % 13 === 12 ? ". " : " "}`;
  return text;
};
const randomCjk = (length: number) => {
  let text = "";
  for (let i = 0; i < length; i++) text += String.fromCharCode(0x4e00 + Math.floor(Math.random() * 20_000));
  return text;
};

/** 990 KB of e-mail addresses: the PII detector's slowest input found. */
const EMAILS = "jane.doe@example.com and ".repeat(39_600);
/** A body of `values` JSON values: distinct keys of one object, JSON.parse's slowest shape. */
const keysBody = (values: number) =>
  `{"model":"fake/m1","messages":[{"role":"user","content":"hi"}],"metadata":{${Array.from(
    // Two counted per member (its colon and comma); the rest of the body has about 15.
    { length: Math.floor(values / 2) - 10 },
    (_, index) => `"k${index}":0`,
  ).join(",")}}}`;
const uniqueItemsSchema = {
  type: "object",
  properties: { items: { type: "array", uniqueItems: true, items: { type: "object" } } },
};
const SIX_THOUSAND_ITEMS = Array.from({ length: 6000 }, (_, index) => ({ id: index, name: `item ${index}` }));

const CASES: Case[] = [
  {
    name: "nothing sent (the machine's noise floor)",
    prepare: () => () => new Promise((resolve) => setTimeout(() => resolve(0), 500)),
  },
  {
    name: "one message of 200,000 `b`s (/v1)",
    prepare: () => chatOf(chatBody([{ role: "user", content: "b".repeat(200_000) }])),
  },
  {
    name: "10 text parts of 500,000 `b`s (/v1, over the body cap)",
    prepare: () =>
      chatOf(
        chatBody([
          {
            role: "user",
            content: Array.from({ length: 10 }, () => ({ type: "text", text: "b".repeat(500_000) })),
          },
        ]),
      ),
  },
  {
    name: "200 KB hex blob (/v1)",
    prepare: () => chatOf(chatBody([{ role: "user", content: randomBytes(100_000).toString("hex") }])),
  },
  {
    name: "200 KB hex blob (estimate_cost)",
    prepare: () => toolOf("estimate_cost", { text: randomBytes(100_000).toString("hex") }),
  },
  {
    name: "estimate_cost of 990,000 `b`s, every model",
    prepare: () => toolOf("estimate_cost", { messages: [{ role: "user", content: "b".repeat(990_000) }] }),
  },
  {
    name: "990 KB of English prose (/v1, near the cap)",
    prepare: () => chatOf(chatBody([{ role: "user", content: englishMegabyte() }])),
  },
  {
    name: "random CJK, 600,000 characters, no punctuation (/v1)",
    prepare: () => chatOf(chatBody([{ role: "user", content: randomCjk(600_000) }])),
  },
  {
    name: "ReDoS: pattern ^(a+)+$, answer of 30 `a`s and `!` (/v1)",
    upstream: { type: "json", value: { a: `${"a".repeat(30)}!` } },
    prepare: () =>
      chatOf(
        schemaBody(
          JSON.stringify({ type: "object", properties: { a: { type: "string", pattern: "^(a+)+$" } } }),
        ),
      ),
  },
  {
    name: "schema nested 3,000 deep (/v1)",
    prepare: () =>
      chatOf(
        schemaBody(
          `${'{"type":"object","properties":{"a":'.repeat(3000)}{"type":"string"}${"}}".repeat(3000)}`,
        ),
      ),
  },
  {
    name: "largest schema accepted: 195 properties with patterns (/v1)",
    upstream: { type: "json", value: { p0: "x" } },
    prepare: () =>
      chatOf(
        schemaBody(
          JSON.stringify({
            type: "object",
            properties: Object.fromEntries(
              Array.from({ length: 195 }, (_, i) => [`p${i}`, { type: "string", pattern: `^x${i % 10}` }]),
            ),
          }),
        ),
      ),
  },
  {
    name: "uniqueItems, answer of 6,000 objects (/v1)",
    upstream: { type: "json", value: { items: SIX_THOUSAND_ITEMS } },
    prepare: () =>
      chatOf(
        schemaBody(JSON.stringify(uniqueItemsSchema)).replace('"model":', '"max_tokens":200000,"model":'),
      ),
  },
  {
    name: "990 KB of e-mail addresses (/v1, PII blocked)",
    prepare: () => chatOf(chatBody([{ role: "user", content: EMAILS }])),
  },
  {
    name: "990 KB of e-mail addresses (check_guardrails, redact)",
    prepare: () => toolOf("check_guardrails", { text: EMAILS, policy: { pii: "redact" } }),
  },
  { name: "body of 20,000 JSON values, distinct keys (/v1)", prepare: () => chatOf(keysBody(20_000)) },
  { name: "body of 60,000 JSON values (/v1, over the 20,000 cap)", prepare: () => chatOf(keysBody(60_000)) },
  {
    name: "4 MiB body: an image of 3 MB base64 (/v1)",
    prepare: () =>
      chatOf(
        chatBody([
          {
            role: "user",
            content: [
              { type: "text", text: "what is this?" },
              { type: "image_url", image_url: { url: `data:image/png;base64,${"QUJD".repeat(1_000_000)}` } },
            ],
          },
        ]),
      ),
  },
  {
    name: "embeddings, 2,048 inputs of 400 characters",
    prepare: () => {
      const body = JSON.stringify({
        model: "fake/e1",
        input: Array.from(
          { length: 2048 },
          (_, index) => `${index} ${"lorem ipsum dolor sit amet ".repeat(15)}`,
        ),
      });
      return (url: string) => post(url, "/v1/embeddings", body);
    },
  },
  {
    name: "model name of 500,000 characters (/v1)",
    prepare: () => chatOf(chatBody([{ role: "user", content: "hi" }], {}, "m".repeat(500_000))),
  },
  { name: `trickled body, 1 byte / 100 ms (bodyTimeoutMs ${BODY_TIMEOUT_MS})`, prepare: () => trickle },
];

async function main() {
  const upstream = await startFakeUpstream({ record: false });
  const dir = mkdtempSync(join(tmpdir(), "modelmux-bench-hostile-"));
  const config = join(dir, "modelmux.config.json");
  writeFileSync(
    config,
    JSON.stringify({
      providers: {
        fake: {
          baseURL: upstream.url,
          models: {
            m1: {
              price: { input: 0.1, output: 0.2 },
              contextWindow: 2_000_000,
              capabilities: ["json", "vision"],
            },
          },
          embeddingModels: { e1: { id: "fake-embed", price: { input: 0.1 }, dimensions: 64 } },
        },
      },
      routing: { exploration: 0, maxAttempts: 2 },
      cache: { store: "off" },
      guardrails: { input: { pii: "block" } },
      server: { bodyTimeoutMs: BODY_TIMEOUT_MS },
    }),
  );
  const child = startChild(
    process.execPath,
    [...CLI_ARGS, "http", "--port", "0", "--config", config],
    cleanEnv({ MODELMUX_LOG_LEVEL: "silent", MODELMUX_DATA_DIR: dir }),
  );
  const url = await waitForOutput(child, LISTENING_LINE, "modelmux http");
  // Warm up (tokenizer, detectors, Ajv, the regex engine): start-up work, not a request's.
  upstream.setDefault({ type: "json", value: { a: "x" } });
  await schemaAsk(
    url,
    JSON.stringify({ type: "object", properties: { a: { type: "string", pattern: "^x" } } }),
  );
  await tool(url, "estimate_cost", { text: "warm up" });
  // And a check long enough for the worker thread, which the server starts (with its detectors) at
  // warm-up: otherwise that start-up work overlaps the first inputs measured.
  await tool(url, "check_guardrails", { text: "warm up the worker thread. ".repeat(3000) });

  const rows: string[][] = [];
  // `--only WORD`: the cases whose name holds WORD (case-insensitive), for measuring one fix.
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
  const cases = only ? CASES.filter((input) => input.name.toLowerCase().includes(only.toLowerCase())) : CASES;
  for (const input of cases) {
    upstream.setDefault(input.upstream ?? { type: "ok", text: "A short answer." });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await serverLagMaxMs(url); // resets the server's histogram
    const send = input.prepare();
    const probe = probeHealthz(url, 5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    const status = await send(url);
    const elapsed = performance.now() - started;
    const healthz = await probe.stop();
    const lag = await serverLagMaxMs(url);
    rows.push([
      input.name,
      String(status),
      `${elapsed.toFixed(0)} ms`,
      `${healthz.toFixed(0)} ms`,
      `${lag.toFixed(0)} ms`,
    ]);
  }
  const header = ["hostile input", "status", "answer", "/healthz max", "server loop max"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  console.log("\n## Hostile inputs (issue 21): longest stall each caused (budget 50 ms)");
  for (const row of [header, ...rows])
    console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ")}`);
  await stopChildren();
  await upstream.close();
}

main().catch(async (error) => {
  console.error(error);
  await stopChildren();
  process.exit(1);
});
