/**
 * The dated snapshot the caller named, when it is a snapshot of `alias` in Anthropic's naming:
 * `<model>-YYYYMMDD` with a real, past date (claude-sonnet-4-5-20250929), where the model is the
 * alias without its `-latest` or `-0` (claude-3-5-haiku-latest → claude-3-5-haiku-20241022,
 * claude-sonnet-4-0 → claude-sonnet-4-20250514). The catalog resolves such a name to the alias;
 * Anthropic must still receive the snapshot the caller pinned.
 */
export function anthropicSnapshot(
  alias: string,
  requested: string | undefined,
  now: number = Date.now(),
): string | undefined {
  if (requested === undefined) return undefined;
  const name = requested.slice(requested.lastIndexOf("/") + 1);
  const match = /^(.+)-(\d{4})(\d{2})(\d{2})$/.exec(name);
  if (!match) return undefined;
  const [, model, year, month, day] = match as unknown as [string, string, string, string, string];
  if (model !== alias && model !== alias.replace(/-(latest|0)$/, "")) return undefined;
  const date = Date.UTC(Number(year), Number(month) - 1, Number(day));
  const real =
    Number(year) >= 2023 &&
    new Date(date).getUTCDate() === Number(day) &&
    new Date(date).getUTCMonth() === Number(month) - 1 &&
    date <= now;
  return real ? name : undefined;
}
