import { describe, expect, it } from "vitest";
import { pathOf } from "../../src/transports/http.js";

/** The URL parser's pathname; a target it cannot parse is expected back as sent. */
function viaUrl(requestUrl: string): string {
  try {
    return new URL(requestUrl, "http://localhost").pathname;
  } catch {
    return requestUrl;
  }
}

describe("pathOf", () => {
  it("answers what the URL parser answers for plain and tricky request targets", () => {
    const targets = [
      "/",
      "/v1/chat/completions",
      "/v1/models",
      "/v1/",
      "/mcp",
      "/healthz",
      "/v1/chat/completions?stream=true",
      "/v1/../mcp",
      "/v1/./models",
      "//evil.example/v1/models",
      "/%76%31/models",
      "/v1//models",
      "/a.b",
      "/v1/chat/completions#fragment",
      "/\\v1\\models",
      "/v1/mod els",
      "/ü",
      "//",
    ];
    for (const target of targets) expect(pathOf(target), target).toBe(viaUrl(target));
  });

  it("agrees with the URL parser on random paths", () => {
    const alphabet = ["/", "/", "a", "Z", "0", "_", "-", ".", "%2e", "%2F", "?", "#", "\\", " ", "é"];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let draw = 0; draw < 5000; draw++) {
      let target = "/";
      const length = next() % 12;
      for (let index = 0; index < length; index++) target += alphabet[next() % alphabet.length];
      expect(pathOf(target), target).toBe(viaUrl(target));
    }
  });
});
