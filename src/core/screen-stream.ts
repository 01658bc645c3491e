import type { StreamDelta, ToolCallDelta } from "../chat/types.js";
// From the modules themselves: the index would load every detector (validator, libphonenumber's
// metadata) at start-up.
import { PlaceholderBook, redactText } from "../guardrails/redact.js";
import { type Finding, GUARDRAIL_KINDS, type Guardrails } from "../guardrails/types.js";
import { jsonEscaped } from "./screen-guardrails.js";

/**
 * Output guardrails for a streamed answer, as it streams. Text is released up to the last
 * delimiter (whitespace; in tool-call arguments also JSON punctuation), so every word a detector
 * reads is whole when it is screened: a secret is never sent in two halves. Each release is
 * checked with the text before it as context (`"api_key": "…"` arrives in pieces), redacted or the
 * stream blocked by the output policy, and the caller's placeholders are put back. When the output
 * policy redacts or blocks PII, a few words are also held back, so a spaced card or phone number
 * is seen whole. An unfinished `-----BEGIN … PRIVATE KEY` block is held until it ends.
 */

/** Held back when PII is redacted on output: longer than a spaced card, IBAN or phone number. */
const PII_HOLD_CHARS = 48;
/** Text already released that the next check reads as context (a secret's name before its value). */
const CONTEXT_CHARS = 64;
/** Released anyway when no delimiter came for this long (one enormous token). */
const MAX_PENDING_CHARS = 4096;
const PEM_BEGIN = "-----BEGIN";
const PEM_END = "-----END";
const PEM_DASHES = "-----";

export interface StreamScreen {
  /** Wraps the caller's onDelta. */
  push(delta: StreamDelta): void;
  /** Releases what is still held (the answer is complete). */
  end(): void;
  /** True once any delta has gone to the caller (held text has not). */
  started(): boolean;
  /** Drops every held piece: the attempt that sent them failed, another one answers. */
  discard(): void;
  /** The findings that blocked the answer; nothing more is released once set. */
  readonly blockedBy: readonly Finding[] | undefined;
}

interface Channel {
  pending: string;
  /** The end of the raw text already released, read as context. */
  context: string;
  isArguments: boolean;
  /** Tool-call arguments carry JSON strings: restored values are JSON-escaped. */
  escapeRestored: boolean;
}

export function createStreamScreen(
  guardrails: Guardrails,
  placeholders: Map<string, string>,
  send: (delta: StreamDelta) => void,
): StreamScreen {
  const channels = new Map<string, Channel>();
  const book = new PlaceholderBook();
  const hold =
    guardrails.actionFor("pii", "output") === "redact" || guardrails.actionFor("pii", "output") === "block"
      ? PII_HOLD_CHARS
      : 0;
  const escaped = jsonEscaped(placeholders);
  // Only kinds the output policy redacts or blocks can change a piece: warnings are the whole
  // answer's business (screenOutput reports them at the end).
  const only = GUARDRAIL_KINDS.filter((kind) => {
    const action = guardrails.actionFor(kind, "output");
    return action === "redact" || action === "block";
  });
  let blockedBy: Finding[] | undefined;
  let sent = false;

  const channelOf = (name: string, isArguments: boolean, escapeRestored = false): Channel => {
    let found = channels.get(name);
    if (!found) {
      found = { pending: "", context: "", isArguments, escapeRestored };
      channels.set(name, found);
    }
    return found;
  };

  /** Screens and returns the releasable text of a channel (all of it when `all`). */
  const release = (channel: Channel, all: boolean): string => {
    const text = channel.pending;
    let cut = all ? text.length : cutPoint(text, hold, channel.isArguments);
    if (cut === 0) return "";
    const context = channel.context;
    const findings =
      only.length === 0 ? [] : guardrails.check({ text: context + text, direction: "output", only }).findings;
    // A finding across the cut is not whole yet: release only what comes before it.
    for (const finding of findings) {
      const start = finding.start - context.length;
      if (start < cut && finding.end - context.length > cut && !all) cut = Math.max(0, start);
    }
    if (cut === 0) return "";
    const released = text.slice(0, cut);
    channel.pending = text.slice(cut);
    channel.context = (context + released).slice(-CONTEXT_CHARS);
    const hidden: Finding[] = [];
    for (const finding of findings) {
      const start = Math.max(0, finding.start - context.length);
      const end = Math.min(cut, finding.end - context.length);
      if (end <= start) continue;
      const action = guardrails.actionFor(finding.kind, "output");
      if (action === "block") blockedBy = [...(blockedBy ?? []), finding];
      if (action === "redact" || action === "block") hidden.push({ ...finding, start, end });
    }
    if (blockedBy) return "";
    const safe = redactText(released, hidden, book);
    if (placeholders.size === 0) return safe;
    return guardrails.restore(safe, channel.escapeRestored ? escaped : placeholders);
  };

  const releaseText = (choice: number, field: "content" | "refusal", all: boolean, out: StreamDelta) => {
    const channel = channels.get(`${choice}:${field}`);
    if (!channel || channel.pending.length === 0) return;
    const text = release(channel, all);
    if (text) out[field] = text;
  };

  const releaseArguments = (choice: number, index: number, all: boolean): ToolCallDelta | undefined => {
    const channel = channels.get(`${choice}:tool:${index}`);
    if (!channel || channel.pending.length === 0) return undefined;
    const text = release(channel, all);
    if (!text) return undefined;
    return channel.escapeRestored
      ? { index, function: { arguments: text } }
      : { index, custom: { input: text } };
  };

  const flush = (out: StreamDelta) => {
    if (blockedBy) return;
    if (
      out.content !== undefined ||
      out.refusal !== undefined ||
      out.toolCalls !== undefined ||
      out.logprobs !== undefined ||
      out.extra
    ) {
      sent = true;
      send(out);
    }
  };

  return {
    get blockedBy() {
      return blockedBy;
    },
    started: () => sent,
    discard: () => channels.clear(),
    push(delta) {
      if (blockedBy) return;
      const out: StreamDelta = { choice: delta.choice };
      if (delta.logprobs !== undefined) out.logprobs = delta.logprobs;
      if (delta.extra) out.extra = delta.extra;
      for (const field of ["content", "refusal"] as const) {
        const piece = delta[field];
        if (piece === undefined) continue;
        channelOf(`${delta.choice}:${field}`, false).pending += piece;
        releaseText(delta.choice, field, false, out);
      }
      // The text before a tool call is complete once the call starts: it goes out first, in order.
      if (delta.toolCalls?.length)
        for (const field of ["content", "refusal"] as const) releaseText(delta.choice, field, true, out);
      for (const call of delta.toolCalls ?? []) {
        const isCustom = call.type === "custom" || call.custom !== undefined;
        const channel = channelOf(`${delta.choice}:tool:${call.index}`, true, !isCustom);
        // The call's id, type and name go at once; only its input is screened.
        const header = withoutInput(call);
        const piece = isCustom ? call.custom?.input : call.function?.arguments;
        if (piece) channel.pending += piece;
        const released = releaseArguments(delta.choice, call.index, false);
        const merged = released ? mergeToolDelta(header, released) : header;
        if (merged) {
          out.toolCalls ??= [];
          out.toolCalls.push(merged);
        }
      }
      flush(out);
    },
    end() {
      if (blockedBy) return;
      for (const [name, channel] of channels) {
        if (channel.pending.length === 0) continue;
        const [choiceText, kind, index] = name.split(":");
        const choice = Number(choiceText);
        const out: StreamDelta = { choice };
        if (kind === "tool") {
          const released = releaseArguments(choice, Number(index), true);
          if (released) out.toolCalls = [released];
        } else releaseText(choice, kind as "content" | "refusal", true, out);
        flush(out);
      }
    },
  };
}

/** The fragment without its input text; undefined when nothing else is in it. */
function withoutInput(call: ToolCallDelta): ToolCallDelta | undefined {
  if (
    call.id === undefined &&
    call.type === undefined &&
    call.function?.name === undefined &&
    call.custom?.name === undefined
  )
    return undefined;
  const header: ToolCallDelta = { index: call.index };
  if (call.id !== undefined) header.id = call.id;
  if (call.type !== undefined) header.type = call.type;
  if (call.function) header.function = call.function.name === undefined ? {} : { name: call.function.name };
  if (call.custom) header.custom = call.custom.name === undefined ? {} : { name: call.custom.name };
  return header;
}

function mergeToolDelta(header: ToolCallDelta | undefined, input: ToolCallDelta): ToolCallDelta {
  if (!header) return input;
  const merged: ToolCallDelta = { ...header };
  if (input.function) merged.function = { ...header.function, ...input.function };
  if (input.custom) merged.custom = { ...header.custom, ...input.custom };
  return merged;
}

function isDelimiter(code: number, isArguments: boolean): boolean {
  if (code === 32 || code === 10 || code === 9 || code === 13) return true;
  // In JSON arguments a value ends at a quote, comma, colon or brace.
  return isArguments && (code === 34 || code === 44 || code === 58 || code === 123 || code === 125);
}

/**
 * Where held text may be cut: just after the last delimiter that leaves `hold` characters
 * behind it, and before an unfinished private-key block. 0: hold everything for now.
 */
function cutPoint(text: string, hold: number, isArguments: boolean): number {
  let cut = 0;
  for (let index = text.length - hold - 1; index >= 0; index--) {
    if (isDelimiter(text.charCodeAt(index), isArguments)) {
      cut = index + 1;
      break;
    }
  }
  if (cut === 0 && text.length >= MAX_PENDING_CHARS) {
    cut = text.length - hold;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  }
  const begin = text.lastIndexOf(PEM_BEGIN, cut);
  if (begin >= 0 && !hasPemFooter(text, begin)) cut = Math.min(cut, begin);
  return cut;
}

/** True when the key block starting at `begin` has its whole `-----END … KEY-----` line. */
function hasPemFooter(text: string, begin: number): boolean {
  const footer = text.indexOf(PEM_END, begin);
  return footer >= 0 && text.indexOf(PEM_DASHES, footer + PEM_END.length) >= 0;
}
