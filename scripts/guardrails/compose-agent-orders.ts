// Composed user messages to an agent (seeded: always the same lines), train only: an attacker's order
// smuggled into an ordinary request behind a fake end-of-input or system marker, a claimed authority
// that waives the user's consent, or a task list that hides one of its steps (agent-order-carriers.ts)
// is prompt_injection; the very same message with the order asked for openly is benign. The orders
// are InjecAgent's attacker instructions and this project's training payloads, which are benign as a
// user's own requests, so only the carrier tells the two classes apart. The requests around them are
// ordinary orders to agents from the corpus's training side.

import { AGENT_ORDER_CARRIERS } from "./agent-order-carriers.js";
import type { ExtractedLine } from "./extract-injecagent.js";
import { mulberry32 } from "./seeded-random.js";

/** Each payload goes into this many carriers (drawn without repeats), each with a request of its own. */
export const CARRIERS_PER_PAYLOAD = 8;

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** Pairs of lines (an attack and its benign twin) for every payload, all on the training side. */
export function composeAgentOrderLines(inputs: { payloads: string[]; requests: string[] }): ExtractedLine[] {
  const random = mulberry32(0xa6e7);
  const families = Object.keys(AGENT_ORDER_CARRIERS).sort();
  const lines: ExtractedLine[] = [];
  for (const rawPayload of inputs.payloads) {
    const payload = sentence(rawPayload);
    const order = [...families];
    for (let index = 0; index < Math.min(CARRIERS_PER_PAYLOAD, order.length); index++) {
      const other = index + Math.floor(random() * (order.length - index));
      [order[index], order[other]] = [order[other] ?? "", order[index] ?? ""];
      const carrier = AGENT_ORDER_CARRIERS[order[index] ?? ""];
      const request = sentence(inputs.requests[Math.floor(random() * inputs.requests.length)] ?? "");
      const ticket = String(1000 + Math.floor(random() * 9000));
      if (carrier === undefined || request === ".") continue;
      const fill = (template: string) =>
        template
          .replace("{task_lc}", lowerFirst(request))
          .replace("{task}", request)
          .replace("{p_lc}", lowerFirst(payload))
          .replace("{p}", payload)
          .replace("{n}", ticket);
      lines.push({ text: fill(carrier.attack), kind: "prompt_injection", split: "train", lang: "en" });
      lines.push({ text: fill(carrier.benign), kind: "benign", split: "train", lang: "en" });
    }
  }
  return lines;
}
