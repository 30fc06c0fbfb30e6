import { describe, expect, it } from 'vitest';
import {
  countWords,
  extractKeyPoints,
  pickSentences,
  type SentenceCandidate,
} from '../../../src/digest/keypoints.js';

/**
 * A candidate with its own term (no two share one, so redundancy control never interferes):
 * sentence `index` of one document, `words` long, with salience `score`.
 */
function candidate(index: number, words: number, score: number): SentenceCandidate {
  return {
    doc: 0,
    index,
    text: `s${index}`,
    words,
    score,
    vector: { ids: Int32Array.of(index), weights: Float64Array.of(1) },
  };
}

const order = (picked: readonly SentenceCandidate[]): number[] => picked.map((c) => c.index);
const total = (picked: readonly SentenceCandidate[]): number =>
  picked.reduce((sum, c) => sum + c.words, 0);

describe('pickSentences within the budget', () => {
  it('skips a sentence that does not fit and takes a later, shorter one', () => {
    const picked = pickSentences(
      [candidate(0, 10, 1), candidate(1, 8, 0.9), candidate(2, 3, 0.5)],
      { points: 10, words: 14 },
    );
    expect(order(picked)).toEqual([0, 2]);
    expect(total(picked)).toBe(13);
  });

  it('still returns one point when none fits', () => {
    const picked = pickSentences([candidate(0, 30, 1), candidate(1, 25, 0.5)], {
      points: 10,
      words: 20,
    });
    expect(order(picked)).toEqual([0]);
  });
});

describe('pickSentences with overflow', () => {
  it('ends on a best sentence that crosses the budget when at least half of it fits', () => {
    // After 12 words, 8 remain: the 14-word sentence crosses by 6, less than the room left.
    const picked = pickSentences(
      [candidate(0, 12, 1), candidate(1, 14, 0.9), candidate(2, 5, 0.5)],
      { points: 10, words: 20, overflow: true },
    );
    expect(order(picked)).toEqual([0, 1]);
    expect(total(picked)).toBe(26);
  });

  it('fills the room with a sentence that fits before one mostly past the budget', () => {
    // After 12 words, 8 remain: the 20-word sentence would cross by 12, so the 5-word one goes
    // first; then nothing else fits and the 20-word one ends the selection past the budget.
    const picked = pickSentences(
      [candidate(0, 12, 1), candidate(1, 20, 0.9), candidate(2, 5, 0.5)],
      { points: 10, words: 20, overflow: true },
    );
    expect(order(picked)).toEqual([0, 2, 1]);
    expect(total(picked)).toBe(37);
  });

  it('stops without crossing when the sentences that fit reach the budget exactly', () => {
    const picked = pickSentences(
      [candidate(0, 12, 1), candidate(1, 20, 0.9), candidate(2, 8, 0.5), candidate(3, 4, 0.4)],
      { points: 10, words: 20, overflow: true },
    );
    expect(order(picked)).toEqual([0, 2]);
    expect(total(picked)).toBe(20);
  });

  it('always reaches the budget when the candidates allow it', () => {
    const cands = [8, 30, 3, 17, 11, 6, 25, 9].map((w, i) => candidate(i, w, 1 - i / 10));
    for (const budget of [5, 20, 33, 50, 71, 100]) {
      const picked = pickSentences(cands, { points: 100, words: budget, overflow: true });
      expect(total(picked)).toBeGreaterThanOrEqual(budget);
      // Everything before the last sentence fits within the budget.
      expect(total(picked.slice(0, -1))).toBeLessThan(budget);
    }
  });
});

/** A made-up article (written for these tests) with sentences of very different lengths. */
const ARTICLE = [
  'أعلنت وزارة النقل افتتاح الطريق الساحلي الجديد بين المدينتين بعد أربع سنوات من العمل المتواصل.',
  'وقال وزير النقل في حفل الافتتاح إن الطريق سيختصر زمن الرحلة بين المدينتين من ثلاث ساعات إلى ساعة ونصف، وإنه صمم ليتحمل حركة الشاحنات الثقيلة القادمة من الميناء، كما يضم جسورا جديدة فوق الأودية التي كانت تغمرها السيول كل شتاء وتقطع الطريق القديم لأيام.',
  'وبلغت كلفة المشروع نحو مليار دولار.',
  'وأضاف الوزير أن الوزارة ستفتح مناقصة لصيانة الطريق القديم العام المقبل.',
  'ويأمل سكان القرى الواقعة على الطريق أن ينعش المشروع التجارة المحلية.',
].join(' ');

describe('extractKeyPoints under a word budget', () => {
  it('returns whole sentences of the article, never a cut one', () => {
    const sentences = ARTICLE.split(/(?<=\.)\s+/u);
    for (const words of [10, 25, 40, 60]) {
      for (const overflow of [false, true]) {
        const points = extractKeyPoints(ARTICLE, { words, points: 10, overflow, clean: false });
        expect(points.length).toBeGreaterThan(0);
        for (const p of points) expect(sentences).toContain(p);
      }
    }
  });

  it('within the budget, a later shorter sentence takes the place of a long one that does not fit', () => {
    // With room for it, the long second sentence is the second pick.
    const unbounded = extractKeyPoints(ARTICLE, { points: 2, clean: false });
    expect(unbounded[1]).toContain('حفل الافتتاح');
    const first = countWords(ARTICLE.split(/(?<=\.)\s+/u)[0]!);
    const budget = first + 10;
    const points = extractKeyPoints(ARTICLE, { words: budget, points: 10, clean: false });
    const used = points.reduce((sum, p) => sum + countWords(p), 0);
    expect(used).toBeLessThanOrEqual(budget);
    expect(points.length).toBeGreaterThan(1);
    expect(points.some((p) => p.includes('حفل الافتتاح'))).toBe(false);
  });
});
