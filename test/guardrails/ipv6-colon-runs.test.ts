import validator from "validator";
import { describe, expect, it } from "vitest";
import { findIpv6 } from "../../src/guardrails/pii-ipv6.js";
import { longestStall } from "../support/loop-gaps.js";
import { seededRandom } from "../support/seeded-random.js";

const found = (text: string) =>
  findIpv6(text).map((match) => [text.slice(match.start, match.end), match.score]);

describe("IPv6 candidates with a run of colons", () => {
  it("are never an address, as validator reads one", () => {
    // Why a candidate holding `:::` is left out before its other checks: validation would refuse it.
    const random = seededRandom(36);
    const alphabet = "0123456789abcdefABCDEF:.%";
    for (let round = 0; round < 20_000; round++) {
      let text = "";
      for (let index = Math.floor(random() * 20); index > 0; index--)
        text += alphabet[Math.floor(random() * alphabet.length)];
      const at = Math.floor(random() * (text.length + 1));
      const candidate = `${text.slice(0, at)}:::${text.slice(at)}`;
      expect(validator.isIP(candidate, 6), candidate).toBe(false);
    }
    for (const address of ["::", "::1", "2001:db8::1", "1::", "::ffff:192.0.2.1", "fe80::1%eth0"])
      expect(validator.isIP(address.replace("::", ":::"), 6)).toBe(false);
  });

  it("leave the addresses around them as they were found", () => {
    // As main at 815d92c found them.
    expect(found("ip ::")).toEqual([["::", 0.85]]);
    expect(found("ip :::")).toEqual([]);
    expect(found("::1 :::1 1:::2")).toEqual([["::1", 0.85]]);
    expect(found("2001:db8::1 2001:db8:::1 2001:db8::1:::")).toEqual([["2001:db8::1", 0.9]]);
    expect(found("fe80::1 :::: 2001:db8::2")).toEqual([
      ["fe80::1", 0.85],
      ["2001:db8::2", 0.9],
    ]);
    expect(found("::::::::")).toEqual([]);
    expect(found("a:b:c::d")).toEqual([["a:b:c::d", 0.9]]);
  });

  it("read a megabyte of colons without holding the thread", async () => {
    // Every other colon of the run starts a candidate of 45 characters: 500,000 of them, each read
    // through its checks before (~300 ms), now left at the first (~90 ms). The bound is ten times that.
    const text = ":".repeat(1 << 20);
    let addresses = -1;
    const held = await longestStall(
      async () => {
        addresses = findIpv6(text).length;
      },
      "immediate",
      "held",
    );
    expect(addresses).toBe(0);
    expect(held).toBeLessThan(900);
  });
});
