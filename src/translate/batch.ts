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

export { mapSettled } from '../concurrency.js';
