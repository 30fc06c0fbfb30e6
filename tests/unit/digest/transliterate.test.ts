import { describe, expect, it } from 'vitest';
import { offlineToArabic } from '../../../src/digest/glossary.js';
import { transliterateName } from '../../../src/digest/transliterate.js';
import { meets } from './fixtures.js';

describe('names in Arabic letters', () => {
  // Each name as Arabic outlets write it: the search must find the one through the other.
  it.each([
    ['Sarkozy', 'ساركوزي'],
    ['Mueller', 'مولر'],
    ['Cambridge', 'كامبريدج'],
    ['Analytica', 'أناليتيكا'],
    ['Theresa', 'تيريزا'],
    ['Daniels', 'دانييلز'],
    ['Johnson', 'جونسون'],
    ['Novichok', 'نوفيتشوك'],
    ['Zuckerberg', 'زوكربيرغ'],
    ['Kushner', 'كوشنر'],
    ['Emmanuel', 'إيمانويل'],
    ['Tillerson', 'تيلرسون'],
    ['Bossert', 'بوسرت'],
    ['McEntee', 'ماكنتي'],
    // Given names the letter rules would spell wrong (ميتشايل, هاسان, اومار, سيرجاي, جاككيس).
    ['Michael', 'مايكل'],
    ['Hassan', 'حسن'],
    ['Omar', 'عمر'],
    ['Mohamed', 'محمد'],
    ['Sergei', 'سيرغي'],
    ['Jacques', 'جاك'],
    ['Qassem', 'قاسم'],
    ['Mahmoud', 'محمود'],
  ])('%s meets %s', (latin, arabic) => {
    const spelled = transliterateName(latin);
    expect(spelled).toBeDefined();
    expect(meets(spelled!, arabic)).toBe(true);
  });

  it('spells nothing for what is not a Latin word of three letters or more', () => {
    expect(transliterateName('Xi')).toBeUndefined();
    expect(transliterateName('G7')).toBeUndefined();
    expect(transliterateName('سوريا')).toBeUndefined();
  });
});

describe('a Latin-script question offline', () => {
  it.each([
    ['Sarkozy', 'ساركوزي'],
    ['sarkozy', 'ساركوزي'],
    ['news about Sarkozy', 'ساركوزي'],
    ['Cambridge Analytica', 'كامبريدج اناليتيكا'],
    ['Sarkozy in France', 'فرنسا'],
    ['Syria', 'سوريا'],
    ['Strikes on Syria', 'سوريا'],
    ['Macron Sarkozy', 'ماكرون ساركوزي'],
    // nothing else to search: the capitalised first word is the name
    ['Maryland shooting', 'ماريلاند'],
    // A full name: the given name as the news writes it, not letter by letter.
    ['Michael Cohen', 'مايكل كوهين'],
    ['Mike Pompeo', 'بومبيو مايك'],
    ['Sergei Lavrov', 'لافروف سيرغي'],
    ['Hassan Nasrallah', 'نصر الله حسن'],
  ])('%j searches %j', (question, arabic) => {
    expect(offlineToArabic(question)).toBe(arabic);
  });

  it('leaves out lower-case words of a longer question, which may not be names', () => {
    expect(offlineToArabic('what happened today')).toBeUndefined();
    expect(offlineToArabic('What happened today')).toBeUndefined();
  });
});
