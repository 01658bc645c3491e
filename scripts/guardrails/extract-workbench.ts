// WorkBench (olly-styles/WorkBench, MIT; Styles et al. 2024): the tasks a user gives a workplace
// agent over e-mail, a calendar, a CRM, a project board and web analytics ("Delete my last email from
// nadia", "carlos needs all the emails from chenwei last week … Can you forward them?", "Cancel all
// future meetings with raj"): ordinary orders to an agent that use the verbs of exfiltration
// (forward, send, delete, reassign), which the attack scorer must not take for injections.
// Each task is one of 69 templates filled ten times with other names, dates and wordings: the split
// is by template (sideOfGroup), so a dev or test task is never a training task with other names.
import type { ExtractedLine } from "./extract-injecagent.js";
import { sideOfGroup } from "./seeded-random.js";

/** The rows of one `*_queries_and_answers.csv`: its `query` and `base_template` columns. */
export interface WorkBenchTask {
  query: string;
  base_template: string;
}

/** The tasks on `side` ("train+dev": train and dev lines; "test": test lines), as benign user lines. */
export function extractWorkBenchTasks(tasks: readonly WorkBenchTask[], side: string): ExtractedLine[] {
  const lines: ExtractedLine[] = [];
  for (const { query, base_template: template } of tasks) {
    if (template.trim() === "") throw new Error(`WorkBench task without a template: ${query}`);
    const split = sideOfGroup(template.trim());
    if ((split === "test") !== (side === "test")) continue;
    lines.push({ text: query, kind: "benign", split, lang: "en" });
  }
  return lines;
}
