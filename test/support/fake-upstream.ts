import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { answerCompletion, send } from "./fake-answer.js";
import { errorJson, type FakeBehavior, type FakeRequestBody } from "./fake-completion.js";
import { answerEmbeddings, FAKE_EMBEDDING_DIMENSIONS } from "./fake-embeddings.js";

export type { FakeBehavior, FakeRequestBody, FakeToolCall, FakeUsageOverride } from "./fake-completion.js";

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string without its `?` ("" when none): Azure's `api-version` arrives here. */
  query: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: FakeRequestBody | string | undefined;
  model: string | undefined;
  behavior: FakeBehavior["type"] | "models" | "not_found";
  connectionId: number;
  /** True when the connection closed before the answer was complete (client abort, or a `reset`). */
  clientClosedEarly: boolean;
}

export interface FakeUpstreamOptions {
  /** Latency of `ok` answers that set none. */
  latencyMs?: number;
  /** Ids listed by GET /v1/models. */
  models?: string[];
  /** Length of the vectors POST /v1/embeddings returns when the request names no `dimensions`. */
  embeddingDimensions?: number;
  /** Keep a log of requests (turn off for benchmarks). Default true. */
  record?: boolean;
  host?: string;
  port?: number;
}

export interface FakeUpstream {
  /** Base URL ending in `/v1`. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Behaviours for the next calls, in order; then the default applies. */
  enqueue(...behaviors: FakeBehavior[]): void;
  /** Like enqueue, for calls naming this model only (checked before the shared queue). */
  enqueueFor(model: string, ...behaviors: FakeBehavior[]): void;
  setDefault(behavior: FakeBehavior): void;
  setDefaultFor(model: string, behavior: FakeBehavior): void;
  activeConnections(): number;
  closedConnections(): number;
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  waitForClosedConnections(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A real OpenAI-compatible HTTP server on 127.0.0.1 with scripted faults, for tests and benchmarks. */
export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const record = options.record ?? true;
  const defaultLatencyMs = options.latencyMs ?? 0;
  const queue: FakeBehavior[] = [];
  const modelQueues = new Map<string, FakeBehavior[]>();
  const modelDefaults = new Map<string, FakeBehavior>();
  let defaultBehavior: FakeBehavior = { type: "ok" };
  const requests: RecordedRequest[] = [];
  const connectionIds = new WeakMap<Socket, number>();
  const openSockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Set<() => void>();
  let nextConnectionId = 0;
  let closed = 0;
  let completionCount = 0;

  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const schedule = (delayMs: number, action: () => void): void => {
    if (delayMs <= 0) {
      action();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, delayMs);
    timers.add(timer);
  };

  function nextBehavior(model: string | undefined): FakeBehavior {
    const perModel = model === undefined ? undefined : modelQueues.get(model)?.shift();
    if (perModel) return perModel;
    const shared = queue.shift();
    if (shared) return shared;
    return (model !== undefined && modelDefaults.get(model)) || defaultBehavior;
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => handle(request, response, Buffer.concat(chunks).toString("utf8")));
  });
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket) => {
    connectionIds.set(socket, ++nextConnectionId);
    openSockets.add(socket);
    socket.on("close", () => {
      openSockets.delete(socket);
      closed++;
      notify();
    });
  });

  function handle(request: IncomingMessage, response: ServerResponse, raw: string): void {
    const [path = "/", query = ""] = (request.url ?? "/").split("?", 2);
    const body = parseBody(raw);
    const json = typeof body === "object" ? body : undefined;
    const model = json?.model;
    const isCompletion = request.method === "POST" && path.endsWith("/chat/completions");
    const isEmbedding = request.method === "POST" && path.endsWith("/embeddings");
    const isModels = request.method === "GET" && path.endsWith("/models");
    const behavior = isCompletion || isEmbedding ? nextBehavior(model) : undefined;
    const entry: RecordedRequest = {
      method: request.method ?? "GET",
      path,
      query,
      headers: request.headers,
      body,
      model,
      behavior: behavior?.type ?? (isModels ? "models" : "not_found"),
      connectionId: connectionIds.get(request.socket) ?? 0,
      clientClosedEarly: false,
    };
    if (record) {
      requests.push(entry);
      response.on("close", () => {
        if (!response.writableFinished) entry.clientClosedEarly = true;
      });
      notify();
    }
    if (isModels) send(response, 200, listModels());
    else if (!behavior || !json) send(response, 404, errorJson(404, undefined));
    else if (isEmbedding) {
      answerEmbeddings({
        response,
        body: json,
        behavior,
        defaultLatencyMs,
        schedule,
        dimensions: options.embeddingDimensions ?? FAKE_EMBEDDING_DIMENSIONS,
      });
    } else {
      answerCompletion({
        response,
        body: json,
        behavior,
        defaultLatencyMs,
        schedule,
        completionId: `chatcmpl-fake-${++completionCount}`,
      });
    }
  }

  function listModels(): string {
    const ids = new Set([
      ...(options.models ?? ["fake-model"]),
      ...modelDefaults.keys(),
      ...modelQueues.keys(),
    ]);
    const data = [...ids].map((id) => ({ id, object: "model", created: 0, owned_by: "fake-upstream" }));
    return JSON.stringify({ object: "list", data });
  }

  function waitFor(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`fake upstream: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}/v1`,
    port,
    requests,
    enqueue: (...behaviors) => void queue.push(...behaviors),
    enqueueFor(model, ...behaviors) {
      const list = modelQueues.get(model) ?? [];
      list.push(...behaviors);
      modelQueues.set(model, list);
    },
    setDefault(behavior) {
      defaultBehavior = behavior;
    },
    setDefaultFor: (model, behavior) => void modelDefaults.set(model, behavior),
    activeConnections: () => openSockets.size,
    closedConnections: () => closed,
    waitForRequests: (count, timeoutMs = 5_000) =>
      waitFor(() => requests.length >= count, `${count} request(s)`, timeoutMs),
    waitForClosedConnections: (count, timeoutMs = 5_000) =>
      waitFor(() => closed >= count, `${count} closed connection(s)`, timeoutMs),
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      for (const socket of openSockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function parseBody(raw: string): FakeRequestBody | string | undefined {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw) as FakeRequestBody;
  } catch {
    return raw;
  }
}
