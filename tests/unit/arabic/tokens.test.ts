import { describe, expect, it } from 'vitest';
import {
  STOPWORDS,
  arabicRatio,
  countTokens,
  isArabic,
  isStopword,
  normalize,
  stem,
  TokenNumbers,
  termIds,
  terms,
  tokenize,
} from '../../../src/arabic/index.js';

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

  it('gives a name in -ين the stem of its spelling without the ي', () => {
    // One outlet writes بوتن, the others بوتين: one person, one term.
    expect(stem('بوتين')).toBe(stem('بوتن'));
    expect(stem('وبوتين')).toBe(stem('بوتن'));
    expect(stem('لبوتين')).toBe(stem('لبوتن'));
    expect(stem('كوهين')).toBe(stem('كوهن'));
    // A dual or plural in -ين keeps losing it, and a word whose -ن form is another word stays apart.
    expect(stem('يومين')).toBe('يوم');
    expect(stem('معلمين')).toBe('معلم');
    expect(stem('اليمين')).not.toBe(stem('اليمن'));
  });
});

describe('stopwords', () => {
  it.each(['في', 'من', 'علي', 'الي', 'التي', 'الذي', 'هذا', 'وفي', 'ان', 'كان'])(
    '%j is a stopword',
    (w) => {
      expect(isStopword(w)).toBe(true);
    },
  );

  // "Near" and "against" are prepositions in all but name: "قتلى قرب الحدود" (killed near the
  // border) heads a Turkish strike on Kurds and a Houthi loss on the Saudi border alike.
  it.each(['قرب', 'بالقرب', 'بحق'])('%j (near, against) is a stopword', (w) => {
    expect(isStopword(w)).toBe(true);
  });

  it.each(['حكومه', 'زياره', 'مليون', 'افغانستان', 'قال'])('%j is not a stopword', (w) => {
    expect(isStopword(w)).toBe(false);
  });

  it('holds only normalized forms', () => {
    for (const w of STOPWORDS) expect(normalize(w)).toBe(w);
  });
});

describe('terms', () => {
  it('normalizes, drops stopwords and one-letter tokens, and stems', () => {
    expect(terms('وأعلنت الرئاسة الروسية في بيان لها عن خطة و')).toEqual([
      'اعلنت',
      'رئاس',
      'روس',
      'بيان',
      'خطه',
    ]);
  });

  it('gives the same terms for spelling variants', () => {
    expect(terms('الأمم المتحدة')).toEqual(terms('الامم المتحده'));
    expect(terms('مستشفى')).toEqual(terms('مستشفي'));
    expect(terms('مُسْتَشْفَى')).toEqual(terms('مستشفى'));
  });

  it('is stable across calls (cached) and keeps numbers', () => {
    const a = terms('أطلقت الشركة 300 سيارة كهربائية عام 2021');
    const b = terms('أطلقت الشركة 300 سيارة كهربائية عام 2021');
    expect(a).toEqual(b);
    expect(a).toContain('300');
  });

  it('handles a token too long to cache, twice', () => {
    const long = 'ب'.repeat(70_000);
    expect(terms(`${long} بيان ${long}`)).toEqual([long, 'بيان', long]);
    const ids: number[] = [];
    const seen = new Map<string, number>();
    const id = (t: string) => seen.get(t) ?? (seen.set(t, seen.size), seen.size - 1);
    termIds(`${long} بيان ${long}`, { id }, ids);
    expect(ids).toEqual([0, 1, 0]);
  });

  it('gives a name written in two words the term of the name written as one', () => {
    const joined = terms('فيسبوك')[0]!;
    expect(terms('تحقيق في فيس بوك')).toContain(joined);
    expect(terms('نيو يورك')).toContain(terms('نيويورك')[0]);
    // only when the two words are next to each other, in that order
    expect(terms('فيس ثم بوك')).not.toContain(joined);
    expect(terms('بوك فيس')).not.toContain(joined);
  });

  it('handles empty and punctuation-only text', () => {
    expect(terms('')).toEqual([]);
    expect(terms('،.؟!')).toEqual([]);
  });
});

describe('termIds', () => {
  const dictionary = () => {
    const ids = new Map<string, number>();
    const seen: string[] = [];
    return {
      seen,
      id(term: string) {
        seen.push(term);
        let id = ids.get(term);
        if (id === undefined) ids.set(term, (id = ids.size));
        return id;
      },
    };
  };
  const text = 'وأعلنت الرئاسة الروسية في بيان لها عن خطة 300 و 3.5 بيان الرئاسة';

  it('gives the ids of the terms, in order', () => {
    const d = dictionary();
    const out: number[] = [];
    termIds(text, d, out);
    const check = dictionary();
    expect(out).toEqual(terms(text).map((t) => check.id(t)));
  });

  it('gives the ids of a name in two words as terms does, also when the words were seen before', () => {
    for (const t of ['قالت فيس بوك إن', 'فيس بوك فيس بوك', 'فيس في بوك', 'يو تيوب']) {
      const out: number[] = [];
      termIds(t, dictionary(), out);
      const check = dictionary();
      expect(out).toEqual(terms(t).map((x) => check.id(x)));
    }
  });

  it('remembers ids per dictionary, so a repeated token is not looked up again', () => {
    const a = dictionary();
    const b = dictionary();
    b.id('zzz'); // b numbers terms differently from a
    const outA: number[] = [];
    const outB: number[] = [];
    termIds(text, a, outA);
    // بيان and الرئاسة come twice: the second time costs no lookup.
    expect(a.seen.length).toBe(terms(text).length - 2);
    termIds(text, b, outB);
    termIds(text, a, outA);
    expect(outA.slice(outA.length / 2)).toEqual(outA.slice(0, outA.length / 2));
    expect(outB).toEqual(outA.slice(0, outA.length / 2).map((x) => x + 1));
  });

  it('tells apart tokens that share their first eight letters, and odd lengths', () => {
    // Longer tokens are compared beyond the part kept in the table's slot.
    const words = ['والمفاوضات', 'والمفاوضين', 'والمفاوضون', 'والمفاوضاتي', 'مدرسة', 'مدرستان'];
    const expected = words.map((w) => stem(normalize(w)));
    expect(new Set(expected).size).toBeGreaterThan(3);
    expect(terms(words.join(' '))).toEqual(expected);
    expect(terms([...words].reverse().join(' '))).toEqual([...expected].reverse());
  });

  it('keeps ids right when the table of seen tokens starts over', () => {
    const d = dictionary();
    const before: number[] = [];
    termIds(text, d, before);
    const asked = d.seen.length;
    // More distinct tokens than the table keeps (about half a million) make it start over;
    // these words are their own terms (no affixes, no letters that normalization changes).
    const letters = [...'بتثجحخدذرزسشصضطظعغفقكلمن'];
    const chunk: string[] = [];
    for (let i = 0; i < 600_000; i++) {
      let x = i;
      let w = 'ق';
      for (let k = 0; k < 5; k++) {
        w += letters[x % letters.length];
        x = Math.floor(x / letters.length);
      }
      chunk.push(w);
      if (chunk.length === 50_000) {
        const got: number[] = [];
        termIds(chunk.join(' '), d, got);
        expect(got).toEqual(chunk.map((t) => d.id(t)));
        chunk.length = 0;
      }
    }
    const after: number[] = [];
    termIds(text, d, after);
    expect(after).toEqual(before);
    // The table started over, so the dictionary was asked again (and answered the same).
    const askedAgain = d.seen.filter((t, k) => k >= asked && terms(text).includes(t));
    expect(askedAgain.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('TokenNumbers', () => {
  const numbering = () => {
    const asked: string[] = [];
    const numbers = new TokenNumbers((token) => asked.push(token) - 1);
    const scan = (text: string, limit?: number): string[] => {
      const out: string[] = [];
      numbers.scan(
        text,
        (k, start, end) => {
          // The number names the token the scan is at.
          expect(asked[k]).toBe(text.slice(start, end));
          out.push(asked[k]!);
        },
        limit,
      );
      return out;
    };
    return { asked, scan };
  };

  it('numbers the tokens tokenize cuts, asking once per distinct token', () => {
    const { asked, scan } = numbering();
    const text = 'قال الرئيس: «نعم» 3.5% وقال الرئيس نعم، قال';
    expect(scan(text)).toEqual(tokenize(text));
    expect(asked).toEqual([...new Set(tokenize(text))]);
    expect(scan('نعم قال')).toEqual(['نعم', 'قال']);
    expect(asked.length).toBe(new Set(tokenize(text)).size);
  });

  it('stops at the limit as if the text were cut there', () => {
    const { scan } = numbering();
    const text = 'الأمم المتحدة تدعو إلى وقف';
    expect(scan(text, 9)).toEqual(tokenize(text.slice(0, 9)));
  });

  it('tells apart tokens that share their first eight letters, long ones included', () => {
    const { asked, scan } = numbering();
    const long = 'ب'.repeat(70);
    const words = ['والمفاوضات', 'والمفاوضين', 'والمفاوضات', long, `${long}ت`, long];
    expect(scan(words.join(' '))).toEqual(words);
    // A token too long to keep is asked each time it comes.
    expect(asked.filter((t) => t === long)).toHaveLength(2);
    expect(asked.filter((t) => t === 'والمفاوضات')).toHaveLength(1);
  });

  it('keeps its own numbers while the caller scans other texts for terms', () => {
    const asked: string[] = [];
    const numbers = new TokenNumbers((token) => {
      terms(`${token} في بيان آخر`); // another scan inside
      return asked.push(token) - 1;
    });
    const text = 'بيان الرئاسة بيان';
    const out: string[] = [];
    numbers.scan(text, (k) => out.push(asked[k]!));
    expect(out).toEqual(tokenize(text));
    // The second بيان is found, not asked again.
    expect(asked).toEqual(['بيان', 'الرئاسة']);
  });

  it('refuses a number that is not a whole number from 0', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 31]) {
      const numbers = new TokenNumbers(() => bad);
      expect(() => numbers.scan('بيان', () => undefined)).toThrow(RangeError);
    }
  });
});

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
