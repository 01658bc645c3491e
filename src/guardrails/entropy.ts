/** Shannon entropy in bits per character; random keys sit near 4–6, words and placeholders below 3. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  // Secrets are short ASCII; a small count table is much cheaper than a Map on the hot path.
  const counts = new Uint32Array(128);
  let other: Map<number, number> | undefined;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 128) counts[code] = (counts[code] ?? 0) + 1;
    else {
      other ??= new Map();
      other.set(code, (other.get(code) ?? 0) + 1);
    }
  }
  let entropy = 0;
  const add = (count: number) => {
    const probability = count / value.length;
    entropy -= probability * Math.log2(probability);
  };
  for (const count of counts) if (count > 0) add(count);
  for (const count of other?.values() ?? []) add(count);
  return entropy;
}

/** How many of lower case, upper case, digits and symbols appear. */
export function characterClasses(value: string): number {
  let classes = 0;
  if (/[a-z]/.test(value)) classes++;
  if (/[A-Z]/.test(value)) classes++;
  if (/[0-9]/.test(value)) classes++;
  if (/[^A-Za-z0-9]/.test(value)) classes++;
  return classes;
}
