import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/http/rate-limit.js";

describe("createRateLimiter (sliding window per key)", () => {
  it("allows rpm requests a minute per key, then says when the next one fits", () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ now: () => now });
    expect(limiter.take("a", 2)).toEqual({ allowed: true });
    now += 10_000;
    expect(limiter.take("a", 2)).toEqual({ allowed: true });
    expect(limiter.take("a", 2)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(limiter.take("b", 2)).toEqual({ allowed: true });
    now += 50_000; // the first request leaves the window
    expect(limiter.take("a", 2)).toEqual({ allowed: true });
    expect(limiter.take("a", 2)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it("never asks to wait less than a second", () => {
    let now = 0;
    const limiter = createRateLimiter({ now: () => now });
    limiter.take("a", 1);
    now = 59_999;
    expect(limiter.take("a", 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
