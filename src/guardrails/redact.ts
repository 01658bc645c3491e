import type { Finding } from "./types.js";

/**
 * Typed, numbered placeholders shared by every message of one check: the same value always gets the
 * same placeholder (`[EMAIL_1]` twice), so the model can still refer to it and `restore` can undo it.
 */
export class PlaceholderBook {
  readonly placeholders = new Map<string, string>();
  /** Per label, the placeholder of each value: no `label + value` key string is built and hashed per finding. */
  private readonly byValue = new Map<string, Map<string, string>>();
  private readonly counters = new Map<string, number>();

  placeholderFor(type: string, value: string): string {
    const label = labelOf(type);
    let values = this.byValue.get(label);
    if (values === undefined) {
      values = new Map();
      this.byValue.set(label, values);
    }
    const existing = values.get(value);
    if (existing !== undefined) return existing;
    const count = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, count);
    const placeholder = `[${label}_${count}]`;
    values.set(value, placeholder);
    this.placeholders.set(placeholder, value);
    return placeholder;
  }
}

/** A finding type's placeholder label (`credit_card` -> `CREDIT_CARD`), made once per type. */
const labels = new Map<string, string>();
/** Types are the detectors' own few hundred; the bound only keeps the cache from growing unchecked. */
const MAX_LABELS = 4096;

function labelOf(type: string): string {
  let label = labels.get(type);
  if (label === undefined) {
    label = type.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
    if (labels.size < MAX_LABELS) labels.set(type, label);
  }
  return label;
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
