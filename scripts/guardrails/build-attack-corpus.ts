// `npm run corpus:guardrails`: extracts the public part of the attack corpus from git snapshots of the
// sources in corpus-sources.json (at their pinned commits) into .attack-corpus/public.jsonl.
// The snapshots are read from MODELMUX_CORPUS_MIRRORS (default /work/.mirror), one bare-ish git
// directory per repository at `<owner>+<name>/repo`. Nothing here touches the network.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { composeAgentOrderLines } from "./compose-agent-orders.js";
import { composeDocumentLines, documentParagraphs, documentPayloads } from "./compose-documents.js";
import type { CorpusKind, CorpusLine } from "./corpus-line.js";
import { TRAIN_PAYLOADS } from "./document-framings.js";
import {
  extractAndroidGoals,
  extractApiBankTurns,
  extractClincOrders,
  extractDbTasks,
  extractHwuOrders,
  extractOsTasks,
  extractShoppingGoals,
  userTurns,
} from "./extract-agent-orders.js";
import { extractArcanum } from "./extract-arcanum.js";
import {
  type CyberSecEvalFrrRow,
  type CyberSecEvalRow,
  extractCyberSecEval,
  extractCyberSecEvalFrr,
} from "./extract-cyberseceval.js";
import { extractHiveTraceExtraction, extractHiveTraceTemplates } from "./extract-hivetrace.js";
import { attackerCasesBySplit, type ExtractedLine, extractInjecAgent } from "./extract-injecagent.js";
import { extractIfevalPrompts, extractInstructionRequests } from "./extract-instructions.js";
import { extractPromptExtraction } from "./extract-prompt-extraction.js";
import { extractGuideAttacks, extractPromptGuide } from "./extract-prompt-guide.js";
import { extractRedPincer } from "./extract-redpincer.js";
import { extractRoleplayRequests } from "./extract-roleplay.js";
import { extractSpikee } from "./extract-spikee.js";
import {
  extractCrewAiSlices,
  extractFabricPatterns,
  extractOpenHandsPrompts,
  extractPythonSystemMessages,
  extractSweAgentTemplates,
} from "./extract-system-prompts.js";
import { extractTau2Scenarios, extractTauBriefs, extractTauDialogues } from "./extract-tau-bench.js";
import { extractWorkBenchTasks, type WorkBenchTask } from "./extract-workbench.js";
import { extractXsidRequests } from "./extract-xsid.js";
import { pythonAssignments, pythonDicts } from "./python-literals.js";
import { reservedName } from "./reserved-sources.js";
import { mulberry32 } from "./seeded-random.js";
import { listFiles, show, showMany, snapshotGitDir } from "./snapshot.js";

interface Source {
  id: string;
  repo: string;
  commit?: string;
  paths?: string[];
  languages?: Record<string, [string, string]>;
  /** AgentDojo suites as `name=split`. */
  suites?: string[];
  format: string;
  kind?: CorpusKind;
  licence: string;
  split: string;
}

const root = join(import.meta.dirname, "../..");
const { sources } = JSON.parse(readFileSync(join(import.meta.dirname, "corpus-sources.json"), "utf8")) as {
  sources: Source[];
};
/** Longer texts are cut: the corpus stays small, and a template's first 4,000 characters carry it. */
const MAX_CHARS = 4000;

function jsonLines(data: Buffer): unknown[] {
  return data
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (char !== "\r") field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function extract(source: Source): Promise<CorpusLine[]> {
  const lines: CorpusLine[] = [];
  const add = (text: string, kind: CorpusKind, lang: string, split = source.split, context?: string) => {
    const trimmed = text.trim().slice(0, MAX_CHARS);
    if (trimmed.length < 8) return;
    const line: CorpusLine = { text: trimmed, kind, source: source.id, split, lang, licence: source.licence };
    if (context !== undefined) line.context = context;
    lines.push(line);
  };
  if (source.format === "conllu-paragraphs") {
    for (const [name, [lang, commit]] of Object.entries(source.languages ?? {})) {
      const repo = source.repo.replace("{lang}", name);
      const conllu = show(repo, commit, `${lang}_pud-ud-test.conllu`).toString("utf8");
      const sentences = [...conllu.matchAll(/^# text = (.*)$/gm)].map((match) => match[1] ?? "");
      const separator = lang === "zh" || lang === "ja" ? "" : " ";
      const bySplit: Record<string, string[]> = { train: [], dev: [] };
      for (let index = 0, paragraph = 0; index < sentences.length; index += 3, paragraph++) {
        const text = sentences.slice(index, index + 3).join(separator);
        const split = paragraph % 5 < 3 ? "train" : "dev";
        // A train-only source keeps only the train paragraphs: the others are translations of
        // ud-pud-8-languages' dev paragraphs.
        if (source.split === "train" && split !== "train") continue;
        add(text, "benign", lang, split);
        bySplit[split]?.push(text);
      }
      // Longer pages too, three paragraphs of one split joined, read as documents: a slight lean of a
      // language's common words adds up over a long text, and 3-sentence paragraphs do not show it.
      for (const [split, paragraphs] of Object.entries(bySplit))
        for (let index = 0; index + 3 <= paragraphs.length; index += 3)
          add(paragraphs.slice(index, index + 3).join(separator), "benign", lang, split, "document");
    }
    return lines;
  }
  if (source.format === "conllu-gsd-pages") {
    // `file:split` per language is fixed: the treebank's dev file is dev, its test file train.
    for (const [name, [lang, commit]] of Object.entries(source.languages ?? {})) {
      const repo = source.repo.replace("{lang}", name);
      for (const [file, split] of [
        [`${lang}_gsd-ud-dev.conllu`, "dev"],
        [`${lang}_gsd-ud-test.conllu`, "train"],
      ] as const) {
        const separator = lang === "zh" || lang === "ja" ? "" : " ";
        for (const page of conlluPages(show(repo, commit, file).toString("utf8"), 6))
          add(page.join(separator), "benign", lang, split, "document");
      }
    }
    return lines;
  }
  if (source.format === "injecagent" || source.format === "spikee") {
    const read = (path: string) => show(source.repo, source.commit ?? "", path).toString("utf8");
    const extracted: ExtractedLine[] =
      source.format === "injecagent"
        ? extractInjecAgent(
            {
              base: (source.paths ?? [])
                .filter((path) => path.endsWith("_base.json"))
                .map((path) => JSON.parse(read(path))),
              enhanced: (source.paths ?? [])
                .filter((path) => path.endsWith("_enhanced.json"))
                .map((path) => JSON.parse(read(path))),
            },
            paragraphsBySplit("en"),
          )
        : extractSpikee(spikeeSeeds(source, read), paragraphsBySplit());
    for (const line of extracted) add(line.text, line.kind, guessLang(line.text), line.split, line.context);
    return lines;
  }
  if (source.format === "composed-documents") {
    // The attacks and their benign twins are composed together (compose-documents.ts), each source
    // keeping its kind. English attacker instructions come from InjecAgent's base files (the source's
    // paths): the benign source reads them too, to compose the same carriers.
    const read = (path: string) => show(source.repo, source.commit ?? "", path).toString("utf8");
    const injecAgent = attackerCasesBySplit((source.paths ?? []).map((path) => JSON.parse(read(path))));
    const byLanguage = { train: {}, dev: {} } as Record<"train" | "dev", Record<string, string[]>>;
    for (const lang of ["en", "de", "fr", "es", "zh", "ru", "ar", "hi"]) {
      const { train, dev } = paragraphsBySplit(lang);
      byLanguage.train[lang] = train;
      byLanguage.dev[lang] = dev;
    }
    const extracted = composeDocumentLines({
      payloads: documentPayloads(injecAgent),
      paragraphs: documentParagraphs(byLanguage),
    });
    for (const line of extracted)
      if ((line.kind === "benign") === (source.kind === "benign"))
        add(line.text, line.kind, line.lang, line.split, line.context);
    return lines;
  }
  if (source.format === "composed-agent-orders") {
    // Attacker orders from InjecAgent's base files (their training side) and this project's training
    // payloads, in user messages around ordinary training-side requests to agents (compose-agent-orders.ts).
    const read = (path: string) => show(source.repo, source.commit ?? "", path).toString("utf8");
    const injecAgent = attackerCasesBySplit((source.paths ?? []).map((path) => JSON.parse(read(path))));
    const requests = all
      .filter(
        (line) =>
          AGENT_ORDER_REQUEST_SOURCES.has(line.source) &&
          line.split === "train" &&
          line.kind === "benign" &&
          line.context === undefined,
      )
      .map((line) => line.text);
    if (requests.length === 0)
      throw new Error("the agent-order sources must be extracted before composed-agent-orders");
    for (const line of composeAgentOrderLines({
      payloads: [...injecAgent.train, ...TRAIN_PAYLOADS.en],
      requests,
    }))
      add(line.text, line.kind, "en", line.split);
    return lines;
  }
  if (NEW_FORMATS.has(source.format)) {
    const read = (path: string) => show(source.repo, source.commit ?? "", path).toString("utf8");
    const files = (folder: string, ending: string) =>
      listFiles(source.repo, source.commit ?? "", folder, ending).map((path) => ({ path, text: read(path) }));
    const [first = ""] = source.paths ?? [];
    let extracted: ExtractedLine[];
    if (source.format === "prompt-guide") {
      extracted = extractPromptGuide((source.paths ?? []).flatMap((folder) => files(folder, ".mdx")));
    } else if (source.format === "prompt-guide-attacks") {
      extracted = extractGuideAttacks(
        (source.paths ?? []).flatMap((folder) => files(folder, ".mdx")),
        source.split,
      );
    } else if (source.format === "prompt-extraction") {
      extracted = extractPromptExtraction({
        generated: JSON.parse(read(`${first}generated.json`)),
        encoded: JSON.parse(read(`${first}5-gram-attacks.json`)),
        services: files(`${first}real-services/`, "-prompt.txt"),
      });
    } else if (source.format === "hivetrace-templates") {
      const [templates = "", requests = ""] = source.paths ?? [];
      const rows = csvRows(read(requests));
      const column = rows[0]?.indexOf("Prompt") ?? -1;
      extracted = extractHiveTraceTemplates(
        files(templates, ".yaml").map(({ path, text }) => ({
          file: path.slice(templates.length),
          yaml: text,
        })),
        rows
          .slice(1)
          .map((row) => (row[column] ?? "").trim())
          .filter((request) => request !== ""),
        source.split,
      );
    } else if (source.format === "tau-bench-dialogues") {
      extracted = extractTauDialogues(
        sidedPaths(source).map(({ path, split }) => ({ jsonl: read(path), split })),
      );
    } else if (source.format === "tau-bench-tasks") {
      extracted = extractTauBriefs(
        sidedPaths(source).map(({ path, split }) => ({
          instructions: pythonDicts(read(path), "instruction", undefined, { keywords: true }).map(
            (entry) => entry.text,
          ),
          split,
        })),
      );
    } else if (source.format === "tau2-scenarios") {
      extracted = sidedPaths(source).flatMap(({ path, split }) =>
        extractTau2Scenarios(JSON.parse(read(path)), split),
      );
    } else if (source.format === "ts-attack-payloads") {
      extracted = extractRedPincer(
        sidedPaths(source).map(({ path, split }) => ({ text: read(path), split })),
      );
    } else if (source.format === "fabric-patterns") {
      extracted = extractFabricPatterns(
        (source.paths ?? []).flatMap((folder) => files(folder, "/system.md")),
      );
    } else if (source.format === "swe-agent-configs") {
      extracted = extractSweAgentTemplates(
        (source.paths ?? []).flatMap((folder) => files(folder, ".yaml")),
        source.split,
      );
    } else if (source.format === "openhands-prompts") {
      extracted = extractOpenHandsPrompts(
        (source.paths ?? []).flatMap((folder) => files(folder, ".j2")),
        source.split,
      );
    } else if (source.format === "crewai-translations") {
      extracted = extractCrewAiSlices(read(first), source.split);
    } else if (
      source.format === "autogen-system-messages" ||
      source.format === "openai-agents-instructions"
    ) {
      const autogen = source.format === "autogen-system-messages";
      extracted = extractPythonSystemMessages(
        (source.paths ?? []).flatMap((folder) =>
          files(folder, ".py").filter(({ path }) => !path.includes("/tests/")),
        ),
        source.split,
        autogen ? ["system_message"] : ["instructions"],
        autogen ? ["SYSTEM"] : ["SYSTEM", "INSTRUCTIONS"],
      );
    } else if (source.format === "ifeval-prompts") {
      extracted = sidedPaths(source).flatMap(({ path, split }) =>
        extractIfevalPrompts(read(path), path, split),
      );
    } else if (source.format === "instruction-json") {
      // `path:split[:every]`: every n-th request of the file.
      extracted = (source.paths ?? []).flatMap((entry) => {
        const [path = "", split = source.split, every = "1"] = entry.split(":");
        return extractInstructionRequests(JSON.parse(read(path)), split, Number(every));
      });
    } else if (source.format === "gpteacher-roleplay") {
      extracted = extractRoleplayRequests(JSON.parse(read(first)));
    } else if (source.format === "arcanum-taxonomy") {
      extracted = extractArcanum(JSON.parse(read(first)));
    } else if (source.format === "clinc-orders") {
      extracted = extractClincOrders(JSON.parse(read(first)));
    } else if (source.format === "hwu-orders") {
      extracted = extractHwuOrders(
        (source.paths ?? []).flatMap((folder) => files(folder, ".json").map(({ text }) => JSON.parse(text))),
      );
    } else if (source.format === "toolsandbox-turns") {
      // The user's messages to the agent: dicts sent by the user to the agent, plain strings only.
      const where = { sender: "RoleType.USER", recipient: "RoleType.AGENT" };
      extracted = sidedPaths(source).flatMap(({ path, split }) =>
        pythonDicts(read(path), "content", undefined, { where }).map(({ text }) => ({
          text,
          kind: "benign" as const,
          split,
          lang: "en",
        })),
      );
    } else if (source.format === "tooltalk-turns") {
      extracted = sidedPaths(source).flatMap(({ path, split }) =>
        files(path, ".json").flatMap(({ text }) =>
          userTurns(
            (JSON.parse(text) as { conversation: { role: string; text?: string }[] }).conversation,
            split,
          ),
        ),
      );
    } else if (source.format === "api-bank-turns") {
      extracted = extractApiBankTurns(
        files(first, ".jsonl").map(({ path, text }) => ({ path, jsonl: text })),
      );
    } else if (source.format === "agentbench-os-tasks") {
      // `path:split[:every]`: a task file, or every .json file under a folder ending in "/".
      extracted = (source.paths ?? []).flatMap((entry) => {
        const [path = "", split = source.split, every = "1"] = entry.split(":");
        const tasks = (path.endsWith("/") ? files(path, ".json") : [{ path, text: read(path) }]).flatMap(
          ({ text }) => [JSON.parse(text) as unknown].flat(),
        );
        return extractOsTasks(tasks, split, Number(every));
      });
    } else if (source.format === "agentbench-db-tasks") {
      extracted = sidedPaths(source).flatMap(({ path, split }) => extractDbTasks(read(path), split));
    } else if (source.format === "android-world-templates") {
      // Every task module under the folder (its tests left out), each class's goal template.
      extracted = extractAndroidGoals(
        files(first, ".py")
          .filter(({ path }) => !path.endsWith("_test.py"))
          .flatMap(({ text }) => pythonAssignments(text, "template")),
        source.split,
      );
    } else if (source.format === "workbench-tasks") {
      // One CSV per domain; a source's split says which side of the template split it holds.
      extracted = (source.paths ?? []).flatMap((path) => {
        const [header = [], ...rows] = csvRows(read(path));
        const at = (row: string[], name: string) => row[header.indexOf(name)] ?? "";
        const tasks: WorkBenchTask[] = rows
          .filter((row) => row.length === header.length)
          .map((row) => ({ query: at(row, "query"), base_template: at(row, "base_template") }));
        return extractWorkBenchTasks(tasks, source.split);
      });
    } else if (source.format === "xsid-requests") {
      // `path:lang`: one language's CoNLL file (its validation or test sentences).
      extracted = (source.paths ?? []).flatMap((entry) => {
        const [path = "", lang = ""] = entry.split(":");
        return extractXsidRequests(read(path), lang, source.split);
      });
    } else if (source.format === "webshop-goals") {
      // `path:every`: every n-th goal of the file.
      const [path = "", every = "1"] = first.split(":");
      extracted = extractShoppingGoals(JSON.parse(read(path)), Number(every), source.split);
    } else {
      const [header = [], ...rows] = csvRows(read(first));
      const at = (row: string[], name: string) => row[header.indexOf(name)] ?? "";
      extracted = extractHiveTraceExtraction(
        rows.map((row) => ({ prompt: at(row, "prompt"), language: at(row, "language") })),
        source.split,
      );
    }
    for (const line of extracted)
      add(line.text, line.kind, line.lang ?? guessLang(line.text), line.split, line.context);
    return lines;
  }
  if (source.format === "agentdojo") {
    const gitDir = snapshotGitDir(source.repo);
    const script = join(import.meta.dirname, "extract-agentdojo.py");
    const output = execFileSync("python3", [script, gitDir, source.commit ?? "", ...(source.suites ?? [])], {
      maxBuffer: 64 << 20,
    });
    const extracted = JSON.parse(output.toString("utf8")) as {
      text: string;
      kind: CorpusKind;
      context: string;
      split: string;
    }[];
    for (const line of extracted) {
      add(line.text, line.kind, "en", line.split, line.context === "user" ? undefined : line.context);
    }
    return lines;
  }
  for (const entry of source.paths ?? []) {
    const [path = "", pathKind] = entry.split(":") as [string, CorpusKind | undefined];
    if (source.format === "markdown-paragraphs") {
      // `path:split`: a Markdown file, or every .md file under a folder ending in "/".
      const split = entry.split(":")[1] ?? source.split;
      const files = path.endsWith("/") ? listFiles(source.repo, source.commit ?? "", path, ".md") : [path];
      for (const file of files)
        for (const paragraph of proseParagraphs(
          show(source.repo, source.commit ?? "", file).toString("utf8"),
        ))
          add(paragraph, "benign", guessLang(paragraph), split, "document");
      continue;
    }
    if (source.format === "tau2-documents") {
      // `folder/`: a bank's knowledge-base pages (title and Markdown body) as documents. Pages written
      // for the agent itself (titled "Internal", or naming the agent or its tools) are left out: they
      // are instructions to an agent, like the benchmark's policy files. Split by product (the file
      // name without its number), sorted, every third product dev.
      const files = listFiles(source.repo, source.commit ?? "", path, ".json");
      const productOf = (file: string) => file.replace(/^.*\//, "").replace(/_\d+\.json$/, "");
      const products = [...new Set(files.map(productOf))].sort();
      const devProducts = new Set(products.filter((_, index) => index % 3 === 2));
      showMany(source.repo, source.commit ?? "", files).forEach((data, index) => {
        const page = JSON.parse(data.toString("utf8")) as { title: string; content: string };
        if (/internal/i.test(page.title) || /\b[a-z_]+_\d{4}\b|\bagents?\b/i.test(page.content)) return;
        const split = devProducts.has(productOf(files[index] ?? "")) ? "dev" : "train";
        add(`${page.title}\n\n${page.content}`, "benign", "en", split, "document");
      });
      continue;
    }
    if (source.format === "t0-templates") {
      for (const file of listFiles(source.repo, source.commit ?? "", path)) {
        const rows = show(source.repo, source.commit ?? "", file)
          .toString("utf8")
          .split("\n")
          .slice(0, 6);
        for (const row of rows)
          if (row.trim() !== "") add((JSON.parse(row) as { prompt: string }).prompt, "benign", "en");
      }
      continue;
    }
    const data = show(source.repo, source.commit ?? "", path);
    switch (source.format.split(":")[0]) {
      case "deepset-parquet": {
        const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
        const rows = (await parquetReadObjects({ file: buffer as ArrayBuffer })) as {
          text: string;
          label: bigint | number;
        }[];
        for (const row of rows) {
          // deepset counts any change of task as an injection, so it labels plain role requests
          // ("I want you to act as a linux terminal…") injections; from a user they are ordinary requests.
          // Both labels' "I want you to act as" lines are left out: they come from f/awesome-chatgpt-prompts,
          // a source reserved for the owners' evaluation.
          if (/^i want you to act as/i.test(row.text.trim())) continue;
          add(row.text, Number(row.label) === 1 ? "prompt_injection" : "benign", guessLang(row.text));
        }
        break;
      }
      case "bfcl": {
        // `path:split:every`: the user turns of every n-th entry of a BFCL file.
        const [, split = source.split, every = "1"] = entry.split(":");
        jsonLines(data).forEach((row, index) => {
          if (index % Number(every) !== 0) return;
          for (const turn of (row as { question: { role: string; content: string }[][] }).question)
            for (const message of turn)
              if (message.role === "user") add(message.content, "benign", guessLang(message.content), split);
        });
        break;
      }
      case "webarena": {
        // WebArena's task intents, at most 2 per intent template (seeded): many intents are one
        // template with other values ("Buy the highest rated product from the X category").
        const random = mulberry32(812);
        const byTemplate = new Map<number, string[]>();
        const tasks = JSON.parse(data.toString("utf8")) as { intent: string; intent_template_id: number }[];
        for (const { intent, intent_template_id: template } of tasks)
          byTemplate.set(template, [...(byTemplate.get(template) ?? []), intent]);
        for (const intents of byTemplate.values()) {
          const kept = [...new Set(intents)];
          for (let index = kept.length - 1; index > 0; index--) {
            const other = Math.floor(random() * (index + 1));
            [kept[index], kept[other]] = [kept[other] ?? "", kept[index] ?? ""];
          }
          for (const intent of kept.slice(0, 2)) add(intent, "benign", guessLang(intent));
        }
        break;
      }
      case "apibench": {
        // `path:split:every`: the instruction of every n-th APIBench entry (the text before "###Output").
        const [, split = source.split, every = "1"] = entry.split(":");
        jsonLines(data).forEach((row, index) => {
          if (index % Number(every) !== 0) return;
          const code = (row as { code: string }).code;
          const instruction = /###Instruction:\s*([\s\S]*?)\n###Output/.exec(code)?.[1] ?? "";
          add(instruction, "benign", guessLang(instruction), split);
        });
        break;
      }
      case "toolalpaca": {
        // `path:split`: the user instructions written for each API of a ToolAlpaca evaluation file.
        const split = entry.split(":")[1] ?? source.split;
        for (const api of JSON.parse(data.toString("utf8")) as { Instructions?: string[] }[])
          for (const instruction of api.Instructions ?? [])
            add(instruction.replace(/^"+|"+$/g, ""), "benign", guessLang(instruction), split);
        break;
      }
      case "notinject": {
        const split = entry.split(":")[1] ?? source.split;
        for (const row of JSON.parse(data.toString("utf8")) as { prompt: string }[])
          add(row.prompt, "benign", guessLang(row.prompt), split);
        break;
      }
      case "cyberseceval":
        for (const line of extractCyberSecEval(JSON.parse(data.toString("utf8")) as CyberSecEvalRow[]))
          add(line.text, line.kind, line.lang, line.split);
        break;
      case "cyberseceval-frr":
        for (const line of extractCyberSecEvalFrr(JSON.parse(data.toString("utf8")) as CyberSecEvalFrrRow[]))
          add(line.text, "benign", line.lang);
        break;
      case "sgd": {
        // `path:every`: the first user turn (the request that opens the dialogue) of every n-th dialogue.
        const every = Number(entry.split(":")[1] ?? "1");
        const dialogues = JSON.parse(data.toString("utf8")) as {
          turns: { speaker: string; utterance: string }[];
        }[];
        dialogues.forEach((dialogue, index) => {
          const opening = dialogue.turns.find((turn) => turn.speaker === "USER");
          if (index % every === 0 && opening !== undefined) add(opening.utterance, "benign", "en");
        });
        break;
      }
      case "xstest":
        for (const [, prompt = "", , label] of csvRows(data.toString("utf8")).slice(1)) {
          if (label === "safe") add(prompt, "benign", "en");
        }
        break;
      case "xquad": {
        const lang: string = pathKind ?? "en";
        const squad = JSON.parse(data.toString("utf8")) as {
          data: { paragraphs: { context: string; qas: { question: string }[] }[] }[];
        };
        let paragraph = 0;
        let question = 0;
        for (const article of squad.data) {
          for (const entry of article.paragraphs) {
            if (paragraph++ % 4 === 0) add(entry.context, "benign", lang, source.split, "document");
            for (const qa of entry.qas) if (question++ % 8 === 0) add(qa.question, "benign", lang);
          }
        }
        break;
      }
      case "csv-first-column":
        for (const row of csvRows(data.toString("utf8"))) add(row[0] ?? "", source.kind ?? "benign", "en");
        break;
      case "csv-conversation":
        for (const row of csvRows(data.toString("utf8"))) add(row[1] ?? "", "benign", "en");
        break;
      case "self-instruct":
        for (const row of jsonLines(data)) {
          const task = row as { instruction: string; instances: { input: string }[] };
          const input = task.instances[0]?.input ?? "";
          add(input === "" ? task.instruction : `${task.instruction}\n${input}`, "benign", "en");
        }
        break;
      case "gsm8k":
        jsonLines(data).forEach((row, index) => {
          if (index % 4 === 0) add((row as { question: string }).question, "benign", "en");
        });
        break;
      case "mt-bench":
        for (const row of jsonLines(data)) {
          const question = row as { turns?: string[]; text?: string };
          for (const turn of question.turns ?? [question.text ?? ""]) add(turn, "benign", "en");
        }
        break;
      case "python-dicts": {
        const [, textKey = "text", flagKey] = source.format.split(":");
        for (const dict of pythonDicts(data, textKey, flagKey)) {
          const kind: CorpusKind = pathKind ?? (dict.flag ? "prompt_injection" : "benign");
          add(dict.text, kind, "en");
        }
        break;
      }
      default:
        throw new Error(`unknown format ${source.format}`);
    }
  }
  return lines;
}

/** Formats read by their own extractor module (extract-*.ts), each given the source's files. */
const NEW_FORMATS = new Set([
  "prompt-guide",
  "prompt-guide-attacks",
  "prompt-extraction",
  "hivetrace-templates",
  "hivetrace-extraction",
  "tau-bench-dialogues",
  "tau-bench-tasks",
  "tau2-scenarios",
  "gpteacher-roleplay",
  "ifeval-prompts",
  "instruction-json",
  "arcanum-taxonomy",
  "clinc-orders",
  "hwu-orders",
  "toolsandbox-turns",
  "tooltalk-turns",
  "api-bank-turns",
  "agentbench-os-tasks",
  "agentbench-db-tasks",
  "webshop-goals",
  "workbench-tasks",
  "xsid-requests",
  "android-world-templates",
  "ts-attack-payloads",
  "fabric-patterns",
  "swe-agent-configs",
  "openhands-prompts",
  "crewai-translations",
  "autogen-system-messages",
  "openai-agents-instructions",
]);

/** Training-side orders to agents that composed-agent-orders wraps its carriers around. */
const AGENT_ORDER_REQUEST_SOURCES = new Set([
  "agentdojo-tool-outputs",
  "injecagent-tool-responses",
  "clinc150-agent-orders",
  "hwu64-agent-orders",
  "toolsandbox-user-turns",
  "tooltalk-user-turns",
  "api-bank-user-turns",
]);

/** A source's `path:split` entries (a path without a side is on the source's). */
function sidedPaths(source: Source): { path: string; split: string }[] {
  return (source.paths ?? []).map((entry) => {
    const [path = "", split = source.split] = entry.split(":");
    return { path, split };
  });
}

/** Benign news paragraphs already extracted (UD PUD), train and dev apart: hosts for attacks written into documents. */
function paragraphsBySplit(lang?: string): { train: string[]; dev: string[] } {
  const paragraphs = all.filter(
    (line) => line.source === "ud-pud-8-languages" && (lang === undefined || line.lang === lang),
  );
  const of = (split: string) => paragraphs.filter((line) => line.split === split).map((line) => line.text);
  if (paragraphs.length === 0)
    throw new Error("the UD PUD paragraphs must be extracted before sources that use them");
  return { train: of("train"), dev: of("dev") };
}

/** spikee's seed folders (`<folder>/` paths): wrappers, instructions, false-positive questions, documents. */
function spikeeSeeds(source: Source, read: (path: string) => string) {
  const rows = (file: string) =>
    (source.paths ?? []).flatMap((folder) => {
      const files = listFiles(source.repo, source.commit ?? "", folder, ".jsonl").filter((name) =>
        name.endsWith(`/${file}`),
      );
      return files.flatMap((name) =>
        read(name)
          .split("\n")
          .filter((line) => line.trim() !== "")
          .map((line): Record<string, string | undefined> & { folder: string } => ({
            ...(JSON.parse(line) as Record<string, string>),
            folder: name,
          })),
      );
    });
  return {
    wrappers: rows("jailbreaks.jsonl").map((row) => ({
      id: row.id ?? "",
      text: row.text ?? "",
      lang: row.lang,
    })),
    instructions: rows("instructions.jsonl").map((row) => ({
      instruction: row.instruction ?? "",
      instruction_type: row.instruction_type ?? "",
      lang: row.lang,
    })),
    benignQuestions: rows("standalone_attacks.jsonl")
      .filter((row) => row.folder.includes("-fp/") || row.jailbreak_type === "financial-adv-chat")
      .map((row) => row.text ?? ""),
    documents: rows("base_documents.jsonl").map((row) => row.document ?? ""),
  };
}

/** A CoNLL-U file's sentences in order, cut into pages of `size` sentences (a new document, where marked, starts a page). */
function conlluPages(conllu: string, size: number): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  const flush = () => {
    if (page.length > 0) pages.push(page);
    page = [];
  };
  for (const line of conllu.split("\n")) {
    if (line.startsWith("# newdoc")) flush();
    const text = /^# text = (.*)$/.exec(line)?.[1];
    if (text === undefined) continue;
    page.push(text);
    if (page.length === size) flush();
  }
  flush();
  return pages;
}

/**
 * The prose of a Markdown page, one paragraph per line: code blocks, tables, lists of links and
 * headings are left out, so what remains is what a retrieved documentation page says in sentences.
 */
function proseParagraphs(markdown: string): string[] {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, "\n");
  return withoutCode
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .filter((line) => !/^\s*(?:#|\||<|!\[|\[!|---)/.test(line))
        .join(" ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter(
      (paragraph) =>
        paragraph.length >= 150 && (paragraph.match(/[a-z]/gi)?.length ?? 0) > paragraph.length * 0.6,
    );
}

/** deepset mixes English and German, BFCL has some Chinese; the tag only labels the bench rows. */
function guessLang(text: string): string {
  if (/[\u4e00-\u9fff\u3040-\u30ff]/.test(text)) return /[\u3040-\u30ff]/.test(text) ? "ja" : "zh";
  if (/[\u0400-\u04ff]/.test(text)) return "ru";
  if (/[\u0600-\u06ff]/.test(text)) return "ar";
  if (/[\u0900-\u097f]/.test(text)) return "hi";
  return /\b(?:und|der|die|das|ist|nicht|ich|Sie)\b/.test(text) ? "de" : "en";
}

const all: CorpusLine[] = [];
for (const source of sources) {
  const name = reservedName(source.repo);
  if (name !== undefined) throw new Error(`${source.id}: ${name} is reserved for the owners' evaluation`);
  const lines = await extract(source);
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(line.text)) continue;
    seen.add(line.text);
    all.push(line);
  }
  console.log(`${source.id}: ${seen.size} lines`);
}
mkdirSync(join(root, ".attack-corpus"), { recursive: true });
writeFileSync(
  join(root, ".attack-corpus/public.jsonl"),
  `${all.map((line) => JSON.stringify(line)).join("\n")}\n`,
);
console.log(`wrote ${all.length} lines to .attack-corpus/public.jsonl`);
