/**
 * Runs `work` over `items` with at most `concurrency` at a time. The first failure stops new
 * items from starting and is thrown once the running ones settle.
 *
 * @example
 * await forEachConcurrently(parts, 4, (part) => putPart(part));
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const runner = async () => {
    while (!failure && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, runner));
  if (failure) throw failure.error;
}
