import type { BudgetSlot } from "./budget-slots.js";

export interface SlotState {
  spentNano: number;
  reservedNano: number;
}

/** A reservation that did not fit: the first budget it would break and that budget's state. */
export interface Refusal {
  slot: BudgetSlot;
  state: SlotState;
}

/** Where a slot's spend starts when first seen: what the ledger already holds for its period. */
export type SeedSpend = (slot: BudgetSlot) => number;

/** True when holding `amountNano` more would break the budget (or it is already spent). */
export function breaks(state: SlotState, amountNano: number, limitNano: number): boolean {
  return state.spentNano >= limitNano || state.spentNano + state.reservedNano + amountNano > limitNano;
}

/**
 * Budget counters in this process. Synchronous, so check-and-hold is atomic on the event loop:
 * concurrent calls can only overshoot by what is reserved and not yet settled.
 */
export function createMemoryBudgetStore(seed: SeedSpend) {
  const states = new Map<string, SlotState>();

  function stateOf(slot: BudgetSlot): SlotState {
    let state = states.get(slot.id);
    if (!state) {
      state = { spentNano: seed(slot), reservedNano: 0 };
      states.set(slot.id, state);
    }
    return state;
  }

  return {
    reserve(slots: BudgetSlot[], amountNano: number): Refusal | null {
      for (const slot of slots) {
        const state = stateOf(slot);
        if (breaks(state, amountNano, slot.limitNano)) return { slot, state: { ...state } };
      }
      for (const slot of slots) stateOf(slot).reservedNano += amountNano;
      return null;
    },
    settle(slots: BudgetSlot[], amountNano: number, actualNano: number): void {
      for (const slot of slots) {
        const state = stateOf(slot);
        state.reservedNano = Math.max(0, state.reservedNano - amountNano);
        state.spentNano += actualNano;
      }
    },
    read(slots: BudgetSlot[]): SlotState[] {
      return slots.map((slot) => ({ ...stateOf(slot) }));
    },
  };
}

export type MemoryBudgetStore = ReturnType<typeof createMemoryBudgetStore>;
