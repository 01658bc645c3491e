import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDataDir } from "../support/cli-process.js";
import { startFakeUpstream } from "../support/fake-upstream.js";
import { connectInMemory, errorText, structured } from "../support/in-memory-server.js";

interface Answer {
  text: string;
  provider: string;
  usage: { input: number; output: number };
  cost_usd: number;
}

describe("record and replay", () => {
  it("records upstream exchanges and replays them with the upstream stopped", async () => {
    const upstream = await startFakeUpstream();
    const directory = join(tempDataDir(), "recordings");
    const config = {
      providers: { lab: { baseURL: upstream.url, models: { m1: { price: { input: 1, output: 2 } } } } },
      routing: { exploration: 0 },
      cache: { store: "off" as const },
    };
    upstream.enqueue({
      type: "ok",
      text: "recorded answer",
      usage: { prompt_tokens: 40, completion_tokens: 3 },
    });
    const recording = await connectInMemory(config, { MODELMUX_RECORD: directory });
    const live = structured<Answer>(
      await recording.client.callTool({
        name: "route_completion",
        arguments: { prompt: "what is 2+2?", model: "m1" },
      }),
    );
    expect(live.text).toBe("recorded answer");
    await recording.close();
    expect(readdirSync(directory).filter((file) => file.endsWith(".json"))).toHaveLength(1);
    await upstream.close();

    const replaying = await connectInMemory(config, { MODELMUX_REPLAY: directory });
    const replayed = structured<Answer>(
      await replaying.client.callTool({
        name: "route_completion",
        arguments: { prompt: "what is 2+2?", model: "m1" },
      }),
    );
    expect(replayed.text).toBe("recorded answer");
    expect(replayed.usage).toEqual(live.usage);
    expect(replayed.cost_usd).toBe(live.cost_usd);
    const missing = errorText(
      await replaying.client.callTool({
        name: "route_completion",
        arguments: { prompt: "something else", model: "m1" },
      }),
    );
    expect(missing).toMatch(/replay: no recorded exchange for lab\/m1/);
    await replaying.close();
  });

  it("enables the providers on record without their keys", async () => {
    const upstream = await startFakeUpstream();
    const directory = join(tempDataDir(), "recordings");
    const config = {
      providers: { groq: { baseURL: upstream.url } },
      routing: { exploration: 0 },
      cache: { store: "off" as const },
    };
    const recording = await connectInMemory(config, {
      MODELMUX_RECORD: directory,
      GROQ_API_KEY: "gsk-record-only",
    });
    structured(
      await recording.client.callTool({
        name: "route_completion",
        arguments: { prompt: "hi", model: "groq/llama-3.1-8b" },
      }),
    );
    await recording.close();
    await upstream.close();
    const replaying = await connectInMemory(config, { MODELMUX_REPLAY: directory });
    const replayed = structured<Answer>(
      await replaying.client.callTool({
        name: "route_completion",
        arguments: { prompt: "hi", model: "groq/llama-3.1-8b" },
      }),
    );
    expect(replayed.provider).toBe("groq");
    expect(replayed.text).toBe("hi");
    await replaying.close();
  });
});
