import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { join } from "node:path";

/**
 * The dashboard's files sit next to the code that serves them: `src/dashboard/static` when run
 * from source (tsx, vitest) and `dist/static` next to the bundle once built (scripts/build.mjs
 * copies them), which is also what an installed package ships.
 */
export const STATIC_DIRECTORY = join(import.meta.dirname, "static");

const FILES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/dashboard": { file: "index.html", type: "text/html; charset=utf-8" },
  "/dashboard.js": { file: "dashboard.js", type: "text/javascript; charset=utf-8" },
  "/dashboard.css": { file: "dashboard.css", type: "text/css; charset=utf-8" },
  // Browsers ask for /favicon.ico whatever the page links.
  "/favicon.svg": { file: "favicon.svg", type: "image/svg+xml" },
  "/favicon.ico": { file: "favicon.svg", type: "image/svg+xml" },
};

// Everything the page needs comes from this server; nothing may frame it.
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

/** Serves the dashboard's static files; answers false for any other path. */
export function createStaticHandler(directory: string = STATIC_DIRECTORY) {
  const loaded = new Map<string, Buffer>();

  return function serveStatic(path: string, response: ServerResponse): boolean {
    const entry = FILES[path];
    if (!entry) return false;
    let body = loaded.get(entry.file);
    if (!body) {
      body = readFileSync(join(directory, entry.file));
      loaded.set(entry.file, body);
    }
    response.writeHead(200, {
      "content-type": entry.type,
      "content-length": body.length,
      ...SECURITY_HEADERS,
    });
    response.end(body);
    return true;
  };
}
