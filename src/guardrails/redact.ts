import type { Finding } from "./types.js";

/**
 * Typed, numbered placeholders shared by every message of one check: the same value always gets the
 * same placeholder (`[EMAIL_1]` twice), so the model can still refer to it and `restore` can undo it.
 */
export class PlaceholderBook {
  readonly placeholders = new Map<string, string>();
  private readonly byValue = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  placeholderFor(type: string, value: string): string {
    const label = type.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
    const key = `${label}\u0000${value}`;
    const existing = this.byValue.get(key);
    if (existing !== undefined) return existing;
    const count = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, count);
    const placeholder = `[${label}_${count}]`;
    this.byValue.set(key, placeholder);
    this.placeholders.set(placeholder, value);
    return placeholder;
  }
}

/** Replaces each finding's span with its placeholder; overlapping spans merge under the first one's type. */
export function redactText(text: string, findings: readonly Finding[], book: PlaceholderBook): string {
  if (findings.length === 0) return text;
  const sorted = [...findings].sort((left, right) => left.start - right.start || right.end - left.end);
  const parts: string[] = [];
  let cursor = 0;
  let index = 0;
  while (index < sorted.length) {
    const first = sorted[index] as Finding;
    let end = first.end;
    index++;
    while (index < sorted.length && (sorted[index] as Finding).start < end) {
      end = Math.max(end, (sorted[index] as Finding).end);
      index++;
    }
    const start = Math.max(first.start, cursor);
    parts.push(text.slice(cursor, start), book.placeholderFor(first.type, text.slice(start, end)));
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}

const PLACEHOLDER = /\[[A-Z0-9_]+_\d+\]/g;

/** Puts original values back wherever the answer repeats a placeholder this check issued. */
export function restorePlaceholders(text: string, placeholders: Map<string, string>): string {
  if (placeholders.size === 0) return text;
  return text.replace(PLACEHOLDER, (placeholder) => placeholders.get(placeholder) ?? placeholder);
}
