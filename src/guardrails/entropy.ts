// One shared count table, reset after each call through the list of codes it touched: the scan
// calls this for many short candidates, and allocating and sweeping a fresh table dominated.
const counts = new Uint32Array(128);
const touched = new Uint8Array(128);

/** Shannon entropy in bits per character; random keys sit near 4–6, words and placeholders below 3. */
export function shannonEntropy(value: string): number {
  const length = value.length;
  if (length === 0) return 0;
  let distinct = 0;
  let other: Map<number, number> | undefined;
  for (let index = 0; index < length; index++) {
    const code = value.charCodeAt(index);
    if (code < 128) {
      if (counts[code] === 0) touched[distinct++] = code;
      counts[code] = (counts[code] as number) + 1;
    } else {
      other ??= new Map();
      other.set(code, (other.get(code) ?? 0) + 1);
    }
  }
  let entropy = 0;
  for (let index = 0; index < distinct; index++) {
    const code = touched[index] as number;
    const probability = (counts[code] as number) / length;
    counts[code] = 0;
    entropy -= probability * Math.log2(probability);
  }
  if (other) {
    for (const count of other.values()) {
      const probability = count / length;
      entropy -= probability * Math.log2(probability);
    }
  }
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
