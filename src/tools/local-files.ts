import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { imageSize } from "../chat/image-size.js";
import type { Config } from "../config/schema.js";
import { ModelmuxError } from "../errors.js";

export type FileLimits = Config["files"];

/** node:fs/promises, loaded by the first local file a call names rather than at start-up. */
const fs = () => import("node:fs/promises");

/** Directories a local path must lie inside, and where that list came from (for errors). */
export interface AllowedRoots {
  dirs: string[];
  source: "MCP roots" | "files.allowedDirs";
}

/**
 * The client's MCP roots when it declares the capability, otherwise `files.allowedDirs` from the
 * config. Each is resolved to its real path, so a symlinked root is compared by where it points.
 */
export async function allowedRoots(server: McpServer, limits: FileLimits): Promise<AllowedRoots> {
  if (server.server.getClientCapabilities()?.roots) {
    const { roots } = await server.server.listRoots();
    const dirs = roots
      .filter((root) => root.uri.startsWith("file://"))
      .map((root) => fileURLToPath(root.uri));
    return { dirs: await realDirs(dirs), source: "MCP roots" };
  }
  return { dirs: await realDirs(limits.allowedDirs), source: "files.allowedDirs" };
}

async function realDirs(dirs: readonly string[]): Promise<string[]> {
  const { realpath } = await fs();
  const real = await Promise.all(dirs.map((dir) => realpath(resolve(dir)).catch(() => undefined)));
  return real.filter((dir): dir is string => dir !== undefined);
}

function invalid(field: string, message: string): ModelmuxError {
  return new ModelmuxError("INVALID_INPUT", `${field}: ${message}`, { param: field });
}

function inside(path: string, dir: string): boolean {
  const rest = relative(dir, path);
  return rest === "" || (!rest.startsWith("..") && !isAbsolute(rest));
}

/** The real path of a regular file inside the roots; symlinks are followed before the check. */
async function checkedPath(
  field: string,
  path: string,
  roots: AllowedRoots,
): Promise<{ real: string; size: number }> {
  if (roots.dirs.length === 0)
    throw invalid(
      field,
      roots.source === "MCP roots"
        ? "the client declares no file:// roots, so no local file may be read"
        : "no local files may be read: set files.allowedDirs in the config, or use a client that declares MCP roots",
    );
  const absolute = isAbsolute(path) ? path : resolve(roots.dirs[0] as string, path);
  const { realpath, stat } = await fs();
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    throw invalid(field, `no such file: ${path}`);
  }
  if (!roots.dirs.some((dir) => inside(real, dir)))
    throw invalid(
      field,
      `${path} is outside the allowed directories (${roots.source}: ${roots.dirs.join(", ")})`,
    );
  const info = await stat(real);
  if (!info.isFile()) throw invalid(field, `${path} is not a regular file`);
  return { real, size: info.size };
}

async function readAll(path: string, size: number): Promise<Buffer> {
  const handle = await (await fs()).open(path, "r");
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Local text files, each within the per-file limit and all within the total; binary refused. */
export async function readTextFiles(
  paths: readonly string[],
  roots: AllowedRoots,
  limits: FileLimits,
): Promise<{ path: string; text: string }[]> {
  let total = 0;
  const files: { path: string; text: string }[] = [];
  for (const [index, path] of paths.entries()) {
    const field = `files[${index}]`;
    const { real, size } = await checkedPath(field, path, roots);
    if (size > limits.maxFileBytes)
      throw invalid(field, `${path} is ${size} bytes; at most ${limits.maxFileBytes} (files.maxFileBytes)`);
    total += size;
    if (total > limits.maxTotalBytes)
      throw invalid(
        field,
        `the files add up to more than ${limits.maxTotalBytes} bytes (files.maxTotalBytes)`,
      );
    const bytes = await readAll(real, size);
    let text: string;
    try {
      if (bytes.includes(0)) throw new Error("NUL byte");
      text = utf8.decode(bytes);
    } catch {
      throw invalid(field, `${path} is not a UTF-8 text file (binary files are refused)`);
    }
    files.push({ path, text });
  }
  return files;
}

const IMAGE_TYPES: [string, (bytes: Buffer) => boolean][] = [
  ["image/png", (bytes) => bytes.readUInt32BE(0) === 0x89504e47],
  ["image/jpeg", (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8],
  ["image/gif", (bytes) => bytes.toString("latin1", 0, 4) === "GIF8"],
  ["image/webp", (bytes) => bytes.toString("latin1", 8, 12) === "WEBP"],
];

/** A local PNG, JPEG, GIF or WebP as a data URL, for an `image_url` part. */
export async function readImageFile(
  field: string,
  path: string,
  roots: AllowedRoots,
  limits: FileLimits,
): Promise<string> {
  const { real, size } = await checkedPath(field, path, roots);
  if (size > limits.maxImageBytes)
    throw invalid(field, `${path} is ${size} bytes; at most ${limits.maxImageBytes} (files.maxImageBytes)`);
  const bytes = await readAll(real, size);
  const type = bytes.length >= 12 ? IMAGE_TYPES.find(([, matches]) => matches(bytes))?.[0] : undefined;
  if (!type || !imageSize(bytes)) throw invalid(field, `${path} is not a PNG, JPEG, GIF or WebP image`);
  return `data:${type};base64,${bytes.toString("base64")}`;
}
