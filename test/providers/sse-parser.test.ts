import { describe, expect, it } from "vitest";
import { createSseParser } from "../../src/providers/sse-parser.js";

function parse(chunks: string[]): string[] {
  const events: string[] = [];
  const parser = createSseParser((data) => events.push(data));
  for (const chunk of chunks) parser.feed(chunk);
  return events;
}

/** Every way of cutting `text` in two, plus one character at a time. */
function splits(text: string): string[][] {
  const ways = [[...text]];
  for (let index = 0; index <= text.length; index++) ways.push([text.slice(0, index), text.slice(index)]);
  return ways;
}

describe("createSseParser", () => {
  it("dispatches data at each blank line, whatever the line endings and however the text is cut", () => {
    const stream = 'data: {"a":1}\n\ndata: {"b":2}\r\n\r\ndata: {"c":3}\r\rdata: [DONE]\n\n';
    for (const chunks of splits(stream)) {
      expect(parse(chunks)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}', "[DONE]"]);
    }
  });

  it("joins multi-line data with LF, drops one leading space only, and skips comments and other fields", () => {
    const stream = ": keep-alive\nevent: message\nid: 7\nretry: 10\ndata:  two spaces\ndata:none\ndata\n\n";
    for (const chunks of splits(stream)) expect(parse(chunks)).toEqual([" two spaces\nnone\n"]);
  });

  it("ignores blank lines outside an event and drops an event the stream ends inside", () => {
    expect(parse(["\n\n\r\n", 'data: {"a":1}\n\n', 'data: {"cut":'])).toEqual(['{"a":1}']);
    expect(parse(['data: {"a":1}'])).toEqual([]);
  });
});
