import { createRequire } from "node:module";

type Crypto = typeof import("node:crypto");
let crypto: Crypto | undefined;

/**
 * node:crypto, required on first use. Requiring it compiles a dozen of Node's internal modules
 * (~10 ms), and a server over stdio needs it only for its first routed request or cache key: the
 * modules its start-up loads take it from here rather than importing it.
 */
export function nodeCrypto(): Crypto {
  crypto ??= createRequire(import.meta.url)("node:crypto") as Crypto;
  return crypto;
}
