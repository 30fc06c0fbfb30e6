import { describe, expect, it } from 'vitest';
import { arabicRatio, isArabic } from '../../../src/arabic/index.js';

describe('arabicRatio and isArabic', () => {
  it.each<[string, number]>([
    ['قال Biden', 3 / 8],
    ['عربي', 1],
    ['English', 0],
    ['123 ...', 0],
    ['', 0],
  ])('arabicRatio(%j) = %d', (text, ratio) => {
    expect(arabicRatio(text)).toBeCloseTo(ratio, 5);
  });

  it.each<[string, boolean]>([
    ['قال الرئيس إن الاجتماع كان مثمرا', true],
    ['أعلنت Apple عن iPhone جديد في مؤتمرها السنوي', true],
    ['The president said the meeting went well', false],
    ['Президент заявил', false],
    ['', false],
  ])('isArabic(%j) = %s', (text, expected) => {
    expect(isArabic(text)).toBe(expected);
  });
});
