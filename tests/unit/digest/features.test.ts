import { describe, expect, it } from 'vitest';
import {
  contentFingerprint,
  createVocabulary,
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
