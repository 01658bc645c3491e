/** USD amounts are shown to 10 decimal places: sub-cent costs stay visible, float noise does not. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}
