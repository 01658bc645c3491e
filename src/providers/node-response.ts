import type { IncomingHttpHeaders } from "node:http";
import { Readable } from "node:stream";

/**
 * The read side of fetch's `Headers` over node's parsed headers, without re-validating every
 * name and value (node already did). Covers what the openai SDK and modelmux read.
 */
export class NodeHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  getSetCookie(): string[] {
    return this.raw["set-cookie"] ?? [];
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string, headers: NodeHeaders) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

export interface NodeResponseInit {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  url: string;
}

/**
 * What fetch's `Response` offers a reader (status, headers, body, json, text, arrayBuffer),
 * built straight from node's response: no WHATWG stream for a buffered body, and for a streamed
 * one the node stream itself, which the SDK iterates directly (it is async-iterable).
 */
export class NodeResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly redirected = false;
  readonly type = "basic";
  readonly headers: NodeHeaders;
  #bytes: Buffer | undefined;
  #stream: Readable | undefined;
  #used = false;

  constructor(init: NodeResponseInit, body: Buffer | Readable | null) {
    this.status = init.status;
    this.statusText = init.statusText;
    this.ok = init.status >= 200 && init.status < 300;
    this.url = init.url;
    this.headers = new NodeHeaders(init.headers);
    if (Buffer.isBuffer(body)) this.#bytes = body;
    else if (body) this.#stream = body;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** The body as an async-iterable stream (what the SDK's SSE reader and cancel accept), or null. */
  get body(): Readable | null {
    if (this.#stream) return this.#stream;
    return this.#bytes ? Readable.from([this.#bytes]) : null;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#read();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return (await this.#read()).toString("utf8");
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async #read(): Promise<Buffer> {
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    if (this.#bytes) return this.#bytes;
    if (!this.#stream) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    for await (const chunk of this.#stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
