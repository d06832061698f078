/** Bounded concurrency for shell work; results land in index-addressed slots, never in completion order (D6). */

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; result i belongs to item i.
 * When a call throws, no further item starts, and the first error is thrown once every call in flight
 * has settled: nothing keeps running against a client the caller closes in its `finally`.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== undefined) throw failure.error;
  return out;
}
