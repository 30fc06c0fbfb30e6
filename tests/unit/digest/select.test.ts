import { describe, expect, it } from 'vitest';
import { kthLargest } from '../../../src/digest/select.js';

describe('kthLargest', () => {
  it('gives what a sort would, duplicates and ranges included', () => {
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 300);
      // Few distinct values, as scores of one-word queries are.
      const distinct = 1 + Math.floor(rand() * 6);
      const values = Float64Array.from({ length: n }, () => Math.floor(rand() * distinct) / 4);
      const from = Math.floor(rand() * n);
      const to = from + 1 + Math.floor(rand() * (n - from));
      const k = 1 + Math.floor(rand() * (to - from));
      const sorted = [...values.subarray(from, to)].sort((a, b) => b - a);
      const before = Float64Array.from(values);
      expect(kthLargest(values, k, from, to)).toBe(sorted[k - 1]);
      expect(values).toEqual(before); // the input is left as it was
    }
  });

  it('gives the smallest when k is past the end', () => {
    expect(kthLargest(Float64Array.of(3, 1, 2), 5)).toBe(1);
  });
});
