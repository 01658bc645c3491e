// How often the trainer lets the whole check (rules + learned model) flag each dev source's benign
// lines: the user threshold is the lowest that keeps every source under its cap.

/** Dev benign lines of each source flagged at most this often: the threshold is the lowest that keeps to it. */
export const DEV_BENIGN_FLAG_RATE = 0.03;
/** The same for text an agent reads: a request carries many pages and tool results, each a chance to misfire. */
export const DEV_DOCUMENT_FLAG_RATE = 0.01;
/**
 * Requests a user makes to a tool-using agent ("send the report to Bob") and ordinary requests and
 * questions to an assistant ("write a poem about …", "pretend you are a pirate and …"): a gateway
 * screens every one, so a dev source of them may have at most 1 % flagged (the other sources of user
 * lines 3 %). At 2 %, a model whose dev agent requests were mostly questions about APIs flagged unseen
 * orders to an agent ("transfer $500 to…") twice as often as the shipped one; with ordinary questions
 * held only at 3 %, the eleventh round's user threshold fell 0.437 -> 0.396 and unseen writing,
 * role-play and maths questions were flagged 3.8 % of the time.
 */
export const DEV_ORDINARY_REQUEST_FLAG_RATE = 0.01;
export const AGENT_REQUEST_SOURCES: ReadonlySet<string> = new Set([
  "bfcl-agent-requests",
  "bfcl-more-agent-requests",
  "gorilla-apibench-requests",
  "toolalpaca-agent-requests",
  "webarena-task-intents",
  "agentdojo-tool-outputs",
  "injecagent-tool-responses",
  "tau-bench-customer-turns",
  "clinc150-agent-orders",
  "hwu64-agent-orders",
  "toolsandbox-user-turns",
  "tooltalk-user-turns",
  "api-bank-user-turns",
  "agentbench-os-tasks",
  "agentbench-db-tasks",
  "webshop-shopping-goals",
  "android-world-task-goals",
]);
/** Ordinary requests and questions to an assistant: writing, role play, maths, how-to, code. */
export const ORDINARY_REQUEST_SOURCES: ReadonlySet<string> = new Set([
  "gsm8k-questions",
  "gpteacher-roleplay-requests",
  "m-ifeval-prompts",
  "self-instruct-user-oriented",
]);

/** The cap on a dev source's benign lines read from a user (`label` "user") or by an agent. */
export function devFlagRate(label: "user" | "document", source: string): number {
  if (label === "document") return DEV_DOCUMENT_FLAG_RATE;
  return AGENT_REQUEST_SOURCES.has(source) || ORDINARY_REQUEST_SOURCES.has(source)
    ? DEV_ORDINARY_REQUEST_FLAG_RATE
    : DEV_BENIGN_FLAG_RATE;
}
