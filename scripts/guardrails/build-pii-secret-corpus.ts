// `npm run corpus:pii-secrets`: extracts the held-out PII/secret corpus from git snapshots of the
// sources in pii-secret-sources.json (at their pinned commits) into .attack-corpus/pii-secrets.jsonl.
// Snapshots are read from MODELMUX_CORPUS_MIRRORS (default /work/.mirror), `<owner>+<name>/repo`, as
// for the attack corpus; nothing here touches the network. Python test files are parsed (ast), never run.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { authoredPhoneLines, authoredSpanLines } from "./authored-pii-lines.js";
import { authoredSecretLines } from "./authored-secret-lines.js";
import { type BratDocument, bratLines } from "./extract-brat.js";
import { type CredSweeperFinding, credSweeperLines } from "./extract-credsweeper.js";
import { DIALOGUE_FORMATS, dialogueLines, isDialogueFormat, readDialogues } from "./extract-dialogues.js";
import { ducklingLines } from "./extract-duckling.js";
import { fakerPhoneLines } from "./extract-faker-phones.js";
import { type FakerPyProvider, fakerPyPhoneLines } from "./extract-faker-py-phones.js";
import { ipRegexTestLines } from "./extract-ip-regex.js";
import { labelledSourceLines } from "./extract-labelled-lines.js";
import { libphonenumberMatcherLines } from "./extract-libphonenumber.js";
import { nemoTelephoneLines } from "./extract-nemo-telephone.js";
import { paddleSpeechTnLines } from "./extract-paddlespeech-tn.js";
import { type PiiManagerTests, piiManagerLines } from "./extract-pii-manager.js";
import {
  dedupeLines,
  detectSecretsLines,
  documentLine,
  dropTestLinesSeenInDev,
  gitleaksLines,
  type LineContext,
  noseyParkerLines,
  type PresidioRecord,
  type PytestCases,
  presidioResearchLines,
  presidioTestLines,
  type RecognizersCase,
  recognizersTextLines,
} from "./extract-pii-secret.js";
import { ripsecretsLines } from "./extract-ripsecrets.js";
import { validatorFixtureLines } from "./extract-validator-fixtures.js";
import { velesLines } from "./extract-veles.js";
import { weTextLines } from "./extract-wetext.js";
import { whispersLines } from "./extract-whispers.js";
import { extractGoRuleSamples, readGoHelpers } from "./go-samples.js";
import { keyhogExamples, readKeyhogDetectors, whyNotAVendorToken } from "./keyhog-detectors.js";
import { readRuleFiles, ruleKey, selectKingfisherRules } from "./kingfisher-selection.js";
import { PII_SECRET_CORPUS, PII_SECRET_SOURCES, type PiiSecretSource } from "./load-pii-secret-corpus.js";
import { type MicrosoftKeyRule, microsoftExamplesByRule, structuralSkip } from "./microsoft-key-rules.js";
import type { PiiSecretLine, PiiSecretSplit } from "./pii-secret-line.js";
import { reservedName } from "./reserved-sources.js";
import { mulberry32 } from "./seeded-random.js";
import { listFiles, show, showMany } from "./snapshot.js";

/** gitleaks draws its samples' secrets at random; this seed makes the corpus the same on every build. */
const SAMPLE_SEED = 24;

/** faker-js's per-locale phone formats: `src/locales/<locale>/phone_number/format/<kind>.ts`. */
const FAKER_PHONE_FORMAT = /\/locales\/(\w+)\/phone_number\/format\/(human|national|international)\.ts$/;

const showText = (source: PiiSecretSource, path: string) =>
  show(source.repo, source.commit, path).toString("utf8");

/** The half a source split in halves declares: its extractor cannot choose lines without one. */
function declaredHalf(source: PiiSecretSource): "a" | "b" {
  if (source.half === undefined) throw new Error(`${source.id}: names no \`half\` (a or b)`);
  return source.half;
}

const filesOf = (source: PiiSecretSource, folder: string, ending: string) =>
  listFiles(source.repo, source.commit, folder, ending);

/** joke2k/faker's phone providers, `<folder><locale>/__init__.py`, as read-faker-py-phones.py reads them. */
function fakerPyProviders(source: PiiSecretSource, folder: string): Record<string, FakerPyProvider> {
  const sources: Record<string, string> = {};
  for (const path of filesOf(source, folder, "/__init__.py")) {
    const locale = path.slice(folder.length).split("/")[0] ?? "";
    if (locale !== "__init__.py") sources[locale] = showText(source, path);
  }
  const script = join(import.meta.dirname, "read-faker-py-phones.py");
  const output = execFileSync("python3", [script], { input: JSON.stringify(sources), maxBuffer: 64 << 20 });
  return JSON.parse(output.toString("utf8")) as Record<string, FakerPyProvider>;
}

function pytestCases(python: string): PytestCases {
  const script = join(import.meta.dirname, "extract-pytest-cases.py");
  return JSON.parse(execFileSync("python3", [script], { input: python }).toString("utf8")) as PytestCases;
}

/** The one file of a zip archive (ConvLab-2 ships its dialogues zipped), read by Python's zipfile. */
function unzipOne(archive: Buffer): string {
  const script =
    "import io, sys, zipfile\nz = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))\nsys.stdout.buffer.write(z.read(z.namelist()[0]))";
  return execFileSync("python3", ["-c", script], { input: archive, maxBuffer: 256 << 20 }).toString("utf8");
}

function extract(source: PiiSecretSource, claimed: Record<string, string>): PiiSecretLine[] {
  const context: LineContext = { source: source.id, split: source.split, licence: source.licence };
  switch (source.format) {
    case "presidio-synth":
      return source.paths.flatMap((path) =>
        presidioResearchLines(JSON.parse(showText(source, path)) as PresidioRecord[], claimed, context),
      );
    case "presidio-pytest":
      return source.paths.flatMap((entry) => {
        const [path = "", entityType = ""] = entry.split("=");
        const file = path.split("/").pop() ?? path;
        return presidioTestLines(
          pytestCases(showText(source, path)),
          entityType,
          claimed[entityType] !== undefined,
          file,
          context,
        );
      });
    case "detect-secrets-pytest":
      return source.paths.flatMap((folder) =>
        filesOf(source, folder, "_test.py").flatMap((path) => {
          const file = path.split("/").pop() ?? path;
          const plugin = file.replace(/_test\.py$/, "");
          const evaluates = source.piiPlugins?.includes(plugin) ? "pii" : "secret";
          const type = evaluates === "pii" ? "IP_ADDRESS" : plugin;
          return detectSecretsLines(pytestCases(showText(source, path)), type, evaluates, file, context);
        }),
      );
    case "recognizers-text-specs":
      // Specs/Sequence/<Language>/<Model>.json; only the models `models` maps to a type are read.
      return source.paths.flatMap((folder) =>
        filesOf(source, folder, ".json").flatMap((path) => {
          const [language = "", file = ""] = path.slice(folder.length).split("/");
          const modelType = source.models?.[file];
          if (modelType === undefined) return [];
          const cases = JSON.parse(showText(source, path).replace(/^\uFEFF/, "")) as RecognizersCase[];
          return recognizersTextLines(cases, modelType, claimed, language, file, context);
        }),
      );
    case "libphonenumber-matcher-test":
      return source.paths.flatMap((path) =>
        libphonenumberMatcherLines(showText(source, path), path.split("/").pop() ?? path, context),
      );
    case "faker-phone-formats": {
      const files = source.paths.flatMap((folder) =>
        filesOf(source, folder, ".ts").flatMap((path) => {
          const match = FAKER_PHONE_FORMAT.exec(path);
          return match === null
            ? []
            : [{ locale: match[1] ?? "", kind: match[2] ?? "", typescript: showText(source, path) }];
        }),
      );
      return fakerPhoneLines(files, mulberry32(SAMPLE_SEED), context);
    }
    case "faker-py-phone-formats": {
      // faker/providers/phone_number/<locale>/__init__.py; the locales go to halves by name.
      const half = declaredHalf(source);
      const results = source.paths.map((folder) =>
        fakerPyPhoneLines(fakerPyProviders(source, folder), half, mulberry32(SAMPLE_SEED), context),
      );
      console.log(
        `${source.id}: ${results.reduce((sum, result) => sum + result.leftOut, 0)} formats left out (a template with no literal list)`,
      );
      return results.flatMap((result) => result.lines);
    }
    case "validator-fixtures": {
      // test/validators.test.js; the values go to halves by a hash of each.
      const half = declaredHalf(source);
      const results = source.paths.map((path) =>
        validatorFixtureLines(showText(source, path), half, mulberry32(SAMPLE_SEED), context),
      );
      console.log(
        `${source.id}: ${results.reduce((sum, result) => sum + result.leftOut, 0)} mobile numbers left out (not valid in the locale's country, or digits alone without a phone word)`,
      );
      return results.flatMap((result) => result.lines);
    }
    case "pii-manager-tests": {
      // pii-manager/test/unit/lang/**/test_*.py, each file's literal `TEST` list (read-pii-manager-tests.py).
      const paths = source.paths.flatMap((folder) => filesOf(source, folder, ".py"));
      const sources = Object.fromEntries(paths.map((path) => [path, showText(source, path)]));
      const script = join(import.meta.dirname, "read-pii-manager-tests.py");
      const read = JSON.parse(
        execFileSync("python3", [script], { input: JSON.stringify(sources) }).toString("utf8"),
      ) as Record<string, [string, string][] | null>;
      const files: PiiManagerTests[] = Object.entries(read).flatMap(([path, pairs]) =>
        pairs === null ? [] : [{ path, pairs }],
      );
      console.log(`${source.id}: ${paths.length - files.length} test files without a literal TEST list`);
      return piiManagerLines(files, context);
    }
    case "duckling-corpus":
      // Duckling/<Dimension>/[<LANG>/[<REGION>/]]Corpus.hs: the dimensions the extractor reads.
      return source.paths.flatMap((folder) => {
        const paths = filesOf(source, folder, "Corpus.hs");
        const texts = showMany(source.repo, source.commit, paths);
        return ducklingLines(
          paths.map((path, index) => ({ path, haskell: texts[index]?.toString("utf8") ?? "" })),
          context,
        );
      });
    case "convlab-dialogues":
    case "sgd-dialogues":
    case "risawoz-dialogues":
      // `path=format`: a split of dialogues in ConvLab-2's form of CrossWOZ or MultiWOZ (zipped), or
      // a file of the Schema-Guided Dialogue dataset (JSON); `path=format=language` where the format
      // holds files of several languages (X-RiSAWOZ's).
      return source.paths.flatMap((entry) => {
        const [path = "", format = "", language] = entry.split("=");
        if (!isDialogueFormat(format))
          throw new Error(`${source.id}: ${path} names no dialogue format (${DIALOGUE_FORMATS.join(", ")})`);
        const file = show(source.repo, source.commit, path);
        const json = path.endsWith(".zip") ? unzipOne(file) : file.toString("utf8");
        const dialogues = readDialogues(json, format);
        return dialogueLines(dialogues, format, path.split("/").slice(-2).join("/"), context, language);
      });
    case "brat-standoff":
      // Folders of `<id>.txt` documents, each with its `<id>.ann` annotations.
      return source.paths.flatMap((folder) => {
        const texts = filesOf(source, folder, ".txt");
        const files = showMany(source.repo, source.commit, [
          ...texts,
          ...texts.map((path) => path.replace(/\.txt$/, ".ann")),
        ]);
        const documents: BratDocument[] = texts.map((path, index) => ({
          id:
            path
              .split("/")
              .at(-1)
              ?.replace(/\.txt$/, "") ?? path,
          text: files[index]?.toString("utf8") ?? "",
          ann: files[texts.length + index]?.toString("utf8") ?? "",
        }));
        if (source.types === undefined || source.language === undefined)
          throw new Error(`${source.id}: names no \`types\` or \`language\``);
        return bratLines(documents, source.types, source.language, folder, context);
      });
    case "nemo-telephone-tests": {
      // tests/nemo_text_processing/<language>/data_[inverse_]text_normalization/test_cases_telephone*.txt
      const half = declaredHalf(source);
      const files = source.paths.flatMap((folder) =>
        filesOf(source, folder, ".txt").map((path) => ({ path, content: showText(source, path) })),
      );
      return nemoTelephoneLines(files, half, context);
    }
    case "wetext-tests":
    case "paddlespeech-tn-tests": {
      // WeTextProcessing: {tn,itn}/<language>/test/data/<class>.txt; PaddleSpeech: the `written|spoken`
      // test files named; both labelled by scripts/guardrails/labelled/<labels>
      if (source.half === undefined || source.labels === undefined)
        throw new Error(`${source.id}: names no \`half\` (a or b) or \`labels\``);
      const files =
        source.format === "wetext-tests"
          ? source.paths.flatMap((folder) =>
              filesOf(source, folder, ".txt").map((path) => ({ path, content: showText(source, path) })),
            )
          : source.paths.map((path) => ({ path, content: showText(source, path) }));
      const labelFile = join(import.meta.dirname, "labelled", source.labels);
      const read = source.format === "wetext-tests" ? weTextLines : paddleSpeechTnLines;
      const leftOut = { count: 0 };
      const lines = read(
        files,
        readFileSync(labelFile, "utf8"),
        source.labels,
        source.half,
        context,
        leftOut,
      );
      console.log(`${source.id}: ${leftOut.count} texts left out (labelled unclear)`);
      return lines;
    }
    case "ip-regex-test":
      return source.paths.flatMap((path) => ipRegexTestLines(showText(source, path), path, context));
    case "gitleaks-rules": {
      const helpers = readGoHelpers(
        showText(source, "cmd/generate/config/utils/generate.go"),
        showText(source, "cmd/generate/config/utils/patterns.go"),
      );
      const random = mulberry32(SAMPLE_SEED);
      let skipped = 0;
      const lines = source.paths.flatMap((folder) =>
        filesOf(source, folder, ".go")
          .filter((path) => !path.endsWith("_test.go"))
          .flatMap((path) => {
            const extracted = extractGoRuleSamples(showText(source, path), helpers, random);
            skipped += extracted.skipped;
            return gitleaksLines(extracted.rules, path.split("/").pop() ?? path, context);
          }),
      );
      console.log(`${source.id}: ${skipped} samples left out (expressions not evaluated)`);
      return lines;
    }
    case "noseyparker-rules":
      return source.paths.flatMap((folder) =>
        filesOf(source, folder, ".yml").flatMap((path) =>
          noseyParkerLines(showText(source, path), path.split("/").pop() ?? path, context),
        ),
      );
    case "kingfisher-rules": {
      // Only rules sharing nothing with Nosey Parker's (the test source), and no helper rules.
      const selection = selectKingfisherRules(
        source.paths.flatMap((folder) => readRuleFiles(source.repo, source.commit, folder)),
      );
      return source.paths.flatMap((folder) =>
        filesOf(source, folder, ".yml").flatMap((path) => {
          const file = path.split("/").pop() ?? path;
          return noseyParkerLines(
            showText(source, path),
            file,
            context,
            (rule) => rule.visible !== false && selection.get(ruleKey(file, rule.id)) === undefined,
          );
        }),
      );
    }
    case "microsoft-keys":
      // Seeded examples of the rules that have a signature (the ones a port is considered for).
      return source.paths.flatMap((path) => {
        const rules = (JSON.parse(showText(source, path)) as MicrosoftKeyRule[]).filter(
          (rule) => structuralSkip(rule) === undefined,
        );
        const examples = microsoftExamplesByRule(rules);
        const file = path.split("/").pop() ?? path;
        return gitleaksLines(
          rules.map((rule) => ({ rule: rule.Name, positives: examples.get(rule) ?? [], negatives: [] })),
          file,
          context,
        );
      });
    case "keyhog-detectors":
      // Seeded examples of the patterns for a vendor's token (the ones a port is considered for).
      return source.paths.flatMap((folder) => {
        const detectors = readKeyhogDetectors(source, folder);
        const examples = keyhogExamples(detectors);
        return detectors.flatMap((detector) =>
          gitleaksLines(
            detector.patterns
              .filter((pattern) => whyNotAVendorToken(detector, pattern) === undefined)
              .map((pattern) => ({
                rule: detector.id,
                positives: examples.get(pattern) ?? [],
                negatives: [],
              })),
            detector.file.split("/").pop() ?? detector.file,
            context,
          ),
        );
      });
    case "trivy-testdata":
      // `path=rule[,rule]`: every non-empty line of the test file is a positive of that rule; with
      // `whole:` before the path (Maven's XML, a Kubernetes manifest) the file is one text, a positive
      // of the rules Trivy's test expects in it.
      return source.paths.flatMap((entry) => {
        const whole = entry.startsWith("whole:");
        const [path = "", rules = ""] = entry.replace(/^whole:/, "").split("=");
        const file = path.split("/").pop() ?? path;
        const content = showText(source, path);
        if (whole) return [documentLine(content.trim(), rules.split(","), file, context)];
        const positives = content
          .split("\n")
          .map((line) => line.trim())
          .filter((line) => line !== "");
        return gitleaksLines([{ rule: rules, positives, negatives: [] }], file, context);
      });
    case "labelled-lines": {
      const labels = source.labels;
      if (labels === undefined)
        throw new Error(`${source.id}: a labelled-lines source names its \`labels\` file`);
      const content = readFileSync(join(import.meta.dirname, "labelled", labels), "utf8");
      return labelledSourceLines(content, labels, (path) => showText(source, path), context);
    }
    case "credsweeper-samples": {
      // tests/samples/* as text (binaries, archives and office documents skipped), labelled by the
      // reports in tests/data/; the lines go to `<id>-a` and `<id>-b` by file (extract-credsweeper.ts).
      const paths = source.paths.flatMap((folder) =>
        filesOf(source, folder, "").filter((path) => path !== ""),
      );
      const utf8 = new TextDecoder("utf-8", { fatal: true });
      const files = showMany(source.repo, source.commit, paths).flatMap((content, index) => {
        try {
          const text = utf8.decode(content);
          return text.includes("\u0000") ? [] : [{ path: paths[index] ?? "", content: text }];
        } catch {
          return [];
        }
      });
      const report = (name: string) =>
        JSON.parse(showText(source, `tests/data/${name}.json`)) as CredSweeperFinding[];
      const { lines, leftOut } = credSweeperLines(
        files,
        { output: report("output"), doc: report("doc"), candidates: report("no_filters_no_ml") },
        context,
      );
      console.log(
        `${source.id}: ${files.length} of ${paths.length} files read as text; left out per half and reason: ${[...leftOut].map(([key, count]) => `${key} ${count}`).join(", ")}`,
      );
      return lines;
    }
    case "ripsecrets-tests": {
      // test/one_per_line/* (a secret a line), test/none (none), test/one_per_file/* (left out):
      // the lines go to `<id>-a` and `<id>-b` by file (extract-ripsecrets.ts).
      const files = source.paths.flatMap((folder) =>
        filesOf(source, folder, "")
          .filter((path) => path !== "")
          .map((path) => ({ path, content: showText(source, path) })),
      );
      const { lines, leftOut } = ripsecretsLines(files, context);
      console.log(
        `${source.id}: ${files.length} files; left out per half and reason: ${[...leftOut].map(([key, count]) => `${key} ${count}`).join(", ")}`,
      );
      return lines;
    }
    case "veles-detector-tests": {
      // veles/secrets/<vendor>/*_test.go, the case tables of tests that run a detector; the lines go
      // to `<id>-a` and `<id>-b` by vendor folder (extract-veles.ts).
      const paths = source.paths.flatMap((folder) => filesOf(source, folder, "_test.go"));
      const files = showMany(source.repo, source.commit, paths).map((content, index) => ({
        path: paths[index] ?? "",
        content: content.toString("utf8"),
      }));
      const { lines, leftOut } = velesLines(files, context);
      console.log(
        `${source.id}: ${files.length} test files; left out per half and reason: ${[...leftOut].map(([key, count]) => `${key} ${count}`).join(", ")}`,
      );
      return lines;
    }
    case "whispers-fixtures":
      return source.paths.flatMap((path) =>
        whispersLines(showText(source, path), path.replace(/^tests\/fixtures\//, ""), context),
      );
    default:
      throw new Error(`unknown format ${source.format}`);
  }
}

/** Lines written for this corpus, committed under scripts/guardrails/authored/. */
interface AuthoredSource {
  id: string;
  file: string;
  format: string;
  split: PiiSecretSplit;
  licence: string;
}

function extractAuthored(source: AuthoredSource, claimed: Record<string, string>): PiiSecretLine[] {
  const context: LineContext = { source: source.id, split: source.split, licence: source.licence };
  const content = readFileSync(join(import.meta.dirname, "authored", source.file), "utf8");
  if (source.format === "authored-phone") return authoredPhoneLines(content, source.file, context);
  if (source.format === "authored-spans") return authoredSpanLines(content, source.file, context, claimed);
  if (source.format === "authored-secret") return authoredSecretLines(content, source.file, context);
  throw new Error(`${source.id}: unknown format ${source.format}`);
}

const { sources, authored, claimed } = JSON.parse(readFileSync(PII_SECRET_SOURCES, "utf8")) as {
  sources: PiiSecretSource[];
  authored: AuthoredSource[];
  claimed: Record<string, string>;
};
const all: PiiSecretLine[] = [];
for (const source of sources) {
  const name = reservedName(source.repo);
  if (name !== undefined) throw new Error(`${source.id}: ${name} is reserved for the owners' evaluation`);
  const extracted = dedupeLines(extract(source, claimed));
  const held = source.yields === true ? new Set(all.map((line) => line.text)) : undefined;
  const lines = held === undefined ? extracted : extracted.filter((line) => !held.has(line.text));
  const count = (test: (line: PiiSecretLine) => boolean) => lines.filter(test).length;
  console.log(
    `${source.id} (${source.split}): ${lines.length} lines, ${count((line) => line.positive && !line.excluded)} positive, ${count((line) => !line.positive && !line.excluded)} negative, ${count((line) => line.excluded !== undefined)} left out (weak, conflicting or unsupported labels)`,
  );
  all.push(...lines);
}
for (const source of authored) {
  const lines = dedupeLines(extractAuthored(source, claimed));
  const positives = lines.filter((line) => line.positive).length;
  console.log(
    `${source.id} (${source.split}, authored): ${lines.length} lines, ${positives} positive, ${lines.length - positives} negative`,
  );
  all.push(...lines);
}
const held = dropTestLinesSeenInDev(all);
for (const [source, count] of held.dropped)
  console.log(`${source}: ${count} lines dropped (the same text is a dev line)`);
mkdirSync(join(PII_SECRET_CORPUS, ".."), { recursive: true });
writeFileSync(PII_SECRET_CORPUS, `${held.lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
console.log(`wrote ${held.lines.length} lines to .attack-corpus/pii-secrets.jsonl`);
