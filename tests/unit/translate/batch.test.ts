import { describe, expect, it } from 'vitest';
import { mapSettled, planBatches } from '../../../src/translate/batch.js';
import { V2_LIMITS, V3_LIMITS } from '../../../src/translate/index.js';

describe('planBatches', () => {
  it('keeps v2 requests within 128 segments', () => {
    const batches = planBatches(new Array(300).fill(10), V2_LIMITS);
    expect(batches.map((b) => b.length)).toEqual([128, 128, 44]);
    expect(batches.flat()).toEqual([...Array(300).keys()]);
  });

  it('keeps v2 requests within 5,000 characters', () => {
    const batches = planBatches(new Array(30).fill(400), V2_LIMITS);
    expect(batches.every((b) => b.length * 400 <= 5000)).toBe(true);
    expect(batches.map((b) => b.length)).toEqual([12, 12, 6]);
  });

  it('keeps v3 requests within 1,024 segments and 30,000 characters', () => {
    expect(planBatches(new Array(2050).fill(5), V3_LIMITS).map((b) => b.length)).toEqual([
      1024, 1024, 2,
    ]);
    expect(planBatches(new Array(10).fill(7000), V3_LIMITS).map((b) => b.length)).toEqual([
      4, 4, 2,
    ]);
  });

  it('sends an oversized segment alone', () => {
    expect(planBatches([10, 9000, 10], V2_LIMITS)).toEqual([[0], [1], [2]]);
  });
});

describe('mapSettled', () => {
  it('never runs more than the concurrency at once, and settles every item', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapSettled([...Array(20).keys()], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
      if (n === 5) throw new Error('five');
      return n * 2;
    });
    expect(peak).toBe(3);
    expect(results[5]!.status).toBe('rejected');
    expect(results[6]).toEqual({ status: 'fulfilled', value: 12 });
  });
});
