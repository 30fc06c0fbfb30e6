/** Splitting many segments into requests within an API's limits, and running them a few at a time. */

export interface BatchLimits {
  /** Most segments in one request (v2: 128, v3: 1,024). */
  maxSegments: number;
  /** Most characters in one request (v2: about 5,000, v3: about 30,000). */
  maxChars: number;
}

/**
 * Groups indexes of `sizes` into batches, in order, each within the limits. A single segment
 * larger than `maxChars` travels alone.
 */
export function planBatches(sizes: number[], limits: BatchLimits): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let chars = 0;
  sizes.forEach((size, i) => {
    if (
      current.length > 0 &&
      (current.length >= limits.maxSegments || chars + size > limits.maxChars)
    ) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(i);
    chars += size;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Runs `task` over `items` with at most `concurrency` running at once; settles every item. */
export async function mapSettled<T, R>(
  items: T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await task(items[i]!, i) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
  );
  return results;
}
