import { describe, expect, it } from 'vitest';
import {
  foldCase,
  normalize,
  normalizeAlef,
  normalizeAlefMaqsura,
  normalizeDigits,
  normalizePersianLetters,
  normalizePunctuation,
  normalizeTehMarbuta,
  normalizeUnit,
  stripDiacritics,
  stripInvisible,
  stripTatweel,
} from '../../../src/arabic/index.js';

const LATIN = 'Hello World 2021, e-mail: a.b@c.org (3.5%)';

describe.each([
  {
    name: 'stripDiacritics',
    fn: stripDiacritics,
    cases: [
      ['مُحَمَّدٌ', 'محمد'],
      ['كِتَابًا', 'كتابا'],
      ['الرَّحْمٰن', 'الرحمن'],
      ['بلا تشكيل', 'بلا تشكيل'],
    ],
  },
  {
    name: 'stripTatweel',
    fn: stripTatweel,
    cases: [
      ['جمـــيل', 'جميل'],
      ['الـعـربـيـة', 'العربية'],
      ['هـ', 'ه'],
    ],
  },
  {
    name: 'normalizeAlef',
    fn: normalizeAlef,
    cases: [
      ['أحمد', 'احمد'],
      ['إلى', 'الى'],
      ['آخر', 'اخر'],
      ['ٱلله', 'الله'],
      ['سأل', 'سال'],
    ],
  },
  {
    name: 'normalizeAlefMaqsura',
    fn: normalizeAlefMaqsura,
    cases: [
      ['على', 'علي'],
      ['مستشفى', 'مستشفي'],
      ['يمين', 'يمين'],
    ],
  },
  {
    name: 'normalizeTehMarbuta',
    fn: normalizeTehMarbuta,
    cases: [
      ['مدرسة', 'مدرسه'],
      ['الجامعة العربية', 'الجامعه العربيه'],
      ['تمت', 'تمت'],
    ],
  },
  {
    name: 'normalizePersianLetters',
    fn: normalizePersianLetters,
    cases: [
      ['کتاب', 'كتاب'],
      ['ایران', 'ايران'],
    ],
  },
  {
    name: 'normalizeDigits',
    fn: normalizeDigits,
    cases: [
      ['٢٠٢١', '2021'],
      ['۱۴۰۰', '1400'],
      ['العدد ٣ و۵', 'العدد 3 و5'],
    ],
  },
  {
    name: 'normalizePunctuation',
    fn: normalizePunctuation,
    cases: [
      ['نعم، لا؛ لماذا؟', 'نعم, لا; لماذا?'],
      ['«قال»', '"قال"'],
      ['“هنا” ‘هناك’', '"هنا" \'هناك\''],
      ['٣٫٥٪', '٣.5%'.replace('5', '٥')],
      ['انتظر…', 'انتظر...'],
      ['2010–2020', '2010-2020'],
    ],
  },
  {
    name: 'stripInvisible',
    fn: stripInvisible,
    cases: [
      ['\u200Fنعم\u200E', 'نعم'],
      ['مي\u200Cخواهم', 'ميخواهم'],
      ['\uFEFFنص', 'نص'],
      ['\u202Bعربي\u202C', 'عربي'],
    ],
  },
])('$name', ({ fn, cases }) => {
  it.each(cases)('maps %j to %j', (input, expected) => {
    expect(fn(input)).toBe(expected);
  });

  it('leaves Latin text and ASCII digits alone', () => {
    expect(fn(LATIN)).toBe(LATIN);
  });

  it('returns an empty string for an empty string', () => {
    expect(fn('')).toBe('');
  });
});

describe('normalize', () => {
  it.each([
    ['إنَّ المدرسةَ «كبيرة» ٣', 'ان المدرسه "كبيره" 3'],
    ['الأعظم', 'الاعظم'],
    ['مُستشفـى الجامعة', 'مستشفي الجامعه'],
    ['Reuters رويترز', 'reuters رويترز'],
    ['\u200Fأهلاً\u200F', 'اهلا'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('equals every step composed, character by character', () => {
    const sample = 'قالَ الرئيسُ «إنّ» المستشفى ١٢٣ ۴۵ کتاب جمـيل\u200F… – “Test” Äpfel ÉTÉ ‘x’ ؟؛،';
    const composed = foldCase(
      normalizePunctuation(
        normalizeDigits(
          normalizePersianLetters(
            normalizeTehMarbuta(
              normalizeAlefMaqsura(
                normalizeAlef(stripTatweel(stripDiacritics(stripInvisible(sample)))),
              ),
            ),
          ),
        ),
      ),
    );
    expect(normalize(sample)).toBe(composed);
  });

  it('returns the same string when nothing changes', () => {
    const s = 'نص بسيط بدون تغيير 123';
    expect(normalize(s)).toBe(s);
  });

  it('keeps astral characters (emoji) intact', () => {
    expect(normalize('خبر 📰 عاجل')).toBe('خبر 📰 عاجل');
  });
});

describe('normalizeUnit', () => {
  it('says what normalize makes of every UTF-16 unit', () => {
    for (let code = 0; code < 0x10000; code++) {
      const whole = normalize(String.fromCharCode(code));
      const unit = normalizeUnit(code);
      if (whole.length === 0) expect(unit, code.toString(16)).toBe(-1);
      else if (whole.length === 1) expect(unit, code.toString(16)).toBe(whole.charCodeAt(0));
      else expect(unit, code.toString(16)).toBe(-2);
    }
    expect(normalizeUnit('أ'.charCodeAt(0))).toBe('ا'.charCodeAt(0));
    expect(normalizeUnit(0x064e)).toBe(-1); // a fatha is deleted
    expect(normalizeUnit('…'.charCodeAt(0))).toBe(-2); // "..."
  });
});
