import { describe, expect, it } from 'vitest';
import { countTokens, tokenize } from '../../../src/arabic/index.js';

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['قال: «نعم» 3.5%', ['قال', 'نعم', '3.5']],
    ['الرئيس، والوزير؛ والسفير؟', ['الرئيس', 'والوزير', 'والسفير']],
    ['مُحَمَّدٌ رسول', ['مُحَمَّدٌ', 'رسول']],
    ['Hello, world! COVID-19', ['Hello', 'world', 'COVID', '19']],
    ['١٬٢٠٠ ريال و ٣٫٥ مليون', ['١٬٢٠٠', 'ريال', 'و', '٣٫٥', 'مليون']],
    ['جمـــيل', ['جمـــيل']],
    ['', []],
    ['... ، !!', []],
  ])('tokenizes %j', (input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });

  it('never treats Arabic letters as separators', () => {
    expect(tokenize('العربية لغة جميلة')).toHaveLength(3);
  });

  it.each(['قال: «نعم» 3.5%', 'Hello, world! COVID-19', '١٬٢٠٠ ريال', ''])(
    'countTokens agrees with tokenize on %j',
    (text) => {
      expect(countTokens(text)).toBe(tokenize(text).length);
    },
  );
});
