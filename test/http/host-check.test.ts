import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { createHostCheck, isLoopbackHost } from "../../src/http/host-check.js";
import { HttpError } from "../../src/http/http-error.js";

function requestWith(headers: Record<string, string>): IncomingMessage {
  return { headers } as IncomingMessage;
}

function verdict(check: (request: IncomingMessage) => void, headers: Record<string, string>): string {
  try {
    check(requestWith(headers));
    return "ok";
  } catch (error) {
    if (error instanceof HttpError) return `${error.status} ${error.type}`;
    throw error;
  }
}

const base = { bindHost: "127.0.0.1", port: 8787, allowedHosts: [], allowedOrigins: [] };

describe("createHostCheck (DNS rebinding)", () => {
  it("accepts loopback names on the server's port", () => {
    const check = createHostCheck(base);
    for (const host of ["127.0.0.1:8787", "localhost:8787", "LOCALHOST:8787", "[::1]:8787"]) {
      expect(verdict(check, { host })).toBe("ok");
    }
  });

  it("rejects other hosts, other ports and a missing Host with 403", () => {
    const check = createHostCheck(base);
    expect(verdict(check, { host: "evil.example:8787" })).toBe("403 forbidden_host");
    expect(verdict(check, { host: "127.0.0.1:9999" })).toBe("403 forbidden_host");
    expect(verdict(check, { host: "localhost" })).toBe("403 forbidden_host");
    expect(verdict(check, {})).toBe("403 forbidden_host");
  });

  it("accepts configured hosts: a bare name on any port, name:port exactly, * for any", () => {
    const check = createHostCheck({ ...base, allowedHosts: ["mux.internal", "box.lan:9000"] });
    expect(verdict(check, { host: "mux.internal" })).toBe("ok");
    expect(verdict(check, { host: "mux.internal:443" })).toBe("ok");
    expect(verdict(check, { host: "box.lan:9000" })).toBe("ok");
    expect(verdict(check, { host: "box.lan:9001" })).toBe("403 forbidden_host");
    expect(verdict(createHostCheck({ ...base, allowedHosts: ["*"] }), { host: "any.where" })).toBe("ok");
  });

  it("keeps its verdicts when asked again, and past many distinct hosts", () => {
    const check = createHostCheck({ ...base, allowedHosts: ["mux.internal"] });
    for (let round = 0; round < 3; round++) {
      // More distinct hosts than it remembers, so later rounds decide some of them afresh.
      for (let index = 0; index < 100; index++) {
        expect(verdict(check, { host: `evil${index}.example:8787` })).toBe("403 forbidden_host");
        expect(verdict(check, { host: "127.0.0.1:8787" })).toBe("ok");
        expect(verdict(check, { host: `mux.internal:${8000 + index}` })).toBe("ok");
      }
      expect(verdict(check, { host: "" })).toBe("403 forbidden_host");
      expect(verdict(check, {})).toBe("403 forbidden_host");
    }
  });

  it("accepts the address it is bound to", () => {
    const check = createHostCheck({ ...base, bindHost: "10.1.2.3" });
    expect(verdict(check, { host: "10.1.2.3:8787" })).toBe("ok");
    expect(verdict(check, { host: "10.1.2.4:8787" })).toBe("403 forbidden_host");
  });

  it("checks Origin when a browser sends one: loopback origins and configured ones only", () => {
    const check = createHostCheck({ ...base, allowedOrigins: ["https://app.example.com/"] });
    const host = "127.0.0.1:8787";
    expect(verdict(check, { host, origin: "http://localhost:6274" })).toBe("ok");
    expect(verdict(check, { host, origin: "http://127.0.0.1:8787" })).toBe("ok");
    expect(verdict(check, { host, origin: "https://app.example.com" })).toBe("ok");
    expect(verdict(check, { host, origin: "https://evil.example" })).toBe("403 forbidden_origin");
    expect(verdict(check, { host, origin: "null" })).toBe("403 forbidden_origin");
  });
});

describe("isLoopbackHost", () => {
  it("knows which bind addresses are local only", () => {
    for (const host of ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com"])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
