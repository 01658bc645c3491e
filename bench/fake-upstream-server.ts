import { parseArgs } from "node:util";
import { startFakeUpstream } from "../test/support/fake-upstream.js";

/**
 * The fake OpenAI-compatible upstream as its own process, so benchmarks measure the gateway and
 * not the fake: `npx tsx bench/fake-upstream-server.ts --port 0 --latency-ms 0`.
 * Prints `{"port":N}` on stdout once listening; stops on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      "latency-ms": { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      "embedding-dimensions": { type: "string", default: "64" },
    },
  });
  const port = Number(values.port);
  const latencyMs = Number(values["latency-ms"]);
  if (!Number.isInteger(port) || port < 0 || !Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new Error("usage: fake-upstream-server --port N --latency-ms MS");
  }
  // No request log: a benchmark sends hundreds of thousands of requests.
  const embeddingDimensions = Number(values["embedding-dimensions"]);
  const upstream = await startFakeUpstream({
    port,
    latencyMs,
    host: values.host,
    record: false,
    embeddingDimensions,
  });
  process.stdout.write(`${JSON.stringify({ port: upstream.port })}\n`);
  const stop = () => {
    upstream.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
