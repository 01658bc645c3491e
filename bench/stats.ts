/** Percentile of a sample (nearest rank); the sample is sorted in place. */
export function percentile(sample: number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  sample.sort((a, b) => a - b);
  const index = Math.min(sample.length - 1, Math.max(0, Math.ceil((p / 100) * sample.length) - 1));
  return sample[index] as number;
}

export function median(sample: number[]): number {
  return percentile(sample, 50);
}

export function formatMs(value: number): string {
  return value < 1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(2)} ms`;
}

/** Prints a heading and aligned rows of [label, value, target]. */
export function printTable(title: string, rows: [string, string, string?][]): void {
  console.log(`\n## ${title}`);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value, target] of rows)
    console.log(`  ${label.padEnd(width)}  ${value}${target ? `   (target ${target})` : ""}`);
}
