import { asciiClass, skipBackOver } from "./char-class.js";
import { isRandomValue } from "./random-value.js";
import { runEnd, spanMemory } from "./run-end.js";
import type { ParsedSecret, SecretParser } from "./secret-parsers.js";

/**
 * A webhook's URL with a random part in its path: `https://hooks.<vendor>.com/…/<random>`,
 * `<tenant>.webhook.<vendor>.com/…`, `…/api/webhooks/<id>/<random>`. Whoever holds the URL can post
 * to the hook: the URL is the credential, as Slack's, Teams', Discord's and Zapier's docs say of
 * theirs, and a vendor's hook no rule knows is read the same way. The random part: a path segment
 * drawn at random (random-value.ts: 16 to 200 characters with a letter and a digit, entropy 3.5 or
 * more, not a stand-in such as `XXXXXXXX` or `your-…`), not a UUID; a segment of digits alone
 * (`/hooks/12345678`, a settings page's id) is not one. The finding runs from the host (or the path's `webhooks` segment) to the URL's end. Score 0.7.
 */
const isHostChar = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-");
const isPathChar = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/%+=@");
const MAX_HOST = 80;
const MAX_URL = 400;
const SCORE = 0.7;

/** A UUID names an object (a request bin's, a tenant's) as often as it keys one. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function randomSegment(segment: string): boolean {
  return isRandomValue(segment) && !UUID.test(segment);
}

const urlEnd = runEnd(isPathChar);
// The last URL read: the same scan's later hits inside it (`hooks.…/…/webhooks/…`, a megabyte of
// `hooks.a/hooks.a/…`) were answered by the hit that read it.
const lastUrl = spanMemory();

export function webhookUrl(text: string, index: number): ParsedSecret | undefined {
  if (lastUrl.answered(text, index)) return undefined;
  // The host, or the path's segment, holding the hit: `hooks.slack.com`, `acme.webhook.office.com`,
  // `/api/webhooks/`.
  const start = skipBackOver(text, index, isHostChar, MAX_HOST);
  const end = urlEnd(text, index);
  lastUrl.remember(text, index, end);
  if (end - start > MAX_URL) return undefined;
  let slash = index;
  while (slash < end && isHostChar(text, slash)) slash++;
  if (text[slash] !== "/") return undefined;
  const inPath = start > 0 && text[start - 1] === "/";
  if (!inPath && !text.slice(start, slash).includes(".")) return undefined;
  if (
    !text
      .slice(slash, end)
      .split(/[/?=&]/)
      .some(randomSegment)
  )
    return undefined;
  return { type: "webhook_url", start, end, score: SCORE };
}

export const webhookUrlParser: SecretParser = {
  id: "webhook-url",
  keywords: ["hooks.", "webhook"],
  source:
    "modelmux: a webhook's URL holds its credential (Slack's, Microsoft Teams', Discord's, Zapier's docs), for any vendor's hook",
  parse: webhookUrl,
};
