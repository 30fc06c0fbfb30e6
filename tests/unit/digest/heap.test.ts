import { describe, expect, it } from 'vitest';
import { PairHeap } from '../../../src/digest/heap.js';
import { seededRandom } from '../../../src/digest/synthetic.js';

describe('PairHeap', () => {
  it('pops by similarity, ties by the smaller a then b, and keeps the versions', () => {
    const rand = seededRandom(3);
    const heap = new PairHeap();
    const entries: [number, number, number, number, number][] = [];
    // Few distinct similarities, so that ties are common; more than the initial capacity.
    for (let i = 0; i < 3000; i++) {
      const e: [number, number, number, number, number] = [
        Math.floor(rand() * 20) / 20,
        Math.floor(rand() * 50),
        Math.floor(rand() * 50),
        i,
        i * 2,
      ];
      entries.push(e);
      heap.push(...e);
    }
    expect(heap.size).toBe(3000);
    const popped: [number, number, number][] = [];
    while (heap.pop()) {
      const t = heap.top;
      expect(t.vb).toBe(t.va * 2);
      popped.push([t.sim, t.a, t.b]);
    }
    expect(heap.size).toBe(0);
    const expected = entries
      .map(([s, a, b]) => [s, a, b] as [number, number, number])
      .sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
    expect(popped).toEqual(expected);
    expect(heap.pop()).toBe(false);
  });
});
