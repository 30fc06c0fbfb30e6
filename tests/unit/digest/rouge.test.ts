import { describe, expect, it } from 'vitest';
import {
  lcsLength,
  meanRouge,
  rouge,
  rougeL,
  rougeN,
  rougeTokens,
} from '../../../src/digest/rouge.js';
import { countWords } from '../../../src/digest/keypoints.js';
import { defaultSystems, leadFill, leadSummary } from '../../../src/cli/eval-summaries.js';

describe('rougeTokens', () => {
  it('normalizes both spellings to the same tokens', () => {
    expect(rougeTokens('الأعظمُ، على')).toEqual(rougeTokens('الاعظم علي'));
    expect(rougeTokens('مدرسة «كبيرة».')).toEqual(['مدرسه', 'كبيره']);
  });
});

describe('rougeN', () => {
  it.each<[string[], string[], number, { p: number; r: number; f: number }]>([
    [['a', 'b', 'c'], ['a', 'b', 'c'], 1, { p: 1, r: 1, f: 1 }],
    [['a', 'b', 'c'], ['a', 'b', 'd'], 1, { p: 2 / 3, r: 2 / 3, f: 2 / 3 }],
    [['a', 'b', 'c'], ['a', 'b', 'd'], 2, { p: 0.5, r: 0.5, f: 0.5 }],
    [['a', 'a', 'a'], ['a', 'b'], 1, { p: 1 / 3, r: 0.5, f: 0.4 }],
    [['x'], ['a', 'b'], 1, { p: 0, r: 0, f: 0 }],
    [[], ['a'], 1, { p: 0, r: 0, f: 0 }],
    [['a'], ['a'], 2, { p: 0, r: 0, f: 0 }],
  ])('%j vs %j (n=%i)', (c, r, n, expected) => {
    const s = rougeN(c, r, n);
    expect(s.p).toBeCloseTo(expected.p, 6);
    expect(s.r).toBeCloseTo(expected.r, 6);
    expect(s.f).toBeCloseTo(expected.f, 6);
  });
});

describe('rougeL', () => {
  it.each<[string[], string[], number]>([
    [['a', 'b', 'c', 'd'], ['a', 'c', 'd'], 3],
    [['a', 'b'], ['b', 'a'], 1],
    [[], ['a'], 0],
    [['a', 'x', 'b', 'y', 'c'], ['a', 'b', 'c'], 3],
  ])('LCS of %j and %j is %i', (a, b, n) => {
    expect(lcsLength(a, b)).toBe(n);
  });

  it('scores recall against the reference length', () => {
    expect(rougeL(['a', 'b', 'c'], ['a', 'c']).r).toBe(1);
    expect(rougeL(['a', 'b', 'c'], ['a', 'c']).p).toBeCloseTo(2 / 3, 6);
  });
});

describe('rouge', () => {
  it('averages over references', () => {
    const s = rouge('قال الرئيس', ['قال الرئيس', 'ذهب الوزير']);
    expect(s.rouge1.f).toBeCloseTo(0.5, 6);
    expect(s.rouge2.f).toBeCloseTo(0.5, 6);
  });

  it('matches Arabic text once normalized (hamza, teh marbuta, diacritics)', () => {
    const s = rouge('أعلنت الوزارةُ الخطة', ['اعلنت الوزاره الخطه']);
    expect(s.rouge1.f).toBe(1);
    expect(s.rougeL.f).toBe(1);
  });

  it('meanRouge averages documents', () => {
    const a = rouge('أ ب', ['أ ب']);
    const b = rouge('ج', ['د']);
    expect(meanRouge([a, b]).rouge1.f).toBeCloseTo(0.5, 6);
  });
});

describe('leadFill', () => {
  const text =
    'وصل الوفد إلى المطار. ثم عقد الوزيران اجتماعا مطولا في مقر الوزارة. وانتهى اللقاء مساء.';
  it.each<[number, string]>([
    [4, 'وصل الوفد إلى المطار.'],
    [7, 'وصل الوفد إلى المطار. وانتهى اللقاء مساء.'],
    [14, 'وصل الوفد إلى المطار. ثم عقد الوزيران اجتماعا مطولا في مقر الوزارة.'],
    [3, 'وانتهى اللقاء مساء.'],
    [2, 'وصل الوفد إلى المطار.'],
  ])('fills %i words in article order, skipping what does not fit', (words, expected) => {
    expect(leadFill(text, words)).toBe(expected);
  });
});

describe('defaultSystems', () => {
  const text = [
    'أعلنت وزارة الزراعة خطة جديدة لدعم صغار المزارعين في المناطق الريفية.',
    'وتشمل الخطة قروضا ميسرة وبذورا محسنة وتدريبا على أساليب الري الحديثة التي توفر المياه وتزيد المحصول في المواسم الجافة.',
    'وقال الوزير إن الخطة تستهدف عشرة آلاف مزارع.',
    'وتبدأ المرحلة الأولى في الربيع المقبل.',
  ].join(' ');
  const doc = { id: 'd', text, summaries: ['x'], isNews: true };

  it('gives khulasa the length Lead reached in the "at lead length" row', () => {
    const systems = defaultSystems();
    for (const budget of [5, 12, 25]) {
      const leadWords = countWords(leadSummary(text, budget));
      expect(leadWords).toBeGreaterThanOrEqual(budget);
      const atLead = countWords(systems['khulasa at lead length']!(doc, budget));
      expect(atLead).toBeGreaterThanOrEqual(leadWords);
      // The plain row stops once its own total reaches the budget.
      expect(countWords(systems.khulasa!(doc, budget))).toBeGreaterThanOrEqual(budget);
    }
  });
});
