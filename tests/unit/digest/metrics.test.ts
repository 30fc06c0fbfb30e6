import { describe, expect, it } from 'vitest';
import { bcubed, evaluateClustering, pairwise } from '../../../src/digest/index.js';
import { article } from './fixtures.js';

const gold = { a: 'x', b: 'x', c: 'x', d: 'y' };

describe('clustering metrics', () => {
  it.each([
    ['perfect', [['a', 'b', 'c'], ['d']], 1, 1, 1, 1],
    ['all alone', [['a'], ['b'], ['c'], ['d']], 1, 0.5, 1, 0],
    ['all together', [['a', 'b', 'c', 'd']], 0.625, 1, 0.5, 1],
    ['missing items count as singletons', [['a', 'b', 'c']], 1, 1, 1, 1],
  ])('%s', (_name, predicted, b3p, b3r, pp, pr) => {
    const b = bcubed(predicted, gold);
    const p = pairwise(predicted, gold);
    expect(b.precision).toBeCloseTo(b3p, 6);
    expect(b.recall).toBeCloseTo(b3r, 6);
    expect(p.precision).toBeCloseTo(pp, 6);
    expect(p.recall).toBeCloseTo(pr, 6);
  });

  it('scores each day and overall, beside both baselines', () => {
    const day1 = [
      article('a-20260101', 's', 1, 'عنوان', 'نص.'),
      article('b-20260101', 't', 1, 'عنوان', 'نص.'),
    ];
    const day2 = [article('c-20260102', 's', 1, 'آخر', 'نص مختلف.')];
    const labels = { 'a-20260101': 'e1', 'b-20260101': 'e1', 'c-20260102': 'e2' };
    const scores = evaluateClustering([...day1, ...day2], labels, {
      dayOf: (a) => a.id.slice(-8),
    });
    const keys = scores.map((s) => `${s.system}/${s.day}`);
    expect(keys).toEqual([
      'every article alone/20260101',
      'every article alone/20260102',
      'every article alone/overall',
      'exact duplicates merged/20260101',
      'exact duplicates merged/20260102',
      'exact duplicates merged/overall',
      'khulasa/20260101',
      'khulasa/20260102',
      'khulasa/overall',
    ]);
    const dup = scores.find((s) => s.system === 'exact duplicates merged' && s.day === 'overall')!;
    expect(dup.bcubed.f1).toBe(1);
    const alone = scores.find((s) => s.system === 'every article alone' && s.day === '20260101')!;
    expect(alone.bcubed.recall).toBeCloseTo(0.5, 6);
  });
});
