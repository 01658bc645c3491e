import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ListRootsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConfigInput } from "../../src/config/schema.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { type ClientSetup, connectInMemory, errorText, structured } from "../support/in-memory-server.js";

interface Answer {
  text: string;
  tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
  finish_reason: string;
  usage: { input: number };
  quote?: { input_tokens: number };
}
type Session = Awaited<ReturnType<typeof connectInMemory>>;
type SentMessage = { role: string; content: unknown; tool_call_id?: string };

let upstream: FakeUpstream;
let session: Session | undefined;
let root: string;
let outside: string;

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

beforeEach(async () => {
  upstream = await startFakeUpstream();
  root = mkdtempSync(join(tmpdir(), "modelmux-root-"));
  outside = mkdtempSync(join(tmpdir(), "modelmux-outside-"));
  writeFileSync(join(root, "app.log"), `${"INFO request served in 12 ms\n".repeat(2000)}ERROR disk full\n`);
  writeFileSync(join(root, "cat.png"), PNG);
  writeFileSync(join(root, "blob.bin"), Buffer.from([0x00, 0x01, 0x02, 0xff]));
  writeFileSync(join(outside, "secret.txt"), "not for models");
  symlinkSync(join(outside, "secret.txt"), join(root, "escape.txt"));
  mkdirSync(join(root, "sub"));
});
afterEach(async () => {
  await session?.close();
  session = undefined;
  await upstream.close();
});

function config(extra: Partial<ConfigInput> = {}): ConfigInput {
  return {
    providers: {
      lab: {
        baseURL: upstream.url,
        models: {
          vis: {
            price: { input: 1, output: 2 },
            capabilities: ["json", "tools", "vision"],
            tier: "small",
            contextWindow: 128_000,
          },
        },
      },
    },
    routing: { exploration: 0 },
    cache: { store: "off" },
    ...extra,
  };
}

/** A client that declares `roots` and answers roots/list with these directories. */
function withRoots(dirs: string[]): ClientSetup {
  return {
    capabilities: { roots: {} },
    prepare: (client) =>
      client.setRequestHandler(ListRootsRequestSchema, () => ({
        roots: dirs.map((dir) => ({ uri: pathToFileURL(dir).href, name: dir })),
      })),
  };
}

const route = (args: Record<string, unknown>) =>
  (session as Session).client.callTool({ name: "route_completion", arguments: { model: "vis", ...args } });
const sentBody = (index: number) =>
  (upstream.requests[index]?.body ?? {}) as { messages: SentMessage[]; tools?: unknown };
const sentMessages = (index = 0) => sentBody(index).messages;

describe("route_completion: files", () => {
  it("reads a log inside the client's roots into the prompt, and dry_run counts its tokens", async () => {
    session = await connectInMemory(config(), {}, withRoots([root]));
    const quote = structured<Answer>(
      await route({ prompt: "Summarise the errors.", files: ["app.log"], dry_run: true }),
    );
    const bare = structured<Answer>(await route({ prompt: "Summarise the errors.", dry_run: true }));
    expect((quote.quote?.input_tokens ?? 0) - (bare.quote?.input_tokens ?? 0)).toBeGreaterThan(10_000);
    expect(upstream.requests).toHaveLength(0);

    upstream.enqueue({ type: "ok", text: "One error: disk full." });
    const answer = structured<Answer>(
      await route({ prompt: "Summarise the errors.", files: [join(root, "app.log")] }),
    );
    expect(answer.text).toBe("One error: disk full.");
    const [message] = sentMessages();
    const parts = message?.content as { type: string; text: string }[];
    expect(parts[0]?.text).toContain(`<file path="${join(root, "app.log")}">`);
    expect(parts[0]?.text).toContain("ERROR disk full");
    expect(parts.at(-1)).toEqual({ type: "text", text: "Summarise the errors." });
  });

  it("refuses paths outside the roots, symlink escapes, binary files and oversize files", async () => {
    session = await connectInMemory(config({ files: { maxFileBytes: 50_000 } }), {}, withRoots([root]));
    expect(errorText(await route({ prompt: "x", files: [join(outside, "secret.txt")] }))).toMatch(
      /files\[0\]: .*secret\.txt is outside the allowed directories \(MCP roots/,
    );
    expect(errorText(await route({ prompt: "x", files: ["escape.txt"] }))).toMatch(
      /files\[0\]: escape\.txt is outside the allowed directories/,
    );
    expect(errorText(await route({ prompt: "x", files: ["../x.txt"] }))).toMatch(/files\[0\]: no such file/);
    expect(errorText(await route({ prompt: "x", files: ["blob.bin"] }))).toMatch(/not a UTF-8 text file/);
    expect(errorText(await route({ prompt: "x", files: ["app.log"] }))).toMatch(
      /at most 50000 \(files\.maxFileBytes\)/,
    );
    expect(errorText(await route({ prompt: "x", files: ["sub"] }))).toMatch(/not a regular file/);
    expect(upstream.requests).toHaveLength(0);
  });

  it("uses files.allowedDirs when the client declares no roots, and nothing without either", async () => {
    session = await connectInMemory(config({ files: { allowedDirs: [root], maxTotalBytes: 100 } }));
    expect(errorText(await route({ prompt: "x", files: ["app.log"] }))).toMatch(/files\.maxTotalBytes/);
    expect(errorText(await route({ prompt: "x", files: [join(outside, "secret.txt")] }))).toMatch(
      /outside the allowed directories \(files\.allowedDirs/,
    );
    await session.close();
    session = await connectInMemory(config());
    expect(errorText(await route({ prompt: "x", files: [join(root, "app.log")] }))).toMatch(
      /set files\.allowedDirs in the config/,
    );
  });
});

describe("route_completion: images and messages with image parts", () => {
  it("sends a local image as a data-URL part and keeps image parts given in messages", async () => {
    session = await connectInMemory(config(), {}, withRoots([root]));
    structured(await route({ prompt: "What is this?", images: [{ path: "cat.png", detail: "low" }] }));
    const parts = sentMessages(0)[0]?.content as {
      type: string;
      image_url?: { url: string; detail?: string };
    }[];
    expect(parts[1]).toEqual({
      type: "image_url",
      image_url: { url: `data:image/png;base64,${PNG.toString("base64")}`, detail: "low" },
    });
    const messages = [
      {
        role: "user",
        content: [
          { type: "text", text: "Describe" },
          { type: "image_url", image_url: { url: "https://example.com/dog.jpg" } },
        ],
      },
    ];
    structured(await route({ messages }));
    expect(sentMessages(1)).toEqual(messages);
    expect(errorText(await route({ prompt: "x", images: ["app.log"] }))).toMatch(
      /images\[0\]: .*not a PNG, JPEG, GIF or WebP/,
    );
  });
});

describe("route_completion: tools", () => {
  const tools = [
    {
      type: "function",
      function: {
        name: "read_ticket",
        description: "Read a support ticket",
        parameters: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
      },
    },
  ];

  it("answers with tool_calls, and the agent continues with a role tool message", async () => {
    session = await connectInMemory(config());
    upstream.enqueue({
      type: "ok",
      toolCalls: [{ id: "call_t1", name: "read_ticket", arguments: '{"id":"T-42"}' }],
    });
    const first = structured<Answer>(
      await route({ prompt: "What does ticket T-42 say?", tools, tool_choice: "auto" }),
    );
    expect(first.finish_reason).toBe("tool_calls");
    expect(first.tool_calls).toEqual([
      { id: "call_t1", type: "function", function: { name: "read_ticket", arguments: '{"id":"T-42"}' } },
    ]);
    expect(sentBody(0).tools).toEqual(tools);

    upstream.enqueue({ type: "ok", text: "The printer is out of toner." });
    const messages = [
      { role: "user", content: "What does ticket T-42 say?" },
      { role: "assistant", content: null, tool_calls: first.tool_calls },
      { role: "tool", tool_call_id: "call_t1", content: "Printer on floor 2: out of toner." },
    ];
    const final = structured<Answer>(await route({ messages, tools }));
    expect(final.text).toBe("The printer is out of toner.");
    expect(sentMessages(1)).toEqual(messages);
  });

  it("refuses tools for a model without the tools capability", async () => {
    session = await connectInMemory(
      config({
        providers: {
          lab: {
            baseURL: upstream.url,
            models: { plain: { price: { input: 1, output: 2 }, tier: "small" } },
          },
        },
      }),
    );
    expect(errorText(await route({ model: "plain", prompt: "x", tools }))).toMatch(
      /lacks the "tools" capability/,
    );
  });
});
