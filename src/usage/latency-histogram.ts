/**
 * Latency buckets of the PostgreSQL ledger's daily rollup (migration 2 computes the same in SQL):
 * bucket 0 holds [0, 1) ms, bucket b ≥ 1 holds [RATIO^(b−1), RATIO^b) ms.
 */
export const BUCKET_RATIO = 1.05;

/**
 * The latency of the request at `rank` (0-based) when a bucket's `count` requests, the first of
 * them at rank `first`, are taken to spread evenly across it (geometrically, as the buckets grow).
 * Always inside the bucket, so less than one bucket width (5 %) from the real latency; bucket 0
 * holds only 0 (latencies are whole milliseconds).
 */
function latencyInBucket(bucket: number, rank: number, first: number, count: number): number {
  if (bucket <= 0) return 0;
  return BUCKET_RATIO ** (bucket - 1 + (rank - first + 0.5) / count);
}

/**
 * p50 and p95 of a histogram (bucket → requests) as percentile_cont reads sorted values: the value
 * at rank p·(n−1), interpolated between its two neighbours. Each neighbour is placed inside its
 * bucket (latencyInBucket), so the result is within 5 % of the exact percentile_cont, and much
 * closer when latencies are spread smoothly (the bench measures it). 0 and 0 when empty.
 */
export function histogramPercentiles(histogram: ReadonlyMap<number, number>): { p50: number; p95: number } {
  const buckets = [...histogram].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  let total = 0;
  for (const [, count] of buckets) total += count;
  if (total === 0) return { p50: 0, p95: 0 };
  function valueAtRank(rank: number): number {
    let first = 0;
    for (const [bucket, count] of buckets) {
      if (rank < first + count) return latencyInBucket(bucket, rank, first, count);
      first += count;
    }
    return 0;
  }
  function percentile(fraction: number): number {
    const at = fraction * (total - 1);
    const low = valueAtRank(Math.floor(at));
    return low + (at - Math.floor(at)) * (valueAtRank(Math.ceil(at)) - low);
  }
  return { p50: percentile(0.5), p95: percentile(0.95) };
}
