import {
  expectOk,
  type LoadResult,
  load,
  measureInTurns,
  rpsText,
  startModelmux,
  type Target,
} from "./gateway.js";
import {
  bodyFor,
  completionsUrl,
  EMBEDDING_MODEL,
  embeddingBody,
  embeddingsUrl,
  MODEL,
  startFakeUpstream,
  stopChildren,
} from "./servers.js";
import { formatMs, printTable } from "./stats.js";

const PROCESS_WARM_UP_S = 10;

/**
 * Issue 18's door figures: the overhead modelmux adds at concurrency 1 on each front door against
 * the same 0 ms fake upstream, measured in turns with the chat door so the ratio holds on a busy
 * machine. The embeddings request is one short text, answered as a 1,536-dimension vector in
 * base64 (what the openai SDK asks for by default).
 */
export async function benchDoors(): Promise<void> {
  try {
    const upstream = await startFakeUpstream(0);
    const modelmux = await startModelmux(upstream.port, "off");
    const base = modelmux.url.replace(/\/v1\/chat\/completions$/, "");
    const chatBody = bodyFor(MODEL);
    const embedBody = embeddingBody(EMBEDDING_MODEL);
    const targets: Target[] = [
      {
        name: "chat direct",
        url: completionsUrl(upstream.port),
        headers: {},
        body: chatBody,
        pid: upstream.pid,
      },
      { name: "chat modelmux", url: modelmux.url, headers: {}, body: chatBody, pid: modelmux.pid },
      {
        name: "embeddings direct",
        url: embeddingsUrl(upstream.port),
        headers: {},
        body: embedBody,
        pid: upstream.pid,
      },
      {
        name: "embeddings modelmux",
        url: `${base}/v1/embeddings`,
        headers: {},
        body: embedBody,
        pid: modelmux.pid,
      },
    ];
    for (const target of targets) await expectOk(target.url, target.headers, target.body);
    for (const target of targets)
      await load(target.url, target.headers, 16, PROCESS_WARM_UP_S / 2, target.body);
    const [chatDirect, chatModelmux, embedDirect, embedModelmux] = (await measureInTurns(
      targets,
      1,
    )) as LoadResult[] as [LoadResult, LoadResult, LoadResult, LoadResult];
    const chatOverhead = chatModelmux.p50 - chatDirect.p50;
    const embedOverhead = embedModelmux.p50 - embedDirect.p50;
    printTable("Front doors (issue 18): added overhead at c1, fake upstream at 0 ms, measured in turns", [
      ["c1 chat, direct", rpsText(chatDirect)],
      ["c1 chat, modelmux", rpsText(chatModelmux)],
      ["c1 embeddings, direct", rpsText(embedDirect)],
      ["c1 embeddings, modelmux", rpsText(embedModelmux)],
      [
        "c1 chat door overhead p50 / p99",
        `${formatMs(chatOverhead)} / ${formatMs(chatModelmux.p99 - chatDirect.p99)}`,
      ],
      [
        "c1 embeddings door overhead p50 / p99",
        `${formatMs(embedOverhead)} / ${formatMs(embedModelmux.p99 - embedDirect.p99)}`,
      ],
      ["c1 overhead p50, embeddings / chat", (embedOverhead / chatOverhead).toFixed(2), "≤ 1.5"],
    ]);
  } finally {
    await stopChildren();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDoors();
