/** One labelled line of the attack corpus (public part in .attack-corpus/, authored part in test/fixtures/attack-corpus/). */
export type CorpusKind = "benign" | "prompt_injection" | "jailbreak";

export interface CorpusLine {
  text: string;
  kind: CorpusKind;
  /** Source id: the unit of the train/dev/test split. */
  source: string;
  split: string;
  lang: string;
  licence: string;
  /** `document` or `tool_result` when the text is content an agent reads, not a user's message. */
  context?: string;
}
