import { z } from "zod";
import { ModelmuxError } from "../errors.js";
import { MAX_TEXT_CHARS } from "../tools/schemas.js";
import { formatIssue, formatPath } from "../validation/format-issues.js";

/** OpenAI's own cap on inputs per embeddings request. */
export const MAX_EMBEDDING_INPUTS = 2048;
/** Longest `user` string forwarded upstream. */
const MAX_USER_CHARS = 256;

const tokenArray = z.array(z.number().int().nonnegative());

const embeddingBodySchema = z.object({
  model: z.string().min(1),
  input: z.union(
    [
      z.string(),
      z.array(z.string()).min(1).max(MAX_EMBEDDING_INPUTS),
      tokenArray,
      z.array(tokenArray).min(1).max(MAX_EMBEDDING_INPUTS),
    ],
    { error: `expected a string or an array of 1 to ${MAX_EMBEDDING_INPUTS} strings` },
  ),
  dimensions: z.number().int().positive().max(65_536).nullish(),
  encoding_format: z.enum(["float", "base64"]).nullish(),
  user: z.string().max(MAX_USER_CHARS).nullish(),
});

/** Fields modelmux reads itself; any other field passes through to the provider as sent. */
const KNOWN_FIELDS = new Set(["model", "input", "dimensions", "encoding_format", "user"]);

export interface EmbeddingInput {
  model: string;
  input: string[];
  dimensions?: number;
  encodingFormat: "float" | "base64";
  user?: string;
  extra: Record<string, unknown>;
}

function invalid(message: string, param: string): ModelmuxError {
  return new ModelmuxError("INVALID_INPUT", message, { param });
}

/** Validates an OpenAI embeddings body; a bad one is INVALID_INPUT naming the field (`input[3]: …`). */
export function parseEmbeddingBody(body: unknown): EmbeddingInput {
  const parsed = embeddingBodySchema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue && issue.path.length > 0 ? formatPath(issue.path) : "(root)";
    throw invalid(issue ? formatIssue(issue) : "invalid request body", param);
  }
  const data = parsed.data;
  const input = typeof data.input === "string" ? [data.input] : data.input;
  if (input.some((entry) => typeof entry !== "string"))
    throw invalid(
      "input: token arrays are not accepted: their ids mean different text to each model's tokenizer, so they cannot be routed across providers; send the text",
      "input",
    );
  const texts = input as string[];
  let total = 0;
  for (const [index, text] of texts.entries()) {
    if (text.length === 0)
      throw invalid(`input[${index}]: empty string; every input needs some text`, `input[${index}]`);
    total += text.length;
  }
  if (total > MAX_TEXT_CHARS)
    throw invalid(`input: ${total} characters in total; at most ${MAX_TEXT_CHARS} per request`, "input");
  const extra: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body as Record<string, unknown>))
    if (!KNOWN_FIELDS.has(field) && value !== undefined) extra[field] = value;
  return {
    model: data.model,
    input: texts,
    ...(data.dimensions != null && { dimensions: data.dimensions }),
    encodingFormat: data.encoding_format ?? "float",
    ...(data.user != null && { user: data.user }),
    extra,
  };
}
