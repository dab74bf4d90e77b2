/**
 * Maps `items` through `work` with at most `limit` calls in flight, keeping the input order in
 * the result. The first failure aborts the signal handed to the other calls (so their
 * subprocesses and requests stop) and is the error thrown, once every call has settled.
 *
 * @example
 * const texts = await mapBounded(pieces, 2, (piece, i, signal) => recognize(piece, { signal }), jobSignal);
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const failed = new AbortController();
  const combined = signal ? AbortSignal.any([signal, failed.signal]) : failed.signal;
  const results: R[] = new Array(items.length);
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const lane = async () => {
    while (next < items.length && !combined.aborted) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index, combined);
      } catch (error) {
        firstError ??= { error };
        failed.abort(error);
      }
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (firstError) throw firstError.error;
  signal?.throwIfAborted();
  return results;
}
