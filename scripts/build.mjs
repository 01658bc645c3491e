// `npm run build`: bundles the server into dist/ with esbuild (types are checked by `npm run typecheck`).
//
//   dist/modelmux.cjs        src/cli.ts and everything the start-up needs, in one CommonJS file
//   dist/modelmux.cjs.cache  V8's code cache for it, made by one real start-up (below) under the
//                            bin's V8 flag; modelmux.cjs.plain-node.cache, the same for a plain `node`
//   dist/cli.js              src/launcher.ts: runs the bundle through that cache (the `modelmux` bin)
//   dist/package.json        `"type": "commonjs"` for the two files above
//   dist/static/             the dashboard's files
//   dist/attack-model.bin    the learned attack scorer's weights
//   dist/genai-prices-bundled.json  the price library's bundled data, as JSON (faster to load)
//   dist/default-config.json the config's defaults, parsed (a start without a config file builds no config schema)
//   dist/tool-list.json      the server's tools/list answer (served as is: no zod → JSON Schema at start)
//   dist/tokenizers/         every vocabulary's ranks as bytes (rank files: OpenAI's o200k_base and cl100k_base,
//                            hashed in steps; the open families', with their specials and chat template as JSON)
//
// Why: start-up was dominated by Node's ES module loader reading and compiling ~250 modules one by
// one, and Node 20 can cache compiled code only for a script compiled with vm.Script, not for ES
// modules. One bundle is one file to read; the code cache spares compiling it.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, buildSync } from "esbuild";
import { listToolsOverStdio } from "./stdio-handshake.mjs";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
const bundle = join(dist, "modelmux.cjs");
/** Same name as BUNDLED_PRICES_FILE in src/catalog/price-data.ts. */
const BUNDLED_PRICES_JSON = "genai-prices-bundled.json";
/** Same name as BUILT_DEFAULT_CONFIG_FILE in src/config/load-config.ts. */
const DEFAULT_CONFIG_JSON = "default-config.json";
/** Same name as BUILT_TOOL_LIST_FILE in src/tools/built-tool-list.ts. */
const TOOL_LIST_JSON = "tool-list.json";
/** Same flag as NATIVE_REGEXP_FLAG in src/native-regexps.ts, which the bin's `#!` line gives node. */
const NATIVE_REGEXP_FLAG = "--no-regexp-tier-up";

rmSync(dist, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ["src/cli.ts"],
  outfile: bundle,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // import() of bundled modules becomes a lazy require of code already in the file: each module's
  // top level still runs only when first imported, as before.
  supported: { "dynamic-import": false },
  // Native addons cannot be bundled. The rest stay in node_modules so that start-up does not read
  // their code: they load (with require) on first use. gpt-tokenizer is 4.5 MB of token tables; the
  // others are listed only because importing their CommonJS build gives what the source's import
  // of their ES build gives: the same named exports, and a default import (which of CommonJS is
  // module.exports) only where that is the same value. Not so for @keyv/* (default import) or
  // libphonenumber-js/max (no `Metadata`): they are bundled, like everything else.
  external: [
    "better-sqlite3",
    "sqlite3",
    "gpt-tokenizer",
    "openai",
    "@redis/client",
    "validator",
    "yaml",
    "prom-client",
    "re2js",
  ],
  // The code reads import.meta to find files next to it; in CommonJS that is __filename.
  define: { "import.meta.url": "__importMetaUrl", "import.meta.dirname": "__dirname" },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Smaller source is faster to read and hash at every start. No keepNames: it wraps every function
  // made at run time in a defineProperty call (~4 % of the gateway's CPU per request), and nothing
  // reads minified names (error classes set `name` themselves). `node --enable-source-maps
  // dist/cli.js` maps stack traces to src/ (see launcher).
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});
// The launcher wraps the bundle in a function, where a `#!` line is a syntax error: it is replaced (below).
// esbuild escapes non-ASCII characters everywhere but in regular expressions; one such character
// makes V8 hold the whole source as UTF-16 (slower to read and scan, twice the memory), so
// escape those too: `\uXXXX` means the same character in any regular expression or string.
// The launcher decodes the bundle as latin1, which relies on this.
const output = readFileSync(bundle, "utf8");
if (!output.startsWith("#!")) throw new Error("build: the bundle does not begin with src/cli.ts's #! line");
if (/\\[^\t\n\r -~]/.test(output))
  throw new Error("build: a backslash before a non-ASCII character; cannot escape it");
const ascii = output
  .slice(output.indexOf("\n"))
  .replace(/[^\t\n\r -~]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
// The first line names this exact bundle by its SHA-256: the launcher uses a code cache only when
// the cache begins with the same line (see src/launcher.ts), without hashing the bundle at start.
writeFileSync(bundle, `//modelmux-build ${createHash("sha256").update(ascii).digest("hex")}${ascii}`);

// The worker thread for long guardrail checks and large caller schemas (src/workers/offload.ts
// starts it from beside the bundle). Loaded only when a request needs it, so outside the bundle.
await build({
  absWorkingDir: root,
  entryPoints: ["src/workers/offload-worker.ts"],
  outfile: join(dist, "offload-worker.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["re2js", "validator"],
  define: { "import.meta.url": "__importMetaUrl", "import.meta.dirname": "__dirname" },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});

await build({
  absWorkingDir: root,
  entryPoints: ["src/launcher.ts"],
  outfile: join(dist, "cli.js"),
  bundle: true, // with the few lines it imports (src/code-cache-file.ts)
  format: "cjs",
  platform: "node",
  target: "node20",
  define: { "import.meta.dirname": "__dirname" },
  logLevel: "warning",
});
// dist/ holds CommonJS only: an ES module entry point would set up Node's ES module loader (~10 ms)
// just to run the launcher. This package.json makes `node dist/cli.js` load it as CommonJS.
writeFileSync(join(dist, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);

writeCompactVocabularies();

cpSync(join(root, "src/dashboard/static"), join(dist, "static"), { recursive: true });
// The learned attack scorer's weights, read beside the bundle (src/guardrails/attacks/attack-model.ts).
cpSync(join(root, "src/guardrails/attacks/attack-model.bin"), join(dist, "attack-model.bin"));
writeBundledPriceData();
writeDefaultConfig();

await writeToolList();
await writeCodeCache();

/**
 * Every vocabulary's ranks as a rank file (src/tokens/rank-table.ts): read as one Buffer and hashed
 * without a string per token. OpenAI's encodings beside the bundle, hashed in steps, where
 * gpt-tokenizer's module compiles as one long stall; the open families' beside the worker that
 * loads them (src/tokens/family-vocabulary.ts), with their specials and chat template as JSON,
 * where the packages' tokenizer.json is ten times the size and a string per token.
 */
function writeCompactVocabularies() {
  runBuildScript(
    "dump-vocabularies.cjs",
    'import { FAMILY_ENCODINGS } from "./src/tokens/family-encodings.ts";\n' +
      'import { builtVocabularyContents } from "./src/tokens/family-vocabulary.ts";\n' +
      'import { mkdirSync, writeFileSync } from "node:fs";\n' +
      'import { dirname, join } from "node:path";\n' +
      'import { libraryRankFile, rankFileName } from "./src/tokens/openai-ranks.ts";\n' +
      "for (const family of FAMILY_ENCODINGS) {\n" +
      "  for (const [name, contents] of Object.entries(builtVocabularyContents(family))) {\n" +
      "    const file = join(process.argv[2], name);\n" +
      "    mkdirSync(dirname(file), { recursive: true });\n" +
      "    writeFileSync(file, contents);\n" +
      "  }\n" +
      "}\n" +
      "for (const encoding of ['o200k_base', 'cl100k_base'])\n" +
      "  libraryRankFile(encoding).then((file) => writeFileSync(join(process.argv[2], rankFileName(encoding)), file));\n",
    [dist],
    { stdio: "inherit" },
  );
}

/**
 * The price data bundled with @pydantic/genai-prices, as JSON beside the bundle (read by
 * src/catalog/price-data.ts): JSON.parse takes about a tenth of the time of running the library's
 * module, which builds the same data as one long stall of the event loop.
 */
function writeBundledPriceData() {
  // No data file beside this throwaway script: the library's own data is read.
  const json = runBuildScript(
    "dump-price-data.cjs",
    'import { loadPriceData } from "./src/catalog/price-data.ts";\n' +
      "process.stdout.write(JSON.stringify(loadPriceData().providers));\n",
    [],
    { maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
  );
  JSON.parse(json); // fails the build rather than ship a broken file
  writeFileSync(join(dist, BUNDLED_PRICES_JSON), json);
}

/**
 * parseConfig({}) beside the bundle: src/config/load-config.ts's defaultConfig() reads it when no
 * config file is given, rather than building the config's zod schemas to parse nothing.
 */
function writeDefaultConfig() {
  // No default-config.json beside this throwaway script yet: parseConfig runs zod.
  const json = runBuildScript(
    "dump-default-config.cjs",
    'import { parseConfig } from "./src/config/load-config.ts";\n' +
      "process.stdout.write(JSON.stringify(parseConfig({})));\n",
    [],
    { encoding: "utf8" },
  );
  JSON.parse(json); // fails the build rather than ship a broken file
  writeFileSync(join(dist, DEFAULT_CONFIG_JSON), json);
}

/**
 * Bundles `source` (TypeScript importing from src/) into a throwaway CommonJS script and runs it
 * from dist/, where the packages it uses resolve from node_modules; returns what execFileSync does.
 */
function runBuildScript(name, source, args, options) {
  const bundled = buildSync({
    absWorkingDir: root,
    stdin: { contents: source, resolveDir: root, loader: "ts" },
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    define: { "import.meta.url": "__importMetaUrl", "import.meta.dirname": "__dirname" },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    write: false,
    logLevel: "warning",
  });
  const script = join(dist, name);
  writeFileSync(script, bundled.outputFiles[0].text);
  try {
    return execFileSync(process.execPath, [script, ...args], options);
  } finally {
    rmSync(script);
  }
}

/**
 * The built server's tools/list answer, beside the bundle: src/tools/built-tool-list.ts serves it
 * as is, where the SDK converted every tool's zod schemas to JSON Schema at each start-up (~45 ms).
 * No list is beside the bundle yet, so the SDK itself makes this one; a test checks that it equals
 * what the SDK makes of the schemas in src/. Without it the server would still work: a build whose
 * server cannot answer tools/list is broken, so that fails the build.
 */
async function writeToolList() {
  const list = await startBuiltServer({});
  if (!list) throw new Error("build: the built server did not answer tools/list");
  writeFileSync(join(dist, TOOL_LIST_JSON), JSON.stringify(list));
}

/**
 * Starts the built server over stdio with MODELMUX_WRITE_CODE_CACHE=1, so the launcher writes the
 * code cache as it exits: once under the bin's flag and once in a plain node (V8 takes a cache only
 * under the flags it was made with; src/code-cache-file.ts names each). Without a cache the server
 * still works, only starts slower: a failure here warns rather than failing the build.
 */
async function writeCodeCache() {
  for (const [nodeArgs, file] of [
    [[NATIVE_REGEXP_FLAG], `${bundle}.cache`],
    [[], `${bundle}.plain-node.cache`],
  ]) {
    await startBuiltServer({ MODELMUX_WRITE_CODE_CACHE: "1" }, nodeArgs);
    if (!existsSync(file)) console.warn(`build: no code cache ${file} written; start-up will be slower`);
  }
}

/**
 * Starts the built server over stdio (node given `nodeArgs`, with `extraEnv`), asks for its tool list (initialize,
 * tools/list), closes its input, which ends it, and waits for it to exit. Resolves with the
 * tools/list result, or undefined when the server exited before answering.
 */
async function startBuiltServer(extraEnv, nodeArgs = [NATIVE_REGEXP_FLAG]) {
  const dataDir = mkdtempSync(join(tmpdir(), "modelmux-build-"));
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("MODELMUX_")));
  const child = spawn(process.execPath, [...nodeArgs, join(dist, "cli.js")], {
    env: { ...env, MODELMUX_DATA_DIR: dataDir, MODELMUX_LOG_LEVEL: "silent", ...extraEnv },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let list;
  listToolsOverStdio(child, "build").then(
    (result) => {
      list = result;
      child.stdin.end();
    },
    () => {}, // it exited early: the caller says what that means
  );
  const timer = setTimeout(() => child.kill(), 30_000);
  await new Promise((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  rmSync(dataDir, { recursive: true, force: true });
  return list;
}
