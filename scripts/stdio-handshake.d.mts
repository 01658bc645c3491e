import type { ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";

export function listToolsOverStdio(
  child: ChildProcessByStdio<Writable, Readable, unknown>,
  clientName: string,
): Promise<void>;
