import { describe, expect, it } from 'vitest';
import {
  normalize,
  stem,
  stripArticle,
  stripSuffixes,
  stripWaw,
} from '../../../src/arabic/index.js';

describe('stem', () => {
  it.each<[string, string]>([
    ['والمدارس', 'مدارس'],
    ['المدرسه', 'مدرس'],
    ['بالسياره', 'سيار'],
    ['للطلاب', 'طلاب'],
    ['كالبحر', 'بحر'],
    ['فالعود', 'عود'],
    ['والوزير', 'وزير'],
    ['معلمون', 'معلم'],
    ['معلمين', 'معلم'],
    ['سيارات', 'سيار'],
    ['كتابها', 'كتاب'],
    ['بيان', 'بيان'],
    ['من', 'من'],
    ['reuters', 'reuters'],
    ['2021', '2021'],
  ])('stems %j to %j', (input, expected) => {
    expect(stem(input)).toBe(expected);
  });

  it('maps inflected forms of one word to one stem', () => {
    const forms = ['الحكومة', 'الحكومات', 'والحكومة', 'بالحكومة', 'حكومتها'].map((w) =>
      stem(normalize(w)),
    );
    expect(new Set(forms.slice(0, 4)).size).toBe(1);
  });
});

describe('light10 steps', () => {
  it.each<[string, string]>([
    ['ووزير', 'وزير'],
    ['وقت', 'وقت'],
    ['وزير', 'زير'],
  ])('stripWaw(%j) = %j', (input, expected) => {
    expect(stripWaw(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ['والمدارس', 'مدارس'],
    ['بالسياره', 'سياره'],
    ['للطلاب', 'طلاب'],
    ['الي', 'الي'],
    ['مدرسه', 'مدرسه'],
  ])('stripArticle(%j) = %j', (input, expected) => {
    expect(stripArticle(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ['معلمون', 'معلم'],
    ['سياراتها', 'سيار'],
    ['بيان', 'بيان'],
    ['كتابه', 'كتاب'],
  ])('stripSuffixes(%j) = %j', (input, expected) => {
    expect(stripSuffixes(input)).toBe(expected);
  });

  it.each(['reuters', '2021', 'COVID-19', 'Ünïcode'])('each step leaves %j alone', (input) => {
    expect(stripWaw(input)).toBe(input);
    expect(stripArticle(input)).toBe(input);
    expect(stripSuffixes(input)).toBe(input);
  });

  it('stem is the three steps in turn', () => {
    for (const w of ['والمدارس', 'ووزيرها', 'فالعود', 'معلمين', 'كتابها', 'بيان']) {
      expect(stem(w)).toBe(stripSuffixes(stripArticle(stripWaw(w))));
    }
  });
});
