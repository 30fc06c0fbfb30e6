import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { collectArticles, runIngest, type RunIngestDeps } from '../../../src/sources/index.js';
import { createStore } from '../../../src/store/index.js';
import type { Source, Store } from '../../../src/store/types.js';
import { FIXTURES_DIR, sourceFile, type FeedCase } from '../../fixtures/feeds/update-expected.js';
import {
  big,
  drip,
  hang,
  redirect,
  rssFeed,
  serve,
  startServer,
  status,
  type TestServer,
} from './feed-server.js';

const HTTP = { totalTimeoutMs: 1500, connectTimeoutMs: 1000 };
const DAY = 24 * 3600_000;
const long = (lead: string) =>
  `${lead} وقال مسؤولون إن الإجراءات الجديدة ستطبق على مراحل خلال الأشهر المقبلة، مع مراجعة دورية للنتائج ونشر تقارير شهرية للجمهور حول التقدم المحرز في التنفيذ.`;
const WIRE = long('أعلنت وزارة النقل تشغيل خط حافلات سريع يربط المطار بوسط المدينة.');

let server: TestServer;
let now: Date;
let store: Store;

const pub = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3600_000).toUTCString();

beforeAll(async () => {
  server = await startServer({
    '/a.xml': serve(
      rssFeed('Outlet A', [
        {
          title: 'خبر أول',
          link: 'https://a.example/n/1?utm_source=rss',
          description: long('خبر أول من المنفذ أ.'),
          pubDate: pub(2),
        },
        {
          title: 'خبر الحافلات',
          link: 'https://a.example/n/2',
          description: WIRE,
          pubDate: pub(3),
        },
        {
          title: 'خبر أول مكرر',
          link: 'https://a.example/n/1#comments',
          description: long('نسخة مكررة.'),
          pubDate: pub(2),
        },
      ]),
    ),
    '/b.xml': serve(
      rssFeed('Outlet B', [
        {
          title: 'الحافلات السريعة',
          link: 'https://b.example/story/9',
          description: WIRE,
          pubDate: pub(1),
        },
        {
          title: 'رابط المنفذ أ نفسه',
          link: 'https://a.example/n/1',
          description: long('نشر المنفذ ب الرابط نفسه.'),
          pubDate: pub(1),
        },
        {
          title: 'خبر خاص بالمنفذ ب',
          guid: 'b-only-1',
          description: long('خبر خاص.'),
          pubDate: pub(1),
        },
      ]),
    ),
    '/404': status(404),
    '/500': status(500),
    '/hang': hang,
    '/drip': drip(50),
    '/big': big(6 * 1024 * 1024, false),
    '/malformed': serve('<?xml version="1.0"?><rss><channel><item><title>x</item></channel>'),
    '/bomb': serve(
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><item><title>&c;</title></item></channel></rss>`,
    ),
    '/empty': serve(rssFeed('Empty', [])),
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('/loop-a'),
    '/etag.xml': serve(
      rssFeed('E', [
        { title: 'ثابت', link: 'https://e.example/1', description: 'نص', pubDate: pub(1) },
      ]),
      'application/rss+xml',
      { etag: '"e1"' },
    ),
    '/teasers.xml': serve(
      rssFeed('Teasers', [
        { title: 'مقال طويل', link: `/page/1`, description: 'مقدمة قصيرة…', pubDate: pub(1) },
      ]),
    ),
    '/page/1': serve(
      `<html lang="ar"><head><title>مقال طويل</title></head><body><nav>قائمة</nav><article><h1>مقال طويل</h1><p>${long('الفقرة الأولى من المقال الكامل.')}</p><p>${long('الفقرة الثانية من المقال الكامل.')}</p></article></body></html>`,
      'text/html; charset=utf-8',
    ),
    '/home': serve(
      '<html><head><link rel="alternate" type="application/rss+xml" href="/a.xml"><title>Home</title></head><body><p>home</p></body></html>',
      'text/html',
    ),
    '/article.html': serve(
      `<html><head><title>صفحة</title></head><body><article><h1>صفحة خبر واحد</h1><p>${long('نص الصفحة.')}</p></article></body></html>`,
      'text/html',
    ),
  });
  for (const slug of readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)) {
    const c = JSON.parse(
      readFileSync(join(FIXTURES_DIR, slug, 'expected.json'), 'utf8'),
    ) as FeedCase;
    server.route(`/fmt/${slug}`, serve(readFileSync(sourceFile(slug)), c.contentType));
  }
});

afterAll(() => server.close());

beforeEach(async () => {
  now = new Date();
  store = await createStore('memory://');
});
afterEach(() => store.close());

const src = (id: string, path: string, extra: Partial<Source> = {}): Source => ({
  id,
  name: id.toUpperCase(),
  url: `${server.url}${path}`,
  kind: 'feed',
  ...extra,
});

const deps = (sources: Source[], extra: Partial<RunIngestDeps> = {}): RunIngestDeps => ({
  store,
  log: silentLogger(),
  now: () => now,
  sources,
  allowPrivate: true,
  ttlMs: 7 * DAY,
  ...extra,
});

describe('runIngest onStored', () => {
  it('hands over each newly stored article once, and never again on the next pass', async () => {
    const seen: string[] = [];
    const onStored = async (articles: { id: string }[]) => {
      seen.push(...articles.map((a) => a.id));
    };
    const first = await runIngest(deps([src('a', '/a.xml'), src('b', '/b.xml')], { onStored }), {
      force: true,
    });
    expect(first.articles).toBeGreaterThan(0);
    expect(seen.length).toBe(first.articles);
    expect(new Set(seen).size).toBe(seen.length);
    const stored = await store.articles.listSince(new Date(now.getTime() - DAY));
    expect([...seen].sort()).toEqual(stored.map((a) => a.id).sort());
    await runIngest(deps([src('a', '/a.xml'), src('b', '/b.xml')], { onStored }), {
      force: true,
    });
    expect(seen.length).toBe(first.articles);
  });

  it('stores the articles even when the hook fails', async () => {
    const report = await runIngest(
      deps([src('a', '/a.xml')], { onStored: () => Promise.reject(new Error('down')) }),
      { force: true },
    );
    expect(report.articles).toBeGreaterThan(0);
    expect((await store.articles.listSince(new Date(now.getTime() - DAY))).length).toBe(
      report.articles,
    );
  });
});

describe('runIngest', () => {
  it('reads every source; broken ones fail alone with a reason', async () => {
    const sources = [
      src('a', '/a.xml'),
      src('not-found', '/404'),
      src('server-error', '/500'),
      src('hangs', '/hang'),
      src('drips', '/drip'),
      src('oversized', '/big'),
      src('malformed', '/malformed'),
      src('bomb', '/bomb'),
      src('empty', '/empty'),
      src('loop', '/loop-a'),
      src('b', '/b.xml'),
    ];
    const progress: string[] = [];
    const started = Date.now();
    const report = await runIngest(deps(sources), {
      http: HTTP,
      onProgress: (r) => progress.push(r.id),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    const by = Object.fromEntries(report.sources.map((r) => [r.id, r]));
    expect(report.sources.map((r) => r.id)).toEqual(sources.map((s) => s.id));
    expect(progress.sort()).toEqual(sources.map((s) => s.id).sort());
    expect(by.a).toMatchObject({ status: 'ok', items: 3 });
    expect(by.b).toMatchObject({ status: 'ok', items: 3 });
    expect(by.empty).toMatchObject({ status: 'ok', items: 0, new: 0 });
    expect(by['not-found']).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('HTTP 404'),
    });
    expect(by['server-error']).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('HTTP 500'),
    });
    expect(by.hangs!.error).toMatch(/timed out/);
    expect(by.drips!.error).toMatch(/timed out/);
    expect(by.oversized!.error).toMatch(/larger than/);
    expect(by.malformed!.error).toMatch(/malformed XML/);
    expect(by.bomb!.error).toMatch(/entity/);
    expect(by.loop!.error).toMatch(/redirect loop/);

    // a: n/1 twice (utm and fragment differ) is one article; b repeats a's URL and a's text.
    expect(by.a!.new + by.b!.new).toBe(3);
    expect(report.articles).toBe(3);
    const stored = await store.articles.listSince(new Date(now.getTime() - DAY));
    expect(stored).toHaveLength(3);
    const wire = stored.find((x) => x.text === WIRE)!;
    const other = wire.sourceId === 'a' ? 'b' : 'a';
    expect(wire.alsoIn).toEqual([
      expect.objectContaining({ sourceId: other, name: other.toUpperCase() }),
    ]);
    const first = stored.find((x) => x.url === 'https://a.example/n/1')!;
    expect(first.id).toMatch(/^[0-9a-f]{24}$/);

    const states = Object.fromEntries((await store.feeds.all()).map((s) => [s.sourceId, s]));
    expect(states.a).toMatchObject({ status: 'ok', failures: 0, items: 3 });
    expect(states['not-found']).toMatchObject({
      failures: 1,
      lastError: expect.stringContaining('404'),
    });
    expect(await store.meta.get('ingest:last')).toMatchObject({
      articles: 3,
      sources: 11,
      failed: 8,
    });
  });

  it('parses every fixture format and encoding end to end', async () => {
    const slugs = readdirSync(FIXTURES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    const report = await runIngest(deps(slugs.map((s) => src(s, `/fmt/${s}`))), { http: HTTP });
    for (const r of report.sources) {
      const c = JSON.parse(
        readFileSync(join(FIXTURES_DIR, r.id, 'expected.json'), 'utf8'),
      ) as FeedCase;
      expect(r, r.id).toMatchObject({
        status: 'ok',
        items: (c.feed as { items: unknown[] }).items.length,
      });
    }
    const stored = await store.articles.listSince(new Date(0));
    const titles = stored.map((a) => a.title);
    expect(titles).toContain('تدشين محطة لتحلية المياه في المدينة الساحلية');
    expect(titles).toContain('افتتاح مكتبة عامة جديدة في الحي القديم');
    expect(titles).toContain('طريق جديد يصل القرى الجبلية');
    for (const a of stored) {
      expect(Date.parse(a.publishedAt)).toBeLessThanOrEqual(now.getTime());
      expect(a.url).not.toMatch(/utm_|fbclid|gclid|#/);
    }
  });

  it('stores articles with the given expiry', async () => {
    const ttls: number[] = [];
    const putMany = store.articles.putMany.bind(store.articles);
    store.articles.putMany = (articles, ttlMs) => {
      ttls.push(ttlMs);
      return putMany(articles, ttlMs);
    };
    await runIngest(deps([src('a', '/a.xml')], { ttlMs: 3 * DAY }), { http: HTTP });
    expect(ttls).toEqual([3 * DAY]);
  });

  it('uses a conditional GET on the next pass and reports not-modified', async () => {
    const first = await runIngest(deps([src('e', '/etag.xml')]), { http: HTTP });
    expect(first.sources[0]).toMatchObject({ status: 'ok', items: 1, new: 1 });
    expect((await store.feeds.get('e'))!.etag).toBe('"e1"');
    const second = await runIngest(deps([src('e', '/etag.xml')]), { http: HTTP, force: true });
    expect(second.sources[0]).toMatchObject({ status: 'not-modified', items: 0, new: 0 });
    expect(
      server.requests.filter((r) => r.path === '/etag.xml').at(-1)!.headers['if-none-match'],
    ).toBe('"e1"');
    expect((await store.feeds.get('e'))!.items).toBe(1);
  });

  it('counts known articles as not new on the next pass', async () => {
    await runIngest(deps([src('a', '/a.xml')]), { http: HTTP });
    const again = await runIngest(deps([src('a', '/a.xml')]), { http: HTTP, force: true });
    expect(again.sources[0]).toMatchObject({ status: 'ok', items: 3, new: 0 });
    expect(again.articles).toBe(0);
  });

  it('backs off a failing source exponentially and marks it failing after 3 failures', async () => {
    const s = src('down', '/500');
    const t0 = now.getTime();
    await runIngest(deps([s]), { http: HTTP });
    let state = (await store.feeds.get('down'))!;
    expect(state).toMatchObject({ failures: 1, status: 'new', failingSince: now.toISOString() });
    expect(state.nextTryAt).toBeUndefined();

    const second = await runIngest(deps([s]), { http: HTTP });
    expect(second.sources[0]!.status).toBe('failed');
    state = (await store.feeds.get('down'))!;
    expect(state.failures).toBe(2);
    expect(Date.parse(state.nextTryAt!)).toBe(t0 + 5 * 60_000);

    const skipped = await runIngest(deps([s]), { http: HTTP });
    expect(skipped.sources[0]).toMatchObject({
      status: 'skipped',
      error: expect.stringContaining('backing off'),
    });

    now = new Date(t0 + 6 * 60_000);
    await runIngest(deps([s]), { http: HTTP });
    state = (await store.feeds.get('down'))!;
    expect(state).toMatchObject({
      failures: 3,
      status: 'failing',
      failingSince: new Date(t0).toISOString(),
    });
    expect(Date.parse(state.nextTryAt!)).toBe(now.getTime() + 10 * 60_000);
    expect((await store.feeds.all()).find((f) => f.sourceId === 'down')!.status).toBe('failing');

    // The source comes back: state resets.
    server.route(
      '/flaky',
      serve(rssFeed('Back', [{ title: 'عاد', link: 'https://x.example/1', description: 'نص' }])),
    );
    now = new Date(t0 + 60 * 60_000);
    await runIngest(deps([{ ...s, url: `${server.url}/flaky` }]), { http: HTTP });
    state = (await store.feeds.get('down'))!;
    expect(state).toMatchObject({ failures: 0, status: 'ok' });
    expect([state.nextTryAt, state.failingSince, state.lastError]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('skips a source that is not due yet unless forced', async () => {
    const s = src('slow', '/a.xml', { intervalMinutes: 60 });
    await runIngest(deps([s]), { http: HTTP });
    now = new Date(now.getTime() + 10 * 60_000);
    expect((await runIngest(deps([s]), { http: HTTP })).sources[0]!.status).toBe('skipped');
    expect((await runIngest(deps([s]), { http: HTTP, force: true })).sources[0]!.status).toBe('ok');
  });

  it('fetches the full text of teaser items when the source asks, once', async () => {
    const s = src('teasers', '/teasers.xml', { fullText: true });
    await runIngest(deps([s]), { http: HTTP });
    const [article] = await store.articles.listSince(new Date(now.getTime() - DAY));
    expect(article!.text).toContain('الفقرة الأولى من المقال الكامل.');
    expect(article!.text).toContain('الفقرة الثانية');
    expect(article!.text).not.toContain('قائمة');
    const pageHits = () => server.requests.filter((r) => r.path === '/page/1').length;
    const hits = pageHits();
    await runIngest(deps([s]), { http: HTTP, force: true });
    expect(pageHits()).toBe(hits);
  });

  it('keeps teasers when full text is not asked for', async () => {
    await runIngest(deps([src('teasers', '/teasers.xml')]), { http: HTTP });
    const [article] = await store.articles.listSince(new Date(now.getTime() - DAY));
    expect(article!.text).toBe('مقدمة قصيرة…');
  });

  it('refuses private addresses unless allowed', async () => {
    const before = server.requests.length;
    const report = await runIngest(deps([src('local', '/a.xml')], { allowPrivate: false }), {
      http: HTTP,
    });
    expect(report.sources[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/private or local address/),
    });
    expect(server.requests.length).toBe(before);
  });
});

describe('collectArticles', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'khulasa-collect-'));
    writeFileSync(
      join(dir, 'items.jsonl'),
      `${JSON.stringify({ id: 'j1', title: 'من ملف', text: WIRE, source: 'Wire Copy', publishedAt: new Date(Date.now() - 3600_000 * 5).toISOString() })}\n`,
    );
    writeFileSync(
      join(dir, 'sources.json'),
      JSON.stringify({
        sources: [{ id: 'b-from-file', name: 'B', url: `${server.url}/b.xml`, kind: 'feed' }],
      }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads URLs, files and sources files; dedups; reports each', async () => {
    const { articles, reports } = await collectArticles(
      [
        `${server.url}/a.xml`,
        join(dir, 'items.jsonl'),
        join(dir, 'sources.json'),
        join(dir, 'missing.jsonl'),
        `${server.url}/404`,
      ],
      { now: new Date(), http: HTTP },
    );
    expect(reports.map((r) => r.status).sort()).toEqual(['failed', 'failed', 'ok', 'ok', 'ok']);
    expect(reports.find((r) => r.url.endsWith('missing.jsonl'))!.error).toMatch(/ENOENT/);
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    expect(articles.filter((a) => a.text === WIRE)).toHaveLength(1);
    expect(articles.find((a) => a.text === WIRE)!.alsoIn!.length).toBe(2);
    const times = articles.map((a) => a.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('follows the feed an HTML page advertises, and reads a plain page as one article', async () => {
    const home = await collectArticles([`${server.url}/home`], { now: new Date(), http: HTTP });
    expect(home.reports[0]).toMatchObject({ status: 'ok', items: 3 });
    const page = await collectArticles([`${server.url}/article.html`], {
      now: new Date(),
      http: HTTP,
    });
    expect(page.articles).toHaveLength(1);
    expect(page.articles[0]!.title).toBe('صفحة خبر واحد');
  });

  it('refuses private addresses when told to', async () => {
    const r = await collectArticles([`${server.url}/a.xml`], {
      now: new Date(),
      allowPrivate: false,
      http: HTTP,
    });
    expect(r.reports[0]!.status).toBe('failed');
  });
});
