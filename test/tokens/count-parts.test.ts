import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { beforeAll, describe, expect, it } from "vitest";
import { dataUrlImageSize, imageSize } from "../../src/chat/image-size.js";
import type { ChatMessage, ToolDefinition } from "../../src/chat/types.js";
import { imageTokens, REMOTE_IMAGE_SIZE, toolDefinitionTokens } from "../../src/tokens/count-parts.js";
import { countMessageTokens, loadTokenizers } from "../../src/tokens/count-tokens.js";

beforeAll(() => loadTokenizers());

const count = (text: string) => countTokens(text, { disallowedSpecial: new Set() });

function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from("89504e470d0a1a0a0000000d49484452", "hex").copy(header, 0);
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

function gif(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.write("GIF89a", 0, "latin1");
  header.writeUInt16LE(width, 6);
  header.writeUInt16LE(height, 8);
  return header;
}

/** A JPEG with an APP0 segment before the SOF0 frame header, as cameras write them. */
function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.alloc(12)]);
}

function webpLossless(width: number, height: number): Buffer {
  const header = Buffer.alloc(30);
  header.write("RIFF", 0, "latin1");
  header.write("WEBPVP8L", 8, "latin1");
  header[20] = 0x2f;
  header.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 21);
  return header;
}

function webpExtended(width: number, height: number): Buffer {
  const header = Buffer.alloc(30);
  header.write("RIFF", 0, "latin1");
  header.write("WEBPVP8X", 8, "latin1");
  header.writeUIntLE(width - 1, 24, 3);
  header.writeUIntLE(height - 1, 27, 3);
  return header;
}

const dataUrl = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString("base64")}`;

describe("image sizes from headers", () => {
  it("reads PNG, GIF, JPEG and WebP (lossless and extended)", () => {
    expect(imageSize(png(1920, 1080))).toEqual({ width: 1920, height: 1080 });
    expect(imageSize(gif(320, 200))).toEqual({ width: 320, height: 200 });
    expect(imageSize(jpeg(4032, 3024))).toEqual({ width: 4032, height: 3024 });
    expect(imageSize(webpLossless(800, 600))).toEqual({ width: 800, height: 600 });
    expect(imageSize(webpExtended(5000, 70))).toEqual({ width: 5000, height: 70 });
    expect(imageSize(Buffer.from("not an image"))).toBeNull();
    expect(dataUrlImageSize(dataUrl("image/jpeg", jpeg(640, 480)))).toEqual({ width: 640, height: 480 });
    expect(dataUrlImageSize("https://example.com/a.png")).toBeNull();
  });
});

describe("image tokens (OpenAI's tile formula)", () => {
  it("matches OpenAI's worked examples", () => {
    // 1024×1024 high: scaled to 768×768, 4 tiles → 85 + 4·170.
    expect(imageTokens({ width: 1024, height: 1024 }, "high")).toBe(765);
    // 2048×4096: fit to 1024×2048, short side to 768 → 768×1536, 6 tiles.
    expect(imageTokens({ width: 2048, height: 4096 }, "high")).toBe(1105);
    expect(imageTokens({ width: 4096, height: 8192 }, "low")).toBe(85);
    // A remote URL counts as the largest image the formula allows.
    expect(imageTokens(REMOTE_IMAGE_SIZE, "auto")).toBe(1445);
  });

  it("counts image parts inside messages from their data-URL header", async () => {
    const base: ChatMessage[] = [{ role: "user", content: [{ type: "text", text: "Describe." }] }];
    const withImage: ChatMessage[] = [
      {
        role: "user",
        content: [
          { type: "text", text: "Describe." },
          { type: "image_url", image_url: { url: dataUrl("image/png", png(1024, 1024)), detail: "high" } },
        ],
      },
    ];
    const plain = (await countMessageTokens(base, null)).tokens;
    expect((await countMessageTokens(withImage, null)).tokens - plain).toBe(765);
  });
});

describe("tool definitions (OpenAI cookbook formula)", () => {
  const tool: ToolDefinition = {
    type: "function",
    function: {
      name: "get_current_weather",
      description: "Get the current weather in a given location.",
      parameters: {
        type: "object",
        properties: {
          location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
          unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        },
        required: ["location"],
      },
    },
  };

  it("adds 7 + name:description per function, 3 + key:type:description per property, enums, and 12 at the end", () => {
    const expected =
      12 +
      7 +
      count("get_current_weather:Get the current weather in a given location") +
      3 +
      (3 + count("location:string:The city and state, e.g. San Francisco, CA")) +
      (3 - 3 + (3 + count("celsius")) + (3 + count("fahrenheit")) + count("unit:string:"));
    expect(toolDefinitionTokens([tool], count)).toBe(expected);
    expect(toolDefinitionTokens([], count)).toBe(0);
  });

  it("raises the message count by exactly the tools' share", async () => {
    const messages: ChatMessage[] = [{ role: "user", content: "Weather in Boston?" }];
    const without = (await countMessageTokens(messages, null)).tokens;
    expect((await countMessageTokens(messages, null, [tool])).tokens - without).toBe(
      toolDefinitionTokens([tool], count),
    );
  });

  it("counts assistant tool calls and names", async () => {
    const call: ChatMessage = {
      role: "assistant",
      content: null,
      tool_calls: [
        {
          id: "c1",
          type: "function",
          function: { name: "get_current_weather", arguments: '{"location":"Boston"}' },
        },
      ],
    };
    const empty = (await countMessageTokens([{ role: "assistant", content: "" }], null)).tokens;
    expect((await countMessageTokens([call], null)).tokens).toBeGreaterThan(
      empty + count('{"location":"Boston"}'),
    );
  });
});
