import { describe, expect, it } from 'vitest';
import {
  addFrequencies,
  articleTermCounts,
  contentFingerprint,
  createVocabulary,
  documentFrequencies,
  skeleton,
  tailOf,
  termCountTable,
  termIdCounts,
} from '../../../src/digest/features.js';
import { syntheticArticles } from '../../../src/digest/synthetic.js';

describe('termCountTable', () => {
  const articles = syntheticArticles(60, { seed: 9 });

  it('gives the same counts as termIdCounts, article by article', () => {
    const table = termCountTable(articles, {}, createVocabulary());
    const { docs, vocabSize } = termIdCounts(articles, {}, createVocabulary());
    expect(table.vocabSize).toBe(vocabSize);
    docs.forEach((doc, d) => {
      const from = table.offsets[d]!;
      const to = table.offsets[d + 1]!;
      expect([...table.ids.subarray(from, to)]).toEqual([...doc.ids]);
      expect([...table.counts.subarray(from, to)]).toEqual([...doc.counts]);
    });
  });

  it('gives each article its content fingerprint from the same scan', () => {
    const fingerprints = new Float64Array(articles.length);
    termCountTable(articles, {}, createVocabulary(), fingerprints);
    expect([...fingerprints]).toEqual(articles.map((a) => contentFingerprint(a)));
    expect(new Set(fingerprints).size).toBe(articles.length);
  });
});

describe('createVocabulary', () => {
  it('numbers its own terms from 0, folding spelling variants, whatever others have seen', () => {
    const first = createVocabulary();
    expect([first.id('ترامب'), first.id('بيان'), first.id('ترمب')]).toEqual([0, 1, 0]);
    const second = createVocabulary();
    expect([second.id('بيان'), second.id('ترمب'), second.id('ترامب')]).toEqual([0, 1, 1]);
    expect(second.key(1)).toBe(first.key(0));
    expect(second.size).toBe(2);
    const plain = createVocabulary({ skeletons: false });
    expect([plain.id('ترمب'), plain.id('ترامب')]).toEqual([0, 1]);
  });

  it('keeps its ids when a later vocabulary starts a fresh shared numbering', () => {
    const old = createVocabulary();
    expect(old.id('ترامب')).toBe(0);
    // Past the shared numbering's bound: the next vocabulary starts a new one.
    const filler = createVocabulary();
    for (let i = 0; i < 1 << 19; i++) filler.id(`term${i}`);
    const fresh = createVocabulary();
    expect(fresh.id('بيان')).toBe(0);
    expect([old.id('ترمب'), old.id('بيان'), old.id('ترامب')]).toEqual([0, 1, 0]);
    expect(old.key(1)).toBe(fresh.key(0));
    expect(filler.id('term7')).toBe(filler.id('term7'));
    expect(filler.size).toBe(1 << 19);
  });
});

describe('contentFingerprint', () => {
  const base = {
    title: 'زلزال قوي يضرب جنوب تركيا',
    text: 'ضرب زلزال قوي، بلغت شدته 6.1 درجة، جنوب تركيا فجر اليوم.',
  };

  it('ignores spacing and punctuation, not words', () => {
    const spaced = {
      title: 'زلزال  قوي يضرب جنوب تركيا',
      text: 'ضرب زلزال قوي - بلغت شدته 6.1 درجة - جنوب\nتركيا فجر اليوم',
    };
    expect(contentFingerprint(spaced)).toBe(contentFingerprint(base));
    const otherNumber = { ...base, text: base.text.replace('6.1', '6.4') };
    expect(contentFingerprint(otherNumber)).not.toBe(contentFingerprint(base));
    const negated = { ...base, text: `لم ${base.text}` };
    expect(contentFingerprint(negated)).not.toBe(contentFingerprint(base));
  });

  it('keeps title and text apart', () => {
    const moved = { title: 'زلزال قوي يضرب جنوب', text: `تركيا ${base.text}` };
    const original = { title: 'زلزال قوي يضرب جنوب تركيا', text: base.text };
    expect(contentFingerprint(moved)).not.toBe(contentFingerprint(original));
  });

  it('reads only the part of the text that term extraction reads', () => {
    const long = { ...base, text: `${base.text} ${'كلمة '.repeat(400)}` };
    const updatedAtTheEnd = { ...long, text: `${long.text} تحديث: ارتفع عدد المصابين.` };
    expect(contentFingerprint(updatedAtTheEnd)).toBe(contentFingerprint(long));
    expect(contentFingerprint(updatedAtTheEnd, { maxTextChars: 100_000 })).not.toBe(
      contentFingerprint(long, { maxTextChars: 100_000 }),
    );
  });
});

describe('reading the whole text', () => {
  const start = 'أعلن الجيش سيطرته على المدينة بعد معارك عنيفة استمرت أياما. ';
  const text = `${start.repeat(3)}وفي ختام التقرير ذكرت المصادر أن اللاجئين عادوا إلى بيوتهم.`;
  const cut = start.length * 3 + 4;

  it.each([
    ['splits after the word cut at the limit', text, cut, text.slice(text.indexOf(' ', cut))],
    ['gives nothing when the text is short', 'نص قصير', 1200, ''],
    ['gives nothing when the cut word is the last', 'نص قصير جدا', 9, ''],
  ])('tailOf %s', (_name, input, max, expected) => {
    expect(tailOf(input, max)).toBe(expected);
  });

  it('counts terms after maxTextChars at tailWeight, and not at all by default', () => {
    const a = { title: 'عنوان', text };
    const refugees = skeleton('لاجئ');
    const off = articleTermCounts(a, { maxTextChars: cut });
    const on = articleTermCounts(a, { maxTextChars: cut, tailWeight: 0.5 });
    expect(off.get(refugees)).toBeUndefined();
    expect(on.get(refugees)).toBe(0.5);
    const table = termCountTable([a], { maxTextChars: cut, tailWeight: 0.5 }, createVocabulary());
    expect([...table.counts].reduce((x, y) => x + y, 0)).toBeCloseTo(
      [...on.values()].reduce((x, y) => x + y, 0),
    );
  });
});

describe('documentFrequencies', () => {
  const docs = [
    { title: 'زلزال في تركيا', text: 'ضرب زلزال قوي جنوب تركيا.' },
    { title: 'انتخابات في تركيا', text: 'بدأ التصويت في انتخابات البلديات.' },
    { title: 'مباراة القمة', text: 'فاز الفريق في المباراة.' },
  ];

  it('counts each article once per term, keyed by skeleton', () => {
    const { docs: n, df } = documentFrequencies(docs);
    expect(n).toBe(3);
    expect(df.get(skeleton('تركيا'))).toBe(2);
    expect(df.get(skeleton('زلزال'))).toBe(1);
    expect(df.get(skeleton('فريق'))).toBe(1);
  });

  it('adds tables term by term', () => {
    const sum = addFrequencies([documentFrequencies(docs.slice(0, 2)), documentFrequencies(docs)]);
    expect(sum.docs).toBe(5);
    expect(sum.df.get(skeleton('تركيا'))).toBe(4);
    expect(sum.df.get(skeleton('فريق'))).toBe(1);
  });
});
