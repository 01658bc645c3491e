import {
  expectOk,
  type LoadResult,
  load,
  measureInTurns,
  rpsText,
  startModelmux,
  type Target,
} from "./gateway.js";
import { benchMessagesDoor } from "./messages-door.js";
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
const PROMPT = "Say hello in French, in one short sentence.";

/** A Responses request asking what bodyFor asks on the chat door (stored, as OpenAI's default). */
const responsesBody = (stream: boolean) =>
  JSON.stringify({ model: MODEL, input: PROMPT, ...(stream && { stream: true }) });

/** One door in one mode: the upstream call it makes when asked directly, and the same through modelmux. */
interface DoorPair {
  name: string;
  /** The chat pair of the same mode (whole or streamed) this door is compared with. */
  chat?: string;
  direct: Target;
  modelmux: Target;
}

/**
 * Issue 18's door figures: the overhead modelmux adds at concurrency 1 on each front door against
 * the same 0 ms fake upstream, measured in turns with the chat door so the ratio holds on a busy
 * machine. A door's overhead is its p50 through modelmux minus the p50 of the upstream call it
 * makes, asked directly (for Responses: the chat completion it is translated to). The embeddings
 * request is one short text, answered as a 1,536-dimension vector in base64 (what the openai SDK
 * asks for by default).
 */
export async function benchDoors(): Promise<void> {
  try {
    const upstream = await startFakeUpstream(0);
    const modelmux = await startModelmux(upstream.port, "off");
    const base = modelmux.url.replace(/\/v1\/chat\/completions$/, "");
    const direct = (name: string, url: string, body: string): Target => ({
      name,
      url,
      headers: {},
      body,
      pid: upstream.pid,
    });
    const through = (name: string, path: string, body: string): Target => ({
      name,
      url: `${base}${path}`,
      headers: {},
      body,
      pid: modelmux.pid,
    });
    const chatUrl = completionsUrl(upstream.port);
    const pairs: DoorPair[] = [
      {
        name: "chat",
        direct: direct("chat direct", chatUrl, bodyFor(MODEL)),
        modelmux: through("chat modelmux", "/v1/chat/completions", bodyFor(MODEL)),
      },
      {
        name: "chat, streamed",
        direct: direct("chat direct, streamed", chatUrl, bodyFor(MODEL, true)),
        modelmux: through("chat modelmux, streamed", "/v1/chat/completions", bodyFor(MODEL, true)),
      },
      {
        name: "embeddings",
        chat: "chat",
        direct: direct("embeddings direct", embeddingsUrl(upstream.port), embeddingBody(EMBEDDING_MODEL)),
        modelmux: through("embeddings modelmux", "/v1/embeddings", embeddingBody(EMBEDDING_MODEL)),
      },
      {
        name: "responses",
        chat: "chat",
        direct: direct("chat direct", chatUrl, bodyFor(MODEL)),
        modelmux: through("responses modelmux", "/v1/responses", responsesBody(false)),
      },
      {
        name: "responses, store false",
        chat: "chat",
        direct: direct("chat direct", chatUrl, bodyFor(MODEL)),
        modelmux: through(
          "responses modelmux, store false",
          "/v1/responses",
          JSON.stringify({ model: MODEL, input: PROMPT, store: false }),
        ),
      },
      {
        name: "responses, streamed",
        chat: "chat, streamed",
        direct: direct("chat direct, streamed", chatUrl, bodyFor(MODEL, true)),
        modelmux: through("responses modelmux, streamed", "/v1/responses", responsesBody(true)),
      },
    ];
    // Each distinct target is measured once (a door translated to chat shares chat's direct call).
    const targets = [
      ...new Map(pairs.flatMap((pair) => [pair.direct, pair.modelmux]).map((t) => [t.name, t])).values(),
    ];
    for (const target of targets) await expectOk(target.url, target.headers, target.body);
    for (const target of targets)
      await load(target.url, target.headers, 16, PROCESS_WARM_UP_S / 2, target.body);
    const results = await measureInTurns(targets, 1);
    const byName = new Map(targets.map((target, index) => [target.name, results[index] as LoadResult]));
    const result = (target: Target) => byName.get(target.name) as LoadResult;
    const overhead = (pair: DoorPair) => result(pair.modelmux).p50 - result(pair.direct).p50;
    const rows: [string, string, string?][] = targets.map((target) => [
      `c1 ${target.name}`,
      rpsText(result(target)),
    ]);
    for (const pair of pairs)
      rows.push([
        `c1 ${pair.name} door overhead p50 / p99`,
        `${formatMs(overhead(pair))} / ${formatMs(result(pair.modelmux).p99 - result(pair.direct).p99)}`,
      ]);
    for (const pair of pairs) {
      const chat = pairs.find((candidate) => candidate.name === pair.chat);
      if (chat)
        rows.push([
          `c1 overhead p50, ${pair.name} / ${chat.name}`,
          (overhead(pair) / overhead(chat)).toFixed(2),
          "≤ 1.5",
        ]);
    }
    printTable(
      "Front doors (issue 18): added overhead at c1, fake upstream at 0 ms, measured in turns",
      rows,
    );
  } finally {
    await stopChildren();
  }
  await benchMessagesDoor();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDoors();
