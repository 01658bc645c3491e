import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as z4mini from "zod/v4-mini";
import { ModelmuxError } from "../errors.js";
import type { GuardJudge } from "../guardrails/attacks/judge.js";
import type { Finding, Guardrails } from "../guardrails/index.js";
import type { LazyGuardrails } from "../guardrails/lazy-guardrails.js";
import { CONTENT_SOURCES, MAX_LISTED_FINDINGS, messageSource } from "../guardrails/types.js";
import { callerKey } from "../http/caller-key.js";
import { once } from "../once.js";
import { registerTool } from "./register-tool.js";
import { MAX_TEXT_CHARS, sharedSchemas } from "./schemas.js";
import { guard, toolResult } from "./tool-result.js";

const schemas = once(() => {
  const { screenedMessagesSchema, textSchema } = sharedSchemas();
  const actionSchema = z.enum(["block", "redact", "warn", "allow"]);
  const kindSchema = z.enum(["secret", "pii", "prompt_injection", "jailbreak"]);

  const inputSchema = {
    text: textSchema.optional().describe("the text to screen (give this or `messages`)"),
    messages: screenedMessagesSchema.optional(),
    direction: z
      .enum(["input", "output"])
      .default("input")
      .describe(
        "`input`: text about to be sent to a model; `output`: a model's answer. Each has its own policy",
      ),
    source: z
      .enum(CONTENT_SOURCES)
      .optional()
      .describe(
        "where the text comes from: `user` (default) a person's request; `document` a page, file or email the model will read; " +
          "`tool_result` what a tool returned to an agent; `system` an app's or agent's own system or developer message, " +
          'whose orders to the model ("You are …", "never reveal your instructions") are its job: the learned scorer asks it ' +
          "for more certainty, while persona jailbreaks and explicit overrides in it are still reported. In documents and tool results, instructions addressed to the AI " +
          "reading them (and instructions hidden in comments or alt text) are reported as prompt injection. " +
          "A `user` text that carries a pasted document (an email's headers, HTML, a JSON object, a fenced or quoted block, " +
          "a page after a request ending in a colon) has that part read as a `document` too; its findings' detector starts " +
          "`attacks/embedded-document:`. A `user` text the learned scorer would report is read again as a page, and not " +
          "reported when it reads as a harmless one. Pass `document` or `tool_result` when the whole text is one. " +
          "With `messages` and no `source`, messages of role `tool` are read as `tool_result` and of role `system` or " +
          "`developer` as `system`; `user` and `assistant` messages as `user`. Prompt-injection and jailbreak findings " +
          "say the source they were read as",
      ),
    policy: z
      .strictObject({
        secret: actionSchema.optional().describe("action for leaked credentials"),
        pii: actionSchema.optional().describe("action for personal data"),
        prompt_injection: actionSchema.optional().describe("action for prompt injection"),
        jailbreak: actionSchema.optional().describe("action for jailbreak attempts"),
      })
      .optional()
      .describe("per-kind overrides of the configured policy for this call: block | redact | warn | allow"),
  };

  const findingSchema = z.object({
    kind: kindSchema.describe("secret | pii | prompt_injection | jailbreak"),
    type: z.string().describe("subtype, e.g. aws_access_key, email, instruction_override"),
    start: z
      .number()
      .int()
      .describe("UTF-16 offset where the finding starts in the text (or message content)"),
    end: z.number().int().describe("UTF-16 offset just after the finding"),
    score: z.number().describe("confidence 0–1, at or above the kind's threshold"),
    detector: z.string().describe("detector and rule that found it"),
    preview: z.string().describe("masked sample; secrets and personal data are never echoed whole"),
    message: z.number().int().optional().describe("index into `messages`, when messages were given"),
    source: z
      .enum(CONTENT_SOURCES)
      .optional()
      .describe("prompt_injection and jailbreak findings: the source the text was read as"),
  });

  const outputSchema = {
    action: actionSchema.describe("strictest action among findings: block > redact > warn > allow"),
    findings: z
      .array(findingSchema)
      .describe("what was found, in text order (the first 1,000); empty when the text is clean"),
    findings_omitted: z
      .number()
      .int()
      .optional()
      .describe("findings beyond the first 1,000, counted but not listed"),
    redacted_text: z
      .string()
      .optional()
      .describe("the text with redacted and blocked findings replaced by placeholders like [EMAIL_1]"),
    redacted_messages: z
      .array(z.object({ role: z.string(), content: z.string() }))
      .optional()
      .describe("the messages, redacted the same way"),
    latency_ms: z.number().describe("time the check took, in milliseconds"),
  };

  return { input: z4mini.strictObject(inputSchema), output: z4mini.object(outputSchema) };
});

type OutputFinding = z.output<ReturnType<typeof schemas>["output"]>["findings"][number];

/** MCP tool `check_guardrails`: screen text or messages for secrets, PII, prompt injection and jailbreaks. */
export function registerCheckGuardrailsTool(
  server: McpServer,
  deps: { guardrails: Guardrails | LazyGuardrails; orchestrator?: { readonly guardJudge?: GuardJudge } },
): void {
  // The detectors load on first use (or the start-up warm-up), keeping start-up fast.
  const resolve = async (): Promise<Guardrails> =>
    "load" in deps.guardrails ? deps.guardrails.load() : deps.guardrails;
  registerTool(
    server,
    {
      name: "check_guardrails",
      title: "Check guardrails",
      description:
        "Screen text or chat messages for leaked secrets (cloud keys, tokens, private keys, passwords), personal data " +
        "(email, phone, card, IBAN, SSN, IP, Brazilian CPF/CNPJ, Portuguese NIF), prompt injection and jailbreak attempts. " +
        "Returns the policy's action, the findings (masked) and a redacted copy with typed placeholders. " +
        "The check runs locally; only when a judge model is configured (guardrails.judge) is a text the local " +
        "scorer is unsure of sent to it, billed to the caller's key.",
      schemas,
      // With a judge configured, an unsure text goes out to a model: an open-world call.
      annotations: { readOnlyHint: true, openWorldHint: deps.orchestrator?.guardJudge !== undefined },
    },
    (args, extra) =>
      guard(async () => {
        if (args.text === undefined && args.messages === undefined) {
          throw new ModelmuxError("INVALID_INPUT", "give `text` or `messages`: there is nothing to check");
        }
        const total = (args.messages ?? []).reduce((sum, message) => sum + message.content.length, 0);
        if (total > MAX_TEXT_CHARS) {
          throw new ModelmuxError(
            "INVALID_INPUT",
            `messages too long: at most ${MAX_TEXT_CHARS} characters in total`,
          );
        }
        const guardrails = await resolve();
        const screened = {
          ...(args.text !== undefined && { text: args.text }),
          ...(args.messages !== undefined && { messages: args.messages }),
          ...(args.source !== undefined && { source: args.source }),
        };
        // The optional judge (guardrails.judge) is asked about texts the learned scorer is unsure of.
        const judge = deps.orchestrator?.guardJudge;
        const texts =
          args.text !== undefined
            ? [{ text: args.text, source: args.source ?? "user" }]
            : (args.messages ?? []).map((message) => ({
                text: message.content,
                source: messageSource(message.role, args.source),
              }));
        // The judge's call is the caller's spending: recorded under their key, within their budget.
        const verdicts = judge ? await judge.review(guardrails, texts, callerKey(extra)) : undefined;
        // Long text is checked on the worker thread: a megabyte does not hold the server up.
        const check = await guardrails.checkAsync({
          ...screened,
          direction: args.direction,
          ...(verdicts && { verdicts }),
          ...(args.policy !== undefined && { overrides: args.policy }),
        });
        const omitted = check.findings.length - MAX_LISTED_FINDINGS + (check.findingsOmitted ?? 0);
        const structured = {
          action: check.action,
          findings: check.findings.slice(0, MAX_LISTED_FINDINGS).map(toOutputFinding),
          ...(omitted > 0 && { findings_omitted: omitted }),
          ...(check.redactedText !== undefined && { redacted_text: check.redactedText }),
          ...(check.redactedMessages !== undefined && { redacted_messages: check.redactedMessages }),
          latency_ms: Math.round(check.latencyMs * 1000) / 1000,
        };
        return toolResult(structured, summarize(check.action, check.findings, Math.max(0, omitted)));
      }),
  );
}

function toOutputFinding(finding: Finding): OutputFinding {
  const { kind, type, start, end, score, detector, preview, message, source } = finding;
  return {
    kind,
    type,
    start,
    end,
    score,
    detector,
    preview,
    ...(message !== undefined && { message }),
    ...(source !== undefined && { source }),
  };
}

function summarize(action: string, findings: readonly Finding[], omitted: number): string {
  if (findings.length === 0) return `${action}: no findings`;
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const label = `${finding.kind}/${finding.type}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const parts = [...counts].map(([label, count]) => (count > 1 ? `${label} ×${count}` : label));
  const total = findings.length + omitted;
  const listed = omitted > 0 ? `; the first ${findings.length}: ` : " (";
  return `${action}: ${total} finding${total === 1 ? "" : "s"}${listed}${parts.join(", ")}${omitted > 0 ? "" : ")"}`;
}
