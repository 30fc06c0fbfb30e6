import { describe, expect, it } from 'vitest';
import { ArticleSchema } from '../../../src/domain.js';
import { loadBundledSamples } from '../../../src/sources/samples.js';
import { dedupArticles } from '../../../src/sources/dedup.js';
import type { Article } from '../../../src/domain.js';

describe('loadBundledSamples', () => {
  const now = new Date('2030-06-15T09:00:00Z');
  const samples = loadBundledSamples(now);

  it('gives 10 to 14 valid Arabic articles', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
    expect(samples.length).toBeLessThanOrEqual(14);
    for (const a of samples) {
      expect(ArticleSchema.parse(a)).toEqual(a);
      expect(a.language).toBe('ar');
      expect(a.text.length).toBeGreaterThan(200);
    }
    expect(new Set(samples.map((a) => a.id)).size).toBe(samples.length);
  });

  it('re-dates them into the day before now, newest 20 minutes ago', () => {
    const times = samples.map((a) => Date.parse(a.publishedAt));
    expect(Math.max(...times)).toBe(now.getTime() - 20 * 60_000);
    expect(Math.min(...times)).toBeGreaterThan(now.getTime() - 24 * 3600_000);
    expect(samples.every((a) => a.fetchedAt === now.toISOString())).toBe(true);
    const later = loadBundledSamples(new Date(now.getTime() + 3600_000));
    expect(later.map((a) => a.id)).toEqual(samples.map((a) => a.id));
  });

  it('covers several events from several outlets, one wire copy kept once', () => {
    const outlets = new Set(samples.map((a) => a.sourceName));
    expect(outlets.size).toBeGreaterThanOrEqual(3);
    const events = new Map<string, Set<string>>();
    for (const a of samples) {
      const event = a.id
        .replace(/^sample-/, '')
        .replace(/-(alofuq|almadar|alraseef|alwaha)$/, '')
        .replace(/-ngos$/, '');
      events.set(event, (events.get(event) ?? new Set()).add(a.sourceId));
    }
    const multi = [...events.values()].filter((s) => s.size >= 2);
    expect(multi.length).toBeGreaterThanOrEqual(3);
    expect([...events.values()].some((s) => s.size >= 3)).toBe(true);
    const wire = samples.filter((a) => a.alsoIn?.length);
    expect(wire).toHaveLength(1);
    expect(wire[0]!.alsoIn![0]!.name).not.toBe(wire[0]!.sourceName);
  });
});

describe('dedupArticles', () => {
  const base: Article = {
    id: 'a',
    url: 'https://one.example/a',
    sourceId: 'one',
    sourceName: 'One',
    title: 'عنوان',
    text: 'نص '.repeat(80),
    publishedAt: '2026-11-28T10:00:00.000Z',
    fetchedAt: '2026-11-28T10:00:00.000Z',
    language: 'ar',
  };
  it('keeps the first of the same id and of the same text, recording other outlets once', () => {
    const out = dedupArticles([
      base,
      { ...base, sourceId: 'one-sport', sourceName: 'One' },
      {
        ...base,
        id: 'b',
        url: 'https://two.example/b',
        sourceId: 'two',
        sourceName: 'Two',
        title: 'عنوان آخر',
      },
      { ...base, id: 'c', url: 'https://two.example/c', sourceId: 'two', sourceName: 'Two' },
      { ...base, id: 'd', text: 'نص مختلف '.repeat(40), sourceId: 'three', sourceName: 'Three' },
    ]);
    expect(out.map((a) => a.id)).toEqual(['a', 'd']);
    expect(out[0]!.alsoIn).toEqual([
      { sourceId: 'two', name: 'Two', url: 'https://two.example/b' },
    ]);
    expect(out[1]).not.toHaveProperty('alsoIn');
    expect(base).not.toHaveProperty('alsoIn');
  });
});
