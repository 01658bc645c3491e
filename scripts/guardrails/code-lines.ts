import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CorpusLine } from "./corpus-line.js";
import { mulberry32 } from "./seeded-random.js";

/**
 * Benign code and JSON: what users paste and tools return all day, and what the public corpus
 * barely has (its code comes with injections planted in it). Cut from the JavaScript and JSON files
 * of installed packages under permissive licences (the lockfile pins them, so the lines are the same
 * on every machine with the same `npm ci`), in chunks of 100-3,000 characters at line breaks, read as
 * a user's message, a document and a tool result in turn. Split by package.
 */
const PACKAGES: { name: string; split: "train" | "dev" }[] = [
  { name: "zod", split: "train" },
  { name: "openai", split: "train" },
  { name: "ioredis", split: "train" },
  { name: "pg", split: "train" },
  { name: "semver", split: "train" },
  { name: "undici", split: "dev" },
  { name: "yaml", split: "dev" },
];
const PERMISSIVE = new Set(["MIT", "ISC", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause"]);
const CHUNKS_PER_PACKAGE = 60;
const CONTEXTS = ["user", "document", "tool_result"] as const;
const root = join(import.meta.dirname, "../../node_modules");

function filesOf(directory: string, found: string[] = []): string[] {
  for (const entry of readdirSync(directory).sort()) {
    if (entry === "node_modules") continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) filesOf(path, found);
    else if (/\.(js|mjs|cjs|json)$/.test(entry) && !entry.endsWith(".min.js")) found.push(path);
  }
  return found;
}

export function codeLines(): CorpusLine[] {
  const lines: CorpusLine[] = [];
  for (const { name, split } of PACKAGES) {
    const directory = join(root, name);
    let licence: string;
    try {
      licence =
        (JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as { license?: string }).license ??
        "";
    } catch {
      continue; // not installed: the corpus has no lines of it
    }
    if (!PERMISSIVE.has(licence)) continue;
    const random = mulberry32(name.length * 7919 + (name.charCodeAt(0) ?? 0));
    const files = filesOf(directory);
    for (let chunk = 0; chunk < CHUNKS_PER_PACKAGE && files.length > 0; chunk++) {
      const file = files[Math.floor(random() * files.length)] ?? "";
      const rows = readFileSync(file, "utf8").split("\n");
      const first = Math.floor(random() * rows.length);
      const wanted = 100 + Math.floor(random() * 2900);
      let text = "";
      for (let row = first; row < rows.length && text.length < wanted; row++) text += `${rows[row]}\n`;
      text = text.trim();
      if (text.length < 40) continue;
      lines.push({
        text,
        kind: "benign",
        source: `package-code-${split}`,
        split,
        lang: "en",
        licence,
        context: CONTEXTS[chunk % CONTEXTS.length],
      });
    }
  }
  return lines;
}
