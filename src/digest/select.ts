/** Selection: an order statistic without sorting. */

let selectScratch = new Float64Array(256);

/**
 * The k-th largest value (1-based) of values[from, to) (the smallest when k exceeds its length),
 * by selection in a reused buffer: the same value a full sort would give, without the sort.
 */
export function kthLargest(values: Float64Array, k: number, from = 0, to = values.length): number {
  const n = to - from;
  if (n <= 1) return values[from]!;
  if (selectScratch.length < n)
    selectScratch = new Float64Array(Math.max(n, selectScratch.length * 2));
  const a = selectScratch;
  for (let x = 0; x < n; x++) a[x] = values[from + x]!;
  const target = Math.max(0, n - k);
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    // Median of three as the pivot, then a Hoare partition of a[lo..hi].
    const mid = (lo + hi) >> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}
