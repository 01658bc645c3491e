import Anthropic from "@anthropic-ai/sdk";
import type { ConfigInput } from "../../../src/config/schema.js";
import { type GatewayFixture, startGateway } from "../gateway-fixture.js";

export interface MessagesGateway extends GatewayFixture {
  /** The official Anthropic SDK pointed at modelmux (it appends /v1/messages itself). */
  anthropic: Anthropic;
  anthropicWith(options: { apiKey?: string; authToken?: string }): Anthropic;
}

/** The gateway fixture (fake providers pa, pb, pc) with Anthropic's SDK as the client. */
export async function startMessagesGateway(overrides: Partial<ConfigInput> = {}): Promise<MessagesGateway> {
  const gateway = await startGateway(overrides);
  const anthropicWith = (options: { apiKey?: string; authToken?: string }) =>
    new Anthropic({ baseURL: gateway.server.url, maxRetries: 0, apiKey: null, authToken: null, ...options });
  return Object.assign(gateway, { anthropic: anthropicWith({ apiKey: "unused" }), anthropicWith });
}

/** The JSON body a fake provider received. */
export function sentBody(request: { body: unknown } | undefined): Record<string, unknown> {
  return (request?.body ?? {}) as Record<string, unknown>;
}

/** Ledger rows of /v1/messages requests (written behind the answer). */
export async function messagesRows(gateway: GatewayFixture) {
  await gateway.deps.ledger.flush();
  return (await gateway.deps.ledger.recent(50)).filter((row) => row.tool === "v1/messages");
}
