import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * Reading the public sources' git snapshots (bare repositories under MODELMUX_CORPUS_MIRRORS,
 * `<owner>+<name>/repo`), for the attack corpus and the PII/secret corpus alike: files are read
 * at a pinned commit, never from a work tree.
 */
const mirrors = process.env.MODELMUX_CORPUS_MIRRORS ?? "/work/.mirror";

/** The git directory of `repo`'s snapshot. */
export function snapshotGitDir(repo: string): string {
  return join(mirrors, repo.replace("/", "+"), "repo");
}

/** One file of `repo` at `commit`. */
export function show(repo: string, commit: string, path: string): Buffer {
  return execFileSync("git", ["-C", snapshotGitDir(repo), "show", `${commit}:${path}`], {
    maxBuffer: 64 << 20,
  });
}

/** The files under `folder` at `commit` whose names end in `ending`. */
export function listFiles(repo: string, commit: string, folder: string, ending = ".jsonl"): string[] {
  return execFileSync("git", ["-C", snapshotGitDir(repo), "ls-tree", "-r", "--name-only", commit, folder])
    .toString("utf8")
    .split("\n")
    .filter((name) => name.endsWith(ending));
}

/** Many files of one commit in one git process (`cat-file --batch`), in the order asked. */
export function showMany(repo: string, commit: string, paths: string[]): Buffer[] {
  const output = execFileSync("git", ["-C", snapshotGitDir(repo), "cat-file", "--batch"], {
    input: paths.map((path) => `${commit}:${path}\n`).join(""),
    maxBuffer: 256 << 20,
  });
  const files: Buffer[] = [];
  for (let at = 0; at < output.length; ) {
    const headerEnd = output.indexOf(10, at);
    const [, type, size] = output.subarray(at, headerEnd).toString("utf8").split(" ");
    if (type !== "blob") throw new Error(`${repo}: ${paths[files.length]} is not a file at ${commit}`);
    const start = headerEnd + 1;
    files.push(output.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return files;
}
