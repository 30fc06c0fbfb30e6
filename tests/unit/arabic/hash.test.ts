import { describe, expect, it } from 'vitest';
import {
  hashBreak,
  hashTokens,
  hashValue,
  newTokenHash,
  termIds,
} from '../../../src/arabic/index.js';

const hashOf = (...parts: string[]): number => {
  const h = newTokenHash();
  parts.forEach((part, k) => {
    if (k > 0) hashBreak(h);
    hashTokens(part, h);
  });
  return hashValue(h);
};

describe('hashTokens', () => {
  it('gives equal hashes for the same words in the same order, whatever the punctuation', () => {
    expect(hashOf('قال الوزير: «الخطة جاهزة» 3.5')).toBe(hashOf('قال  الوزير الخطة، جاهزة 3.5!'));
  });

  it.each<[string, string]>([
    ['قال الوزير', 'الوزير قال'],
    ['قال الوزير', 'قال الوزيرة'],
    ['قال الوزير', 'قال'],
    ['3.5 مليون', '35 مليون'],
    ['report 2021', 'report 2022'],
  ])('tells %j from %j', (a, b) => {
    expect(hashOf(a)).not.toBe(hashOf(b));
  });

  it('counts the tokens it took', () => {
    const h = newTokenHash();
    hashTokens('قال: «نعم» 3.5%', h);
    expect(h.tokens).toBe(3);
  });

  it('reads only the first `limit` characters, as if the text were cut there', () => {
    const a = newTokenHash();
    hashTokens('قال الوزير اليوم', a, 'قال الوزير'.length);
    expect(hashValue(a)).toBe(hashOf('قال الوزير'));
  });

  it('adds up: two calls hash as one text', () => {
    const h = newTokenHash();
    hashTokens('قال الوزير', h);
    hashTokens('اليوم', h);
    expect(hashValue(h)).toBe(hashOf('قال الوزير اليوم'));
  });

  it('keeps words from moving across a break unnoticed', () => {
    expect(hashOf('عنوان الخبر', 'نص')).not.toBe(hashOf('عنوان', 'الخبر نص'));
    expect(hashOf('عنوان', 'الخبر')).not.toBe(hashOf('عنوان الخبر'));
  });

  it('stays a whole number below 2^53', () => {
    const v = hashOf('قال الوزير اليوم إن الخطة جاهزة');
    expect(Number.isSafeInteger(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
  });

  it('is what termIds leaves in its digest for the same text', () => {
    const text = 'وأعلنت الرئاسة الروسية في بيان لها عن خطة 300 و 3.5';
    const digest = newTokenHash();
    termIds(text, { id: () => 0 }, [], text.length, digest);
    const direct = newTokenHash();
    hashTokens(text, direct);
    expect(digest).toEqual(direct);
  });
});
