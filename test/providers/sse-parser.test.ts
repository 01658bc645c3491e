import { describe, expect, it } from "vitest";
import { createSseParser } from "../../src/providers/sse-parser.js";
import { seededRandom } from "../support/seeded-random.js";

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

/** The parser as it was (one loop step per character), kept to check the indexOf one against. */
function referenceParser(onData: (data: string) => void) {
  let line = "";
  let data: string[] = [];
  let skipLineFeed = false;
  const endLine = () => {
    if (line === "") {
      if (data.length > 0) {
        const payload = data.length === 1 ? (data[0] as string) : data.join("\n");
        data = [];
        onData(payload);
      }
      return;
    }
    if (line.startsWith("data:")) data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
    else if (line === "data") data.push("");
    line = "";
  };
  return {
    feed(text: string) {
      let start = 0;
      for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (code !== 10 && code !== 13) continue;
        if (code === 10 && skipLineFeed && index === start) {
          skipLineFeed = false;
          start = index + 1;
          continue;
        }
        line += text.slice(start, index);
        start = index + 1;
        skipLineFeed = code === 13;
        endLine();
      }
      if (start < text.length) {
        line += text.slice(start);
        skipLineFeed = false;
      }
    },
  };
}

describe("createSseParser against the per-character parser it replaced", () => {
  it("dispatches the same events after every chunk, for random streams cut at random places", () => {
    const random = seededRandom(20261205);
    const pieces = [
      "data: ",
      "data:",
      "data",
      ": c",
      "event: x",
      "id: 1",
      "ab",
      "{}",
      "é",
      " ",
      "\n",
      "\r",
      "\r\n",
      "\n\n",
    ];
    for (let round = 0; round < 2000; round++) {
      let stream = "";
      const length = 1 + Math.floor(random() * 40);
      for (let index = 0; index < length; index++) stream += pieces[Math.floor(random() * pieces.length)];
      const chunks: string[] = [];
      for (let start = 0; start < stream.length; ) {
        const end = Math.min(stream.length, start + Math.floor(random() * 8));
        chunks.push(stream.slice(start, end));
        start = end;
      }
      const seen: string[] = [];
      const expected: string[] = [];
      const parser = createSseParser((data) => seen.push(data));
      const reference = referenceParser((data) => expected.push(data));
      for (const chunk of chunks) {
        parser.feed(chunk);
        reference.feed(chunk);
        expect(seen, JSON.stringify(chunks)).toEqual(expected);
      }
    }
  });
});
