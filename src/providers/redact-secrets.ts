/** Known secrets shorter than this are not redacted: dummy keys like "x" would mangle every message. */
const MIN_SECRET_LENGTH = 8;

// Key shapes vendors use (OpenAI/Anthropic/OpenRouter `sk-`, Groq `gsk_`, xAI `xai-`, Fireworks `fw_`,
// Google `AIza`), including the masked echoes some APIs return ("sk-proj-abc***wxyz").
const KEY_PATTERN = /\b(?:sk|pk|rk|gsk|xai|fw)[-_][A-Za-z0-9_\-*.]{6,}|\bAIza[A-Za-z0-9_-]{20,}/g;
const BEARER_PATTERN = /\bBearer\s+[A-Za-z0-9._~+/=*-]+/gi;

/**
 * Removes API keys from text that may be shown to users or logged: every occurrence of a known
 * secret, anything shaped like a vendor key, and bearer tokens.
 */
export function redactSecrets(text: string, knownSecrets: readonly (string | undefined)[] = []): string {
  let redacted = text;
  for (const secret of knownSecrets) {
    if (secret !== undefined && secret.length >= MIN_SECRET_LENGTH) {
      redacted = redacted.replaceAll(secret, "[REDACTED]");
    }
  }
  return redacted.replace(KEY_PATTERN, "[REDACTED]").replace(BEARER_PATTERN, "Bearer [REDACTED]");
}
