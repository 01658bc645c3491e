import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // vitest's default (one worker fewer than the cores) runs the files one at a time on a 2-core
    // machine, while most test time waits on servers, child processes and timers: two at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
  },
});
