/**
 * A header as `message.headers` has it (repeated lines joined by ", "), read from the raw header
 * lines: touching `message.headers` builds an object of every header the server sent (a dozen or
 * more), on every call, for one of them. `name` is lower case.
 */
export function headerLine(raw: string[], name: string): string | undefined {
  let value: string | undefined;
  for (let index = 0; index < raw.length - 1; index += 2) {
    const line = raw[index] as string;
    if (line.length !== name.length || line.toLowerCase() !== name) continue;
    const next = raw[index + 1] as string;
    value = value === undefined ? next : `${value}, ${next}`;
  }
  return value;
}
