import { type ClientRequest, Agent as HttpAgent } from "node:http";
import { type AgentOptions, Agent as HttpsAgent } from "node:https";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { headerLine } from "./raw-header.js";

/**
 * node's keep-alive Agent, with its per-request bookkeeping done the cheap way and the same
 * outcome. On Node 20 handing a request an idle socket (Agent#addRequest) copies the request's
 * options twice into null-prototype objects and builds the pool key from them, and the socket's
 * return to the pool builds the key twice more and every response header as an object (for one
 * keep-alive hint), in baseline code: ~45,000 instructions a call (a client alone, callgrind). Here:
 *
 * - an idle socket for a request's host and port is taken as Agent#addRequest takes it (LIFO or
 *   FIFO as configured, destroyed ones skipped, async id reset, reuseSocket, the request's own
 *   timeout), under the pool key node computed for that host and port when it opened the socket.
 *   Everything else (no idle socket: a new one, or a queue at maxSockets) is node's own addRequest;
 * - the pool key of a socket's options is the `_agentKey` node stored in them when it created the
 *   socket (node's own getName of those same options);
 * - the server's `Keep-Alive: timeout=N` hint is read from the raw header lines.
 *
 * Valid because every request through one agent differs only in path, headers and body (see
 * post-json.ts): options that change node's pool key (localAddress, family, TLS options) are the
 * agent's, not the request's.
 */
function fastReuse(base: typeof HttpAgent) {
  return class FastReuseAgent extends base {
    /** node's pool key per `host:port` of a request, learned from the sockets node opened. */
    readonly #names = new Map<string, string>();

    /** node:https's options (node:http's and TLS ones); a plain agent ignores the TLS ones. */
    constructor(options?: AgentOptions) {
      super(options);
      // Learn the key before node's own 'free' handler (registered by Agent's constructor) runs.
      this.prependListener("free", (_socket: Socket, options: SocketOptions) => {
        if (options._agentKey !== undefined)
          this.#names.set(`${options.host}:${options.port}`, options._agentKey);
      });
    }

    override getName(options?: SocketOptions): string {
      return options?._agentKey ?? super.getName(options);
    }

    addRequest(request: ClientRequest & { timeout?: number }, options: SocketOptions): void {
      const name = this.#names.get(`${options.host}:${options.port}`);
      const idle = name === undefined ? undefined : (this.freeSockets as Record<string, Socket[]>)[name];
      if (name === undefined || idle === undefined) {
        (base.prototype as unknown as Addable).addRequest.call(this, request, options);
        return;
      }
      const sockets = this.sockets as Record<string, Socket[]>;
      if (!sockets[name]) sockets[name] = [];
      while (idle.length && (idle[0] as Socket).destroyed) idle.shift();
      const socket =
        (this as unknown as { scheduling: string }).scheduling === "fifo" ? idle.shift() : idle.pop();
      if (!idle.length) delete (this.freeSockets as Record<string, Socket[]>)[name];
      if (socket === undefined) {
        (base.prototype as unknown as Addable).addRequest.call(this, request, options);
        return;
      }
      resetAsyncId(socket);
      this.reuseSocket(socket, request);
      request.onSocket(socket);
      const agentTimeout = (this as unknown as { options: { timeout?: number } }).options.timeout || 0;
      if (request.timeout !== undefined && request.timeout !== agentTimeout)
        socket.setTimeout(request.timeout);
      sockets[name].push(socket);
    }

    override keepSocketAlive(socket: Duplex): boolean {
      const tcp = socket as Socket & { _httpMessage?: { res?: { rawHeaders: string[] } | null } | null };
      tcp.setKeepAlive(true, (this as unknown as { keepAliveMsecs: number }).keepAliveMsecs);
      tcp.unref();
      let agentTimeout = (this as unknown as { options: { timeout?: number } }).options.timeout || 0;
      let canKeepSocketAlive = true;
      const response = tcp._httpMessage?.res;
      if (response) {
        const keepAliveHint = headerLine(response.rawHeaders, "keep-alive");
        if (keepAliveHint) {
          const hint = /^timeout=(\d+)/.exec(keepAliveHint)?.[1];
          if (hint) {
            // As node: expire a second before the announced timeout, never reuse when that is 0.
            let serverHintTimeout = Number.parseInt(hint, 10) * 1000 - KEEP_ALIVE_TIMEOUT_BUFFER_MS;
            serverHintTimeout = Math.max(serverHintTimeout, 0);
            if (serverHintTimeout === 0) canKeepSocketAlive = false;
            else if (serverHintTimeout < agentTimeout) agentTimeout = serverHintTimeout;
          }
        }
      }
      if (tcp.timeout !== agentTimeout) tcp.setTimeout(agentTimeout);
      return canKeepSocketAlive;
    }
  };
}

/** What node's agent subtracts from a server's keep-alive timeout hint (HTTP_AGENT_KEEP_ALIVE_TIMEOUT_BUFFER). */
const KEEP_ALIVE_TIMEOUT_BUFFER_MS = 1000;

interface SocketOptions {
  host?: string | null;
  port?: number | string | null;
  _agentKey?: string;
}

interface Addable {
  addRequest(request: ClientRequest, options: SocketOptions): void;
}

/** net.Socket's own key for its async id (node's internal `async_id_symbol`), found on first use. */
let asyncIdKey: symbol | undefined;

/** What Agent#addRequest does to a reused socket: a new async id, as if the handle were new. */
function resetAsyncId(socket: Socket): void {
  const handle = (socket as unknown as { _handle?: AsyncHandle | null })._handle;
  if (!handle || typeof handle.asyncReset !== "function") return;
  handle.asyncReset(new ReusedHandle(handle.getProviderType(), handle));
  asyncIdKey ??= Object.getOwnPropertySymbols(socket).find((key) => key.description === "async_id_symbol");
  if (asyncIdKey) (socket as unknown as Record<symbol, number>)[asyncIdKey] = handle.getAsyncId();
}

interface AsyncHandle {
  asyncReset(resource: object): void;
  getProviderType(): number;
  getAsyncId(): number;
}

/** The resource async hooks see for a reused socket, as node's agent makes it. */
class ReusedHandle {
  constructor(
    readonly type: number,
    readonly handle: AsyncHandle,
  ) {}
}

export const FastReuseHttpAgent = fastReuse(HttpAgent);
export const FastReuseHttpsAgent = fastReuse(HttpsAgent as unknown as typeof HttpAgent);
