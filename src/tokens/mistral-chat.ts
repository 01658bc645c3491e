import type { FamilyChatMessage, FamilyCount } from "./family-tokenizer.js";

/**
 * The tokens of a chat in Mistral's v3 instruct format for Tekken models (Mistral NeMo), as
 * mistral-common encodes it (InstructRequestNormalizer, then InstructTokenizerV3): the system
 * messages' texts, joined by a blank line, go before the last user message's text; a run of
 * messages of one role is one message, their texts joined by a blank line; a chat that does not
 * begin with a user message gets an empty one first. Then `<s>`, each user message as `[INST]`
 * text `[/INST]`, each assistant message as its text (trailing spaces removed) and `</s>`. Control
 * tokens are one token each; text is never matched against them. Tool definitions, calls and
 * results are counted as their JSON between their control tokens, approximately (mistral-common
 * writes that JSON with Python's spacing and its own fields).
 */
const JOIN = "\n\n";

interface Turn {
  role: string;
  messages: FamilyChatMessage[];
}

function joined(messages: readonly FamilyChatMessage[]): string {
  return messages
    .map((message) => message.content ?? "")
    .filter((text) => text.length > 0)
    .join(JOIN);
}

export function countMistralV3Chat(
  messages: readonly FamilyChatMessage[],
  tools: readonly unknown[] | undefined,
  countText: (text: string) => FamilyCount,
): FamilyCount {
  const result: FamilyCount = { tokens: 1, approximate: false }; // <s>
  const add = (text: string, controls: number) => {
    const counted = countText(text);
    result.tokens += counted.tokens + controls;
    result.approximate ||= counted.approximate;
  };
  const system = joined(messages.filter((message) => message.role === "system"));
  const turns: Turn[] = [];
  let lastRole: string | undefined;
  for (const message of messages) {
    if (message.role !== lastRole && message.role !== "system")
      turns.push({ role: message.role, messages: [] });
    lastRole = message.role;
    if (message.role !== "system") turns.at(-1)?.messages.push(message);
  }
  if (turns[0]?.role !== "user") turns.unshift({ role: "user", messages: [] });
  const lastUser = turns.findLastIndex((turn) => turn.role === "user");
  turns.forEach((turn, index) => {
    if (turn.role === "user") {
      if (index === lastUser && tools?.length) {
        add(JSON.stringify(tools), 2); // [AVAILABLE_TOOLS] … [/AVAILABLE_TOOLS]
        result.approximate = true;
      }
      const text = joined(turn.messages);
      add(index === lastUser && system ? system + JOIN + text : text, 2); // [INST] … [/INST]
    } else if (turn.role === "assistant") {
      const calls = turn.messages.flatMap((message) => message.tool_calls ?? []);
      if (calls.length > 0) {
        add(JSON.stringify(calls.map((call) => call.function)), 2); // [TOOL_CALLS] … </s>
        result.approximate = true;
      } else {
        const text = joined(turn.messages).replace(/ +$/, "");
        // mistral-common refuses an empty assistant message; counted as its end alone.
        if (text.length === 0) result.approximate = true;
        add(text, 1); // … </s>
      }
    } else {
      for (const message of turn.messages)
        add(JSON.stringify({ content: message.content, call_id: message.tool_call_id }), 2); // [TOOL_RESULTS] … [/TOOL_RESULTS]
      result.approximate = true;
    }
  });
  return result;
}
