/**
 * Two faults seen while running the service: a page with nothing but a headline became an
 * "article", and an unsafe item link became an empty source link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectArticles } from '../../src/sources/index.js';
import { parseFeed } from '../../src/sources/parse-feed.js';
import { serve, startServer, type TestServer } from '../contract/sources/feed-server.js';

const HTTP = { totalTimeoutMs: 1500, connectTimeoutMs: 1000 };
const BODY =
  'أعلنت البلدية افتتاح حديقة عامة جديدة في الحي الشرقي بعد عامين من العمل. وقال رئيس البلدية إن الحديقة ستفتح أبوابها يوميا من السادسة صباحا حتى العاشرة مساء، وإن الدخول مجاني للجميع.';

const page = (inner: string) =>
  `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>عنوان</title></head><body>${inner}</body></html>`;

const feedWithLink = (link: string, site = 'https://site.example/') =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>منفذ</title><link>${site}</link>
<item><title>حديقة جديدة</title><link>${link}</link><description>${BODY}</description></item></channel></rss>`;

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/headline-only.html': serve(page('<h1>عنوان بلا نص</h1>'), 'text/html; charset=utf-8'),
    '/empty.html': serve(page(''), 'text/html; charset=utf-8'),
    '/real.html': serve(
      page(`<article><h1>حديقة جديدة</h1><p>${BODY}</p><p>${BODY}</p></article>`),
      'text/html; charset=utf-8',
    ),
    '/js-link.xml': serve(feedWithLink('javascript:alert(1)')),
    '/data-link.xml': serve(feedWithLink('data:text/html,hi')),
    '/js-link-no-site.xml': serve(feedWithLink('javascript:alert(1)', 'javascript:void(0)')),
  });
});
afterAll(() => server.close());

describe('an HTML page with no article text', () => {
  it.each(['/headline-only.html', '/empty.html'])(
    '%s is a failed source saying "no article text found", not an article',
    async (path) => {
      const r = await collectArticles([`${server.url}${path}`], { now: new Date(), http: HTTP });
      expect(r.articles).toEqual([]);
      expect(r.reports).toHaveLength(1);
      expect(r.reports[0]!.status).toBe('failed');
      expect(r.reports[0]!.error).toMatch(/no article text found/);
    },
  );

  it('a page with a body is still read as one article', async () => {
    const r = await collectArticles([`${server.url}/real.html`], { now: new Date(), http: HTTP });
    expect(r.reports[0]!.status).toBe('ok');
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0]!.text).toContain('الحديقة');
  });
});

describe('an item link with an unsafe scheme', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' data:text/html,x',
    'vbscript:x',
    'file:///etc/passwd',
  ])('parseFeed drops %j and keeps the item and the site link', (link) => {
    const feed = parseFeed(feedWithLink(link), { url: 'https://feeds.example/rss' });
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]!.url).toBeUndefined();
    expect(feed.items[0]!.title).toBe('حديقة جديدة');
    expect(feed.link).toBe('https://site.example/');
  });

  it('the stored article points at the site, and its title and text are kept', async () => {
    const r = await collectArticles([`${server.url}/js-link.xml`, `${server.url}/data-link.xml`], {
      now: new Date(),
      http: HTTP,
    });
    expect(r.reports.map((x) => x.status)).toEqual(['ok', 'ok']);
    expect(r.articles.length).toBeGreaterThanOrEqual(1);
    for (const a of r.articles) {
      expect(a.url).toBe('https://site.example/');
      expect(a.title).toBe('حديقة جديدة');
      expect(a.text).toContain('الحديقة');
    }
  });

  it('two unsafe items of one feed stay two articles (the site link is not their identity)', async () => {
    const two = `<?xml version="1.0"?><rss version="2.0"><channel><title>منفذ</title><link>https://site.example/</link>
<item><title>حديقة جديدة</title><link>javascript:a()</link><description>${BODY}</description></item>
<item><title>مكتبة جديدة</title><link>javascript:b()</link><description>افتتحت مكتبة عامة في وسط المدينة تضم آلاف الكتب، وقال مديرها إن الاشتراك مجاني لطلاب المدارس.</description></item></channel></rss>`;
    server.route('/two-unsafe.xml', serve(two));
    const r = await collectArticles([`${server.url}/two-unsafe.xml`], {
      now: new Date(),
      http: HTTP,
    });
    expect(r.articles).toHaveLength(2);
    expect(new Set(r.articles.map((a) => a.id)).size).toBe(2);
    expect(r.articles.map((a) => a.url)).toEqual([
      'https://site.example/',
      'https://site.example/',
    ]);
  });

  it('with no safe site link either, the article has no link at all', async () => {
    const r = await collectArticles([`${server.url}/js-link-no-site.xml`], {
      now: new Date(),
      http: HTTP,
    });
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0]!.url).toBe('');
    expect(JSON.stringify(r.articles[0])).not.toMatch(/javascript/i);
  });
});
