/**
 * Values that ask for nothing beyond the API's default (OpenAI's chat format): a request that sets
 * one has not asked for the parameter, and an adapter whose API lacks it may leave it out.
 */
const DEFAULT_VALUES: Readonly<Record<string, unknown>> = {
  n: 1,
  store: false,
  logprobs: false,
  presence_penalty: 0,
  frequency_penalty: 0,
};

/** True when `value` is the API's default for `name` (see DEFAULT_VALUES). */
export function isDefaultValue(name: string, value: unknown): boolean {
  return Object.hasOwn(DEFAULT_VALUES, name) && DEFAULT_VALUES[name] === value;
}
