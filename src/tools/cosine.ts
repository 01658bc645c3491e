/** Cosine similarity of every pair of vectors (rounded to 4 places); vectors need not be normalized. */
export function cosineMatrix(vectors: readonly number[][]): number[][] {
  const norms = vectors.map((vector) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)));
  return vectors.map((first, row) =>
    vectors.map((second, column) => {
      if (row === column) return 1;
      let dot = 0;
      for (let index = 0; index < first.length; index++)
        dot += (first[index] as number) * (second[index] as number);
      const scale = (norms[row] as number) * (norms[column] as number);
      return scale === 0 ? 0 : Math.round((dot / scale) * 10_000) / 10_000;
    }),
  );
}

/** The `count` most similar pairs (i < j), best first. */
export function mostSimilarPairs(matrix: readonly number[][], count: number) {
  const pairs: { a: number; b: number; similarity: number }[] = [];
  for (let a = 0; a < matrix.length; a++)
    for (let b = a + 1; b < matrix.length; b++) pairs.push({ a, b, similarity: matrix[a]?.[b] ?? 0 });
  return pairs.sort((first, second) => second.similarity - first.similarity).slice(0, count);
}
