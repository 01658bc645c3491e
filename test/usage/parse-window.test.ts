import { describe, expect, it } from "vitest";
import { parseDuration, parseWindow } from "../../src/usage/index.js";

const NOW = Date.UTC(2025, 5, 10, 12);
const HOUR = 3_600_000;

describe("parseWindow", () => {
  it("reads `last` back from now, defaulting to the last 24 hours", () => {
    expect(parseWindow({}, NOW)).toEqual({ since: NOW - 24 * HOUR, until: NOW });
    expect(parseWindow({ last: "30m" }, NOW)).toEqual({ since: NOW - HOUR / 2, until: NOW });
    expect(parseWindow({ last: "7d" }, NOW)).toEqual({ since: NOW - 7 * 24 * HOUR, until: NOW });
    expect(parseWindow({ last: "2w" }, NOW).since).toBe(NOW - 14 * 24 * HOUR);
    expect(parseDuration("1.5h")).toBe(1.5 * HOUR);
  });

  it("reads ISO dates and durations ago for since/until", () => {
    expect(parseWindow({ since: "2025-06-01", until: "2025-06-02T00:00:00Z" }, NOW)).toEqual({
      since: Date.UTC(2025, 5, 1),
      until: Date.UTC(2025, 5, 2),
    });
    expect(parseWindow({ since: "7d", until: "1d" }, NOW)).toEqual({
      since: NOW - 168 * HOUR,
      until: NOW - 24 * HOUR,
    });
    expect(parseWindow({ last: "1h", until: "2025-06-01T01:00:00Z" }, NOW)).toEqual({
      since: Date.UTC(2025, 5, 1),
      until: Date.UTC(2025, 5, 1, 1),
    });
  });

  it("names the field in every error", () => {
    expect(() => parseWindow({ last: "yesterday" }, NOW)).toThrow(
      /^last: expected a duration like 30m, 24h, 7d/,
    );
    expect(() => parseWindow({ last: "0h" }, NOW)).toThrow(/^last:/);
    expect(() => parseWindow({ since: "last tuesday" }, NOW)).toThrow(/^since: expected an ISO 8601 date/);
    expect(() => parseWindow({ since: "2025-13-45" }, NOW)).toThrow(/^since:/);
    expect(() => parseWindow({ until: "soon" }, NOW)).toThrow(/^until:/);
    expect(() => parseWindow({ last: "1h", since: "2d" }, NOW)).toThrow(
      /^last: give `last` or `since`, not both/,
    );
    expect(() => parseWindow({ since: "1h", until: "2h" }, NOW)).toThrow(/^since: must be before until/);
  });
});
