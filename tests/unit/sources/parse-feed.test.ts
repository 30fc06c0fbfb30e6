import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/sources/encoding.js';
import { FeedParseError } from '../../../src/sources/errors.js';
import { parseFeed, parseFeedDate } from '../../../src/sources/parse-feed.js';
import { FIXTURES_DIR, sourceFile, type FeedCase } from '../../fixtures/feeds/update-expected.js';

const slugs = readdirSync(FIXTURES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('golden feed fixtures (tests/fixtures/feeds/<slug>)', () => {
  it('has a case for each format and each encoding', () => {
    const formats = new Set(
      slugs.map(
        (s) =>
          (
            JSON.parse(readFileSync(join(FIXTURES_DIR, s, 'expected.json'), 'utf8')) as {
              feed: { format: string };
            }
          ).feed.format,
      ),
    );
    expect([...formats].sort()).toEqual(['atom', 'json', 'rss1', 'rss2']);
    for (const enc of ['windows-1256', 'iso-8859-6', 'utf8-bom', 'utf16le-bom', 'http-charset']) {
      expect(slugs.some((s) => s.includes(enc))).toBe(true);
    }
  });

  it.each(slugs)('%s parses to expected.json', (slug) => {
    const c = JSON.parse(
      readFileSync(join(FIXTURES_DIR, slug, 'expected.json'), 'utf8'),
    ) as FeedCase;
    const text = decodeBody(readFileSync(sourceFile(slug)), c.contentType);
    expect(parseFeed(text, { url: c.url })).toEqual(c.feed);
  });
});

const rss = (items: string, head = '') =>
  `<?xml version="1.0"?>${head}<rss version="2.0"><channel><title>t</title><link>https://ex.example/</link>${items}</channel></rss>`;

describe('parseFeed refuses what it cannot trust', () => {
  it('refuses a billion-laughs feed instead of expanding it', () => {
    const levels = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join('');
    const bomb = rss(
      '<item><title>&lol9;</title></item>',
      `<!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]>`,
    );
    const started = Date.now();
    expect(() => parseFeed(bomb, { url: 'https://bomb.example/rss' })).toThrowError(FeedParseError);
    expect(Date.now() - started).toBeLessThan(1000);
    try {
      parseFeed(bomb, { url: 'https://bomb.example/rss' });
    } catch (err) {
      expect((err as FeedParseError).name).toBe('FeedParseError');
      expect((err as FeedParseError).url).toBe('https://bomb.example/rss');
      expect((err as Error).message).toMatch(/entity/);
    }
  });

  it.each([
    ['external entity', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '&x;'],
    ['parameter entity', '<!DOCTYPE r [<!ENTITY % p "x">]>', 't'],
    [
      'too many declarations',
      `<!DOCTYPE r [${Array.from({ length: 30 }, (_, i) => `<!ENTITY e${i} "v">`).join('')}]>`,
      '&e1;',
    ],
  ])('refuses %s', (_name, head, title) => {
    expect(() => parseFeed(rss(`<item><title>${title}</title></item>`, head))).toThrowError(
      FeedParseError,
    );
  });

  it('stops a flat expansion flood at the parser limit', () => {
    const head = `<!DOCTYPE r [<!ENTITY a "${'a'.repeat(1000)}">]>`;
    expect(() =>
      parseFeed(rss(`<item><title>${'&a;'.repeat(5000)}</title></item>`, head)),
    ).toThrowError(FeedParseError);
  });

  it('expands a small harmless internal entity', () => {
    const feed = parseFeed(
      rss('<item><title>&site; اليوم</title></item>', '<!DOCTYPE r [<!ENTITY site "الموقع">]>'),
    );
    expect(feed.items[0]!.title).toBe('الموقع اليوم');
  });

  it.each([
    ['unclosed tag', '<rss><channel><item><title>x</item></channel></rss>'],
    ['truncated document', rss('<item><title>x</title></item>').slice(0, 90)],
    [
      'raw HTML inside a description',
      rss('<item><title>a</title><description><p>x<br></p></description></item>'),
    ],
    ['plain text', 'hello'],
    ['an HTML page', '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>'],
    ['an unknown root', '<?xml version="1.0"?><urlset><url/></urlset>'],
    ['malformed JSON', '{"version": '],
    ['JSON that is not a JSON Feed', '{"items": []}'],
  ])('throws FeedParseError on %s', (_name, text) => {
    expect(() => parseFeed(text, { url: 'https://bad.example/feed' })).toThrowError(FeedParseError);
  });

  it('reads bare ampersands in links (the commonest real-world flaw)', () => {
    const feed = parseFeed(
      rss('<item><title>a & b</title><link>https://ex.example/?a=1&b=2</link></item>'),
    );
    expect(feed.items[0]).toMatchObject({ title: 'a & b', url: 'https://ex.example/?a=1&b=2' });
  });

  it('gives an empty list for an empty feed, and caps long feeds', () => {
    expect(parseFeed(rss('')).items).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `<item><title>${i}</title></item>`).join('');
    expect(parseFeed(rss(many), { maxItems: 10 }).items).toHaveLength(10);
  });

  it('ignores non-http links and keeps items without links', () => {
    const feed = parseFeed(rss('<item><title>a</title><link>javascript:alert(1)</link></item>'), {
      url: 'https://ex.example/rss',
    });
    expect(feed.items[0]!.url).toBeUndefined();
  });
});

describe('parseFeedDate', () => {
  it.each([
    ['Sat, 28 Nov 2026 10:00:00 GMT', '2026-11-28T10:00:00.000Z'],
    ['Sat, 28 Nov 2026 10:00:00 +0300', '2026-11-28T07:00:00.000Z'],
    ['Sat, 28 Nov 2026 10:00:00 EEST', '2026-11-28T07:00:00.000Z'],
    ['2026-11-28T10:00:00+02:00', '2026-11-28T08:00:00.000Z'],
    ['2026-11-28 10:00:00', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28', '2026-11-28T00:00:00.000Z'],
    ['السبت، 28 نوفمبر 2026 ١٠:٣٠:٠٠ GMT', '2026-11-28T10:30:00.000Z'],
    ['12 تشرين الثاني 2026 08:00:00 +0200', '2026-11-12T06:00:00.000Z'],
  ])('%s → %s', (raw, iso) => {
    expect(parseFeedDate(raw)).toBe(iso);
  });

  it.each(['', 'yesterday', 'Sat, 99 Foo 2026', '0001-01-01T00:00:00Z'])('leaves %j out', (raw) => {
    expect(parseFeedDate(raw)).toBeUndefined();
  });
});
