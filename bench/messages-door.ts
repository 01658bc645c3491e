import {
  expectOk,
  type LoadResult,
  load,
  measureInTurns,
  rpsText,
  startModelmux,
  type Target,
} from "./gateway.js";
import { completionsUrl, MODEL, startFakeUpstream, stopChildren } from "./servers.js";
import { formatMs, printTable } from "./stats.js";

const PROCESS_WARM_UP_S = 10;
const PROMPT = "Say hello in French, in one short sentence.";

/** The same question through each door, with the same max_tokens (the Messages API requires one). */
const chatBody = (stream: boolean) =>
  JSON.stringify({
    model: MODEL,
    max_tokens: 256,
    ...(stream && { stream: true }),
    messages: [{ role: "user", content: PROMPT }],
  });
const messagesBody = (stream: boolean) =>
  JSON.stringify({
    model: MODEL,
    max_tokens: 256,
    ...(stream && { stream: true }),
    messages: [{ role: "user", content: PROMPT }],
  });

/**
 * Issue 18's Messages door figures: the overhead modelmux adds at concurrency 1 on
 * POST /v1/messages (Anthropic's format, translated onto the chat pipeline and back) against the
 * chat door's, both in front of the same 0 ms OpenAI-compatible fake upstream, whole and
 * streamed, measured in turns so the ratios hold on a busy machine.
 */
export async function benchMessagesDoor(): Promise<void> {
  try {
    const upstream = await startFakeUpstream(0);
    const modelmux = await startModelmux(upstream.port, "off");
    const messagesUrl = modelmux.url.replace(/\/v1\/chat\/completions$/, "/v1/messages");
    const targets: Target[] = [false, true].flatMap((stream) => [
      {
        name: "chat direct",
        url: completionsUrl(upstream.port),
        headers: {},
        body: chatBody(stream),
        pid: upstream.pid,
      },
      { name: "chat modelmux", url: modelmux.url, headers: {}, body: chatBody(stream), pid: modelmux.pid },
      {
        name: "messages modelmux",
        url: messagesUrl,
        headers: {},
        body: messagesBody(stream),
        pid: modelmux.pid,
      },
    ]);
    for (const target of targets) await expectOk(target.url, target.headers, target.body);
    for (const target of targets)
      await load(target.url, target.headers, 16, PROCESS_WARM_UP_S / 6, target.body);
    const results = (await measureInTurns(targets, 1)) as LoadResult[];
    const rows: [string, string, string?][] = [];
    for (const [offset, label] of [
      [0, "whole"],
      [3, "streamed"],
    ] as const) {
      const [direct, chat, messages] = results.slice(offset, offset + 3) as [
        LoadResult,
        LoadResult,
        LoadResult,
      ];
      const chatOverhead = chat.p50 - direct.p50;
      const messagesOverhead = messages.p50 - direct.p50;
      rows.push(
        [`c1 ${label}: chat, direct`, rpsText(direct)],
        [`c1 ${label}: chat door`, rpsText(chat)],
        [`c1 ${label}: messages door`, rpsText(messages)],
        [
          `c1 ${label}: overhead p50 chat / messages`,
          `${formatMs(chatOverhead)} / ${formatMs(messagesOverhead)}`,
        ],
        [`c1 ${label}: overhead p50, messages / chat`, (messagesOverhead / chatOverhead).toFixed(2), "≤ 1.5"],
      );
    }
    printTable(
      "Messages door (issue 18): added overhead at c1, fake upstream at 0 ms, measured in turns",
      rows,
    );
  } finally {
    await stopChildren();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchMessagesDoor();
