import { describe, expect, it } from "vitest";
import { anthropicSnapshot } from "../../src/providers/anthropic/anthropic-snapshot.js";

const NOW = Date.UTC(2026, 11, 1);

describe("anthropicSnapshot", () => {
  it("takes a dated snapshot of the alias, including aliases ending in -latest or -0", () => {
    expect(anthropicSnapshot("claude-sonnet-4-5", "claude-sonnet-4-5-20250929", NOW)).toBe(
      "claude-sonnet-4-5-20250929",
    );
    expect(anthropicSnapshot("claude-3-5-haiku-latest", "claude-3-5-haiku-20241022", NOW)).toBe(
      "claude-3-5-haiku-20241022",
    );
    expect(anthropicSnapshot("claude-sonnet-4-0", "claude-sonnet-4-20250514", NOW)).toBe(
      "claude-sonnet-4-20250514",
    );
    expect(anthropicSnapshot("claude-opus-4-5", "anthropic/claude-opus-4-5-20251101", NOW)).toBe(
      "claude-opus-4-5-20251101",
    );
  });

  it("refuses other models, undated names, impossible or future dates", () => {
    expect(anthropicSnapshot("claude-sonnet-4-5", "claude-opus-4-5-20251101", NOW)).toBeUndefined();
    expect(anthropicSnapshot("claude-sonnet-4-5", "claude-sonnet-4-5", NOW)).toBeUndefined();
    expect(anthropicSnapshot("claude-sonnet-4-5", "claude-sonnet-4.5-20250929", NOW)).toBeUndefined();
    expect(anthropicSnapshot("claude-sonnet-4-5", "claude-sonnet-4-5-20250931", NOW)).toBeUndefined();
    expect(anthropicSnapshot("claude-sonnet-4-5", "claude-sonnet-4-5-20270101", NOW)).toBeUndefined();
    expect(anthropicSnapshot("claude-sonnet-4-5", "claude-sonnet-4-5-19990101", NOW)).toBeUndefined();
    expect(anthropicSnapshot("claude-sonnet-4-5", undefined, NOW)).toBeUndefined();
  });
});
