/**
 * Server-sent events, parsed as the HTML spec says: lines end in LF, CRLF or CR (also when a CRLF is
 * split between two chunks); `data:` lines (one leading space dropped) are joined with LF and
 * dispatched at the blank line that ends an event; comments and other fields (`event:`, `id:`,
 * `retry:`) are skipped, since chat completion streams carry everything in `data`. An event the
 * stream ends in the middle of is dropped, as the spec and the openai SDK do.
 */
export interface SseParser {
  /** Feeds decoded text; `onData` runs for each complete event, in order, before this returns. */
  feed(text: string): void;
}

export function createSseParser(onData: (data: string) => void): SseParser {
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
    feed(text) {
      // Line ends are found with indexOf, not a loop over every character: that loop's property
      // loads went through V8's generic LoadIC, ~350k instructions per streamed answer.
      let start = 0;
      let nextLf = text.indexOf("\n");
      let nextCr = text.indexOf("\r");
      while (nextLf !== -1 || nextCr !== -1) {
        const lineFeed = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr);
        const index = lineFeed ? nextLf : nextCr;
        if (lineFeed && skipLineFeed && index === start) {
          // The LF of a CRLF whose CR ended the previous chunk (or line).
          skipLineFeed = false;
          start = index + 1;
        } else {
          line += text.slice(start, index);
          start = index + 1;
          skipLineFeed = !lineFeed;
          endLine();
        }
        if (lineFeed) nextLf = text.indexOf("\n", start);
        else nextCr = text.indexOf("\r", start);
      }
      if (start < text.length) {
        line += text.slice(start);
        skipLineFeed = false;
      }
    },
  };
}
