import type { CacheKeyInput } from "../core/hooks.js";
import { nodeCrypto } from "../node-crypto.js";
import { canonicalJson } from "./canonical-json.js";

/** Bumped whenever the key recipe or the stored answer's shape changes: old entries then simply miss. */
const KEY_VERSION = "v2";

/**
 * `v1:<namespace>:<sha256>` over the canonical JSON of the parts that change an answer. Only the
 * named fields are read, so anything else on the input (metadata, caller details) cannot leak into
 * the key; the namespace is a prefix, so tenants never share entries.
 */
export function cacheKey(input: CacheKeyInput): string {
  const canonical = canonicalJson({
    route: input.route,
    // Every field that changes the answer (content parts included); stray client fields do not.
    messages: input.messages.map(({ role, content, name, tool_calls, tool_call_id, refusal }) => ({
      role,
      content,
      name,
      tool_calls,
      tool_call_id,
      refusal,
    })),
    params: input.params,
    jsonSchema: input.jsonSchema,
  });
  const digest = nodeCrypto().createHash("sha256").update(canonical).digest("hex");
  return `${KEY_VERSION}:${encodeURIComponent(input.namespace)}:${digest}`;
}
