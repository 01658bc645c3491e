import type { ServerResponse } from "node:http";
import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

export interface SessionLimits {
  /** A session unused this long is closed; its client gets 404 and initializes again. */
  idleMs: number;
  /** Most open sessions in all. */
  maxSessions: number;
  /** Most open sessions one virtual key may hold. */
  maxSessionsPerKey: number;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  /** The virtual key that opened it: another key may not use it. */
  key: string;
  lastUsed: number;
  /** Requests (POST, DELETE) being served on it now; such a session is not idle. */
  busy: number;
}

/**
 * The open MCP sessions, bounded: each expires after `idleMs` without a request, and opening one
 * beyond a cap (per key, then in all) first closes the least recently used idle session (of that
 * key, then of anyone's). When every session at the cap is busy, the new one is refused.
 */
export function createSessionRegistry(limits: SessionLimits, now: () => number = Date.now) {
  const sessions = new Map<string, Session>();
  const sweeper = setInterval(sweep, Math.max(1_000, Math.min(60_000, limits.idleMs / 4))).unref();

  function expired(session: Session, at: number): boolean {
    return session.busy === 0 && at - session.lastUsed >= limits.idleMs;
  }

  function close(id: string): void {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    void session.transport.close().catch(() => undefined);
  }

  function sweep(): void {
    const at = now();
    for (const [id, session] of sessions) if (expired(session, at)) close(id);
  }

  /** The least recently used idle session among those `matching`, if any. */
  function oldestIdle(matching: (session: Session) => boolean): string | undefined {
    let oldest: [string, Session] | undefined;
    for (const entry of sessions) {
      const [, session] = entry;
      if (session.busy > 0 || !matching(session)) continue;
      if (!oldest || session.lastUsed < oldest[1].lastUsed) oldest = entry;
    }
    return oldest?.[0];
  }

  function countOf(key: string): number {
    let count = 0;
    for (const session of sessions.values()) if (session.key === key) count++;
    return count;
  }

  return {
    /** The live session with this id (refreshing its idle clock), or undefined when unknown or expired. */
    get(id: string): Session | undefined {
      const session = sessions.get(id);
      if (!session) return undefined;
      const at = now();
      if (expired(session, at)) {
        close(id);
        return undefined;
      }
      session.lastUsed = at;
      return session;
    },
    /**
     * Makes room for one more session of `key`: closes the oldest idle ones over a cap. Returns
     * false when a cap is reached and every session under it is busy.
     */
    makeRoom(key: string): boolean {
      sweep();
      while (countOf(key) >= limits.maxSessionsPerKey) {
        const victim = oldestIdle((session) => session.key === key);
        if (!victim) return false;
        close(victim);
      }
      while (sessions.size >= limits.maxSessions) {
        const victim = oldestIdle(() => true);
        if (!victim) return false;
        close(victim);
      }
      return true;
    },
    /** Marks the session busy until `response` closes; then its idle clock starts again. */
    hold(session: Session, response: ServerResponse): void {
      session.busy++;
      response.once("close", () => {
        session.busy--;
        session.lastUsed = now();
      });
    },
    add(id: string, transport: StreamableHTTPServerTransport, key: string): void {
      sessions.set(id, { transport, key, lastUsed: now(), busy: 0 });
    },
    /** Forgets a session its transport closed (DELETE, or the client went away). */
    remove(id: string): void {
      sessions.delete(id);
    },
    get size(): number {
      return sessions.size;
    },
    async closeAll(): Promise<void> {
      clearInterval(sweeper);
      const transports = [...sessions.values()].map((session) => session.transport);
      sessions.clear();
      await Promise.allSettled(transports.map((transport) => transport.close()));
    },
  };
}

export type SessionRegistry = ReturnType<typeof createSessionRegistry>;
