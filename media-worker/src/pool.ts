/**
 * Runs `work` over `items` with at most `limit` at once, results in input order. For
 * latency-bound work such as object uploads (R2 answers a PUT in tens of milliseconds).
 *
 * @example
 * const keys = await mapWithLimit(thumbnails, 8, (t) => upload(t));
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
