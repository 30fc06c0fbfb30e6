import { describe, expect, it } from 'vitest';
import {
  articleId,
  canonicalUrl,
  normalizeForIdentity,
  slugify,
  textFingerprint,
} from '../../../src/sources/canonical.js';

describe('canonicalUrl', () => {
  it.each([
    ['https://ex.example/a?utm_source=rss&utm_medium=feed&id=7', 'https://ex.example/a?id=7'],
    ['https://ex.example/a?fbclid=XYZ', 'https://ex.example/a'],
    ['https://ex.example/a?gclid=1&msclkid=2&mc_cid=3&_ga=4', 'https://ex.example/a'],
    ['https://ex.example/a#comments', 'https://ex.example/a'],
    ['HTTPS://EX.example:443/a/', 'https://ex.example/a'],
    ['http://ex.example:80/', 'http://ex.example/'],
    ['https://ex.example/a?b=2&a=1', 'https://ex.example/a?a=1&b=2'],
    ['https://ex.example/%D8%AE%D8%A8%D8%B1', 'https://ex.example/%D8%AE%D8%A8%D8%B1'],
    ['https://ex.example/خبر', 'https://ex.example/%D8%AE%D8%A8%D8%B1'],
    ['not a url', 'not a url'],
  ])('%s → %s', (raw, canonical) => {
    expect(canonicalUrl(raw)).toBe(canonical);
  });
});

describe('articleId', () => {
  it('is the same for URLs that differ only by tracking and fragment', () => {
    const a = articleId({ url: 'https://ex.example/n/1?utm_source=x#top', sourceId: 'a' });
    const b = articleId({ url: 'https://ex.example/n/1', sourceId: 'b', guid: 'other' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{24}$/);
  });

  it('uses the guid (scoped to the source) when there is no URL', () => {
    expect(articleId({ guid: '42', sourceId: 'a' })).toBe(articleId({ guid: '42', sourceId: 'a' }));
    expect(articleId({ guid: '42', sourceId: 'a' })).not.toBe(
      articleId({ guid: '42', sourceId: 'b' }),
    );
  });

  it('falls back to the content', () => {
    const x = articleId({ sourceId: 's', title: 't', text: 'x' });
    expect(x).toBe(articleId({ sourceId: 's', title: 't', text: 'x' }));
    expect(x).not.toBe(articleId({ sourceId: 's', title: 't', text: 'y' }));
  });
});

describe('textFingerprint', () => {
  const body =
    'قال المتحدث باسم الوزارة إن الحكومة ستطلق خطة جديدة لدعم المزارعين المتضررين من الجفاف، وتشمل الخطة قروضاً ميسرة وبذوراً محسنة.';
  it('ignores diacritics, tatweel, alef forms, punctuation, spacing and digit shapes', () => {
    const variant = `  ${body.replace('قال', 'قَالَ').replace('الحكومة', 'الحكـــومة').replace('إن', 'ان').replace('،', ' - ')}\n`;
    expect(textFingerprint(variant)).toBe(textFingerprint(body));
    expect(normalizeForIdentity('عام ٢٠٢٦')).toBe(normalizeForIdentity('عام 2026'));
  });
  it('differs for different texts and is undefined for short teasers', () => {
    expect(textFingerprint(body)).not.toBe(textFingerprint(`${body} وأضاف أن التنفيذ يبدأ غداً.`));
    expect(textFingerprint('خبر قصير')).toBeUndefined();
  });
});

describe('slugify', () => {
  it.each([
    ['BBC Arabic', 'bbc-arabic'],
    ['https://www.example.com/rss/', 'www-example-com-rss'],
  ])('%s → %s', (text, slug) => expect(slugify(text)).toBe(slug));
  it('gives a stable id to text without Latin letters', () => {
    expect(slugify('الجزيرة')).toMatch(/^source-[0-9a-f]{8}$/);
    expect(slugify('الجزيرة')).toBe(slugify('الجزيرة'));
  });
});
