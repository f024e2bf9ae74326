// Many HTTP calls from a test without opening them all at once: a fixed number of workers take the next
// item until none is left.

/** Runs `task(item, index)` over `items` with at most `concurrency` at once; resolves with the results in
 *  the items' order. Rejects with the first task's error (tasks already started still run to their end). */
export async function eachLimited<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i]!, i);
      }
    }),
  );
  return out;
}
