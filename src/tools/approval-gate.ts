import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { RouteQuote } from "../core/route-types.js";
import { ModelmuxError } from "../errors.js";

export function quoteOut(quote: RouteQuote) {
  return {
    model: quote.model,
    provider: quote.provider,
    deployment: quote.deployment,
    input_tokens: quote.inputTokens,
    tokens_exact: quote.tokensExact,
    max_output_tokens: quote.maxOutputTokens,
    cost_min_usd: quote.cost.minUsd,
    cost_expected_usd: quote.cost.expectedUsd,
    cost_max_usd: quote.cost.maxUsd,
    price_data_date: quote.priceData.date,
  };
}

function describeQuote(quote: RouteQuote): string {
  return (
    `${quote.deployment}: ${quote.inputTokens} input tokens${quote.tokensExact ? "" : " (approx.)"}, up to ${quote.maxOutputTokens} output tokens; ` +
    `cost $${quote.cost.minUsd} – $${quote.cost.maxUsd} (expected ≈ $${quote.cost.expectedUsd}; prices of ${quote.priceData.date})`
  );
}

/**
 * Asks the person before a call whose worst case exceeds `approval.aboveUsd`, through MCP
 * elicitation. Without elicitation support, or on decline, the call is refused with the quote.
 */
export async function requireApproval(
  server: McpServer,
  quote: RouteQuote,
  aboveUsd: number | undefined,
): Promise<void> {
  if (aboveUsd === undefined || quote.cost.maxUsd <= aboveUsd) return;
  const summary = describeQuote(quote);
  if (!server.server.getClientCapabilities()?.elicitation) {
    throw new ModelmuxError(
      "APPROVAL_REQUIRED",
      `this call needs approval: its worst case $${quote.cost.maxUsd} is above approval.aboveUsd ($${aboveUsd}), and this client cannot ask you (no elicitation support). ` +
        `Quote: ${summary}. Lower max_tokens, choose a cheaper model, or raise approval.aboveUsd in the modelmux config.`,
      { quote: quoteOut(quote) },
    );
  }
  const answer = await server.server.elicitInput({
    message: `modelmux: approve this LLM call? ${summary}. Your approval threshold is $${aboveUsd}.`,
    requestedSchema: {
      type: "object",
      properties: {
        approve: {
          type: "boolean",
          title: "Approve",
          description: `Spend up to $${quote.cost.maxUsd} on this call`,
        },
      },
      required: ["approve"],
    },
  });
  if (answer.action !== "accept" || answer.content?.approve !== true) {
    throw new ModelmuxError(
      "APPROVAL_REQUIRED",
      `the call was not approved (${answer.action}); nothing was sent upstream. Quote: ${summary}`,
      {
        quote: quoteOut(quote),
      },
    );
  }
}
