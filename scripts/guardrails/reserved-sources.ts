import { readFileSync } from "node:fs";
import { join } from "node:path";

const { reserved } = JSON.parse(readFileSync(join(import.meta.dirname, "corpus-sources.json"), "utf8")) as {
  reserved: { names: string[] };
};

/**
 * The owners' evaluation sets are built from the reserved sources (corpus-sources.json, `reserved`):
 * the name of the reserved source a repository is, or bundles, or undefined. The corpus builder
 * refuses such a source, so none of their lines can reach training, tuning or the test split.
 */
export function reservedName(repo: string): string | undefined {
  return reserved.names.find((name) => repo.toLowerCase().includes(name.toLowerCase()));
}
