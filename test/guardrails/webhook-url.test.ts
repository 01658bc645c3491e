import { describe, expect, it } from "vitest";
import { webhookUrl } from "../../src/guardrails/webhook-url.js";
import { alnum, hex } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// Made-up vendors' hooks (no modelmux rule knows these hosts): the URL is the credential.
describe("a webhook's URL with a random part in its path", () => {
  const token = alnum(40, 1);
  it.each([
    `hooks.qorvexa.io/triggers/${token}`,
    `acme.webhook.zentrafy.net/in/${hex(32, 2)}`,
    `api.plumbix.dev/api/webhooks/${alnum(24, 3)}`,
  ])("finds %s in a config line", (url) => {
    const text = `NOTIFY_URL=https://${url}`;
    // From the host, or from the path's `webhooks` segment, to the URL's end.
    const expected = url.includes("/api/webhooks/") ? url.slice(url.indexOf("webhooks/")) : url;
    expect(reportedSecretValues(text)).toEqual([expected]);
    const at = text.search(/hooks\.|webhook/i);
    expect(webhookUrl(text, at)?.type).toBe("webhook_url");
  });

  it.each([
    // A settings page's id, docs' pages, a stand-in, a UUID (a request bin's), no random part.
    "https://github.com/acme/repo/settings/hooks/12345678",
    "https://docs.qorvexa.io/en/webhooks/using-webhooks/creating-webhooks",
    "https://hooks.qorvexa.io/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    `https://webhook.zentrafy.net/${hex(8, 4)}-${hex(4, 5)}-4${hex(3, 6)}-a${hex(3, 7)}-${hex(12, 8)}`,
    "see the webhook settings/ page",
  ])("leaves %s alone", (text) => {
    const at = text.search(/hooks\.|webhook/i);
    expect(webhookUrl(text, at)).toBeUndefined();
  });

  it("reads the same text alike each time it is scanned, and a URL once however many hits it holds", () => {
    const url = `https://hooks.qorvexa.io/webhooks/${alnum(40, 12)}`;
    const text = `first ${url} then ${url}`;
    const first = reportedSecretValues(text);
    expect(first).toHaveLength(2);
    expect(reportedSecretValues(text)).toEqual(first);
  });
});
