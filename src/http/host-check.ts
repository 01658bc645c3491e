import type { IncomingMessage } from "node:http";
import { networkInterfaces } from "node:os";
import { HttpError } from "./http-error.js";

export interface HostCheckOptions {
  /** The address the server is bound to (as given to listen). */
  bindHost: string;
  /** The port it actually listens on. */
  port: number;
  /** Extra Host names (`example.com`, any port) or `name:port`; `*` turns the Host check off. */
  allowedHosts: readonly string[];
  /** Extra browser origins, exactly (`https://app.example.com`). */
  allowedOrigins: readonly string[];
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "[::]", ""]);
const MAX_REMEMBERED_HOSTS = 64;

function parseAuthority(value: string): URL | undefined {
  try {
    return new URL(`http://${value}`);
  } catch {
    return undefined;
  }
}

function bracketed(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

/** The names this machine answers to as it is bound: loopback, the bound address, or every interface for a wildcard bind. */
function ownAddresses(bindHost: string): string[] {
  if (!WILDCARD_HOSTS.has(bindHost)) return [bracketed(bindHost.replace(/^\[|\]$/g, "")).toLowerCase()];
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [bracketed(info.address.replace(/%.*$/, "")).toLowerCase()] : []));
}

/**
 * Guards against DNS rebinding: a page on evil.example that re-resolves to 127.0.0.1 still
 * sends `Host: evil.example` (and its own Origin), so both must name this server.
 */
export function createHostCheck(options: HostCheckOptions): (request: IncomingMessage) => void {
  const anyHost = options.allowedHosts.includes("*");
  const hostsAnyPort = new Set<string>();
  const hostsWithPort = new Set<string>();
  for (const entry of options.allowedHosts) {
    const url = parseAuthority(entry.toLowerCase());
    if (!url) continue;
    if (url.port) hostsWithPort.add(url.host);
    else hostsAnyPort.add(url.hostname);
  }
  const ownNames = new Set([...LOOPBACK_NAMES, ...ownAddresses(options.bindHost)]);
  const origins = new Set(options.allowedOrigins.map((origin) => origin.replace(/\/+$/, "").toLowerCase()));

  // Verdicts by Host header: a server sees the same one or two on nearly every request, and
  // parsing it as a URL was measurable on the /v1 hot path. Bounded against hosts made up per request.
  const verdicts = new Map<string, boolean>();
  function hostAllowed(header: string | undefined): boolean {
    if (anyHost) return true;
    if (header === undefined) return false;
    let verdict = verdicts.get(header);
    if (verdict === undefined) {
      verdict = isAllowedHost(header);
      if (verdicts.size >= MAX_REMEMBERED_HOSTS) verdicts.clear();
      verdicts.set(header, verdict);
    }
    return verdict;
  }

  function isAllowedHost(header: string): boolean {
    const url = parseAuthority(header.toLowerCase());
    if (!url) return false;
    if (hostsAnyPort.has(url.hostname) || hostsWithPort.has(url.host)) return true;
    const port = url.port === "" ? 80 : Number(url.port);
    return ownNames.has(url.hostname) && port === options.port;
  }

  function originAllowed(origin: string): boolean {
    if (origins.has(origin.toLowerCase())) return true;
    try {
      const url = new URL(origin);
      return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_NAMES.has(url.hostname);
    } catch {
      return false; // includes the opaque origin "null"
    }
  }

  return function checkHost(request) {
    if (!hostAllowed(request.headers.host)) {
      throw new HttpError(
        403,
        "forbidden_host",
        `Host "${request.headers.host ?? ""}" is not allowed; add it to server.allowedHosts`,
      );
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !originAllowed(origin)) {
      throw new HttpError(
        403,
        "forbidden_origin",
        `Origin "${origin}" is not allowed; add it to server.allowedOrigins`,
      );
    }
  };
}

/** True for addresses only this machine can reach: where modelmux may run without keys. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}
