import { describe, expect, it } from "vitest";
import { Cancellation, type CancelSignal, throwIfCancelled, toAbortSignal } from "../../src/cancel-signal.js";

describe("Cancellation", () => {
  it("runs each listener once, on the first abort, with the reason set before they run", () => {
    const cancellation = new Cancellation();
    const seen: unknown[] = [];
    const listener = () => seen.push(cancellation.reason);
    cancellation.addEventListener("abort", listener);
    cancellation.addEventListener("abort", listener); // the same listener twice counts once, as on EventTarget
    cancellation.abort("gone");
    cancellation.abort("again");
    expect(seen).toEqual(["gone"]);
    expect(cancellation.aborted).toBe(true);
    expect(cancellation.reason).toBe("gone");
  });

  it("skips removed listeners and those added after the abort", () => {
    const cancellation = new Cancellation();
    let calls = 0;
    const removed = () => calls++;
    cancellation.addEventListener("abort", removed);
    cancellation.removeEventListener("abort", removed);
    cancellation.abort();
    cancellation.addEventListener("abort", () => calls++);
    expect(calls).toBe(0);
  });

  it("aborts with an AbortError by default, like AbortController", () => {
    const cancellation = new Cancellation();
    cancellation.abort();
    expect(cancellation.reason).toBeInstanceOf(DOMException);
    expect((cancellation.reason as DOMException).name).toBe("AbortError");
  });

  it("is the shape an AbortSignal already has", () => {
    const signal: CancelSignal = new AbortController().signal;
    expect(signal.aborted).toBe(false);
  });

  it("becomes an AbortSignal for SDKs: the same one when it already is, a linked one otherwise", () => {
    const native = new AbortController().signal;
    expect(toAbortSignal(native)).toBe(native);
    expect(toAbortSignal(undefined)).toBeUndefined();
    const cancellation = new Cancellation();
    const linked = toAbortSignal(cancellation);
    expect(linked?.aborted).toBe(false);
    cancellation.abort("timeout");
    expect(linked?.aborted).toBe(true);
    expect(linked?.reason).toBe("timeout");
    const late = new Cancellation();
    late.abort("early");
    expect(toAbortSignal(late)?.reason).toBe("early");
  });

  it("throwIfCancelled throws the reason only once aborted", () => {
    const cancellation = new Cancellation();
    expect(() => throwIfCancelled(cancellation)).not.toThrow();
    expect(() => throwIfCancelled(undefined)).not.toThrow();
    cancellation.abort(new Error("stop"));
    expect(() => throwIfCancelled(cancellation)).toThrow("stop");
  });
});
