import { ModelmuxError } from "../errors.js";
import { roundUsd } from "../usage/round-usd.js";
import type { BudgetGate, BudgetReservation } from "./hooks.js";
import type { CallerContext } from "./route-types.js";

export interface SessionBudgetStatus {
  spent_usd: number;
  /** null when the session has no limit. */
  remaining_usd: number | null;
  limit_usd: number | null;
  reserved_usd: number;
}

interface Envelope {
  limit: number | null;
  spent: number;
  reserved: number;
}

/** stdio is one session per process; HTTP requests without an Mcp-Session-Id share this one too. */
export const PROCESS_SESSION = "process";

export function sessionOf(caller: Pick<CallerContext, "sessionId">): string {
  return caller.sessionId ?? PROCESS_SESSION;
}

/**
 * A spending envelope per MCP session that the agent itself can see and set. Calls reserve
 * their worst case first, so concurrent calls cannot overshoot it.
 */
export function createSessionBudgets(defaultLimitUsd: number | undefined) {
  const envelopes = new Map<string, Envelope>();

  function envelope(session: string): Envelope {
    let found = envelopes.get(session);
    if (!found) {
      found = { limit: defaultLimitUsd ?? null, spent: 0, reserved: 0 };
      envelopes.set(session, found);
    }
    return found;
  }

  function status(session: string): SessionBudgetStatus {
    const { limit, spent, reserved } = envelope(session);
    return {
      spent_usd: roundUsd(spent),
      remaining_usd: limit === null ? null : roundUsd(Math.max(0, limit - spent)),
      limit_usd: limit,
      reserved_usd: roundUsd(reserved),
    };
  }

  const gate: BudgetGate = {
    reserve(caller, worstCaseUsd): BudgetReservation {
      const session = sessionOf(caller);
      const entry = envelope(session);
      if (entry.limit !== null && entry.spent + entry.reserved + worstCaseUsd > entry.limit) {
        const left = roundUsd(Math.max(0, entry.limit - entry.spent - entry.reserved));
        throw new ModelmuxError(
          "BUDGET_EXCEEDED",
          `session budget: this call may cost up to $${roundUsd(worstCaseUsd)} but the session has $${left} left of $${entry.limit} ` +
            `($${roundUsd(entry.spent)} spent, $${roundUsd(entry.reserved)} reserved by calls in flight). Lower max_tokens, pick a cheaper model, or raise it with set_session_budget.`,
          { budget: "session", quote_max_usd: roundUsd(worstCaseUsd), ...status(session) },
        );
      }
      entry.reserved += worstCaseUsd;
      let open = true;
      const close = (actualUsd: number) => {
        if (!open) return;
        open = false;
        entry.reserved -= worstCaseUsd;
        entry.spent += actualUsd;
      };
      return { settle: close, release: () => close(0) };
    },
  };

  return {
    gate,
    status,
    setLimit(session: string, limitUsd: number | null): SessionBudgetStatus {
      envelope(session).limit = limitUsd;
      return status(session);
    },
    /** Frees the memory of a closed HTTP session. */
    forget(session: string): void {
      envelopes.delete(session);
    },
  };
}

export type SessionBudgets = ReturnType<typeof createSessionBudgets>;

/** Reserves against every gate (session, key, global); if one refuses, the others are released. */
export function composeBudgetGates(...gates: BudgetGate[]): BudgetGate {
  return {
    reserve(caller, worstCaseUsd) {
      const held: BudgetReservation[] = [];
      const combined: BudgetReservation = {
        settle: (actualUsd) => {
          for (const reservation of held) reservation.settle(actualUsd);
        },
        release: () => {
          for (const reservation of held) reservation.release();
        },
      };
      const refuse = (error: unknown): never => {
        for (const reservation of held) reservation.release();
        throw error;
      };
      // Synchronous while every gate is; from the first asynchronous one (Redis) on, a promise.
      const from = (start: number): BudgetReservation | Promise<BudgetReservation> => {
        for (let index = start; index < gates.length; index++) {
          let reserved: BudgetReservation | Promise<BudgetReservation>;
          try {
            reserved = (gates[index] as BudgetGate).reserve(caller, worstCaseUsd);
          } catch (error) {
            return refuse(error);
          }
          if (reserved instanceof Promise) {
            return reserved.then((reservation) => {
              held.push(reservation);
              return from(index + 1);
            }, refuse);
          }
          held.push(reserved);
        }
        return combined;
      };
      return from(0);
    },
  };
}
