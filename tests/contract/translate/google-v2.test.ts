/**
 * The real @google-cloud/translate v2 client against the fake Translation server: requests are
 * plain text within the API's limits, misbehaviour is retried or turned into a fallback, and
 * the cache and the budget hold.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import {
  createGoogleV2Provider,
  createTranslator,
  digestSegments,
  toArabicQuery,
  translateDigest,
  type TranslatorDeps,
} from '../../../src/translate/index.js';
import { sampleDigest } from '../../../src/translate/sample-digest.js';
import {
  startFakeTranslateServer,
  type FakeTranslateServer,
  type Misbehaviour,
} from '../../../src/testkit/fake-translate-server.js';
import { memoryStore } from '../../support/failing-store.js';

const KEY = 'AIzaTestKey-0123456789';
const NOW = new Date('2026-11-29T08:00:00Z');
let server: FakeTranslateServer;

beforeAll(async () => {
  server = await startFakeTranslateServer({ key: KEY });
});
afterAll(() => server.close());
beforeEach(() => {
  server.behave('ok');
  server.reset();
});

async function translator(over: Partial<TranslatorDeps> = {}) {
  const store = await memoryStore();
  const t = createTranslator(
    { provider: 'google-v2', apiKey: KEY },
    {
      store,
      log: silentLogger(),
      now: () => NOW,
      dailyCharLimit: 1_000_000,
      userDailyCharLimit: 50_000,
      endpoint: server.v2Url,
      retries: 3,
      retryBaseDelayMs: 5,
      timeoutMs: 2000,
      ...over,
    },
  );
  return { t, store };
}

const translations = () => server.requests.filter((r) => r.method === 'translate');

describe('google-v2 through the real client', () => {
  it('translates a digest in one plain-text request and keeps its structure', async () => {
    const { t } = await translator();
    const digest = sampleDigest(NOW);
    const { digest: en, outcome } = await translateDigest(digest, 'en', t);
    expect(outcome.fallback).toBeUndefined();
    expect(translations()).toHaveLength(1);
    expect(translations()[0]).toMatchObject({
      api: 'v2',
      format: 'text',
      source: 'ar',
      target: 'en',
      status: 200,
    });
    expect(outcome.chars).toBe(server.chars);
    expect(en.stories[0]!.title).toBe(`[en] ${digest.stories[0]!.title}`);
    expect(en.stories.map((s) => s.id)).toEqual(digest.stories.map((s) => s.id));
  });

  it('sends 0 characters when the same digest is translated again', async () => {
    const { t } = await translator();
    const digest = sampleDigest(NOW);
    const first = await translateDigest(digest, 'en', t);
    const sent = server.chars;
    expect(sent).toBeGreaterThan(0);
    const second = await translateDigest(digest, 'en', t);
    expect(second.outcome).toMatchObject({ chars: 0, cached: digestSegments(digest).length });
    expect(server.chars).toBe(sent);
    expect(second.digest).toEqual(first.digest);
  });

  it('never lets the library switch to HTML', async () => {
    const { t } = await translator();
    const text = '<b>عاجل</b> & "مهم" \'اليوم\'';
    const out = await t.translate([text, 'ثاني'], { from: 'ar', to: 'en' });
    expect(translations()[0]!.format).toBe('text');
    // In HTML mode the service would have answered with &amp; &quot; &#39;.
    expect(out.texts[0]).toBe(`[en] ${text}`);
  });

  it('protects URLs and numbers, and restores them', async () => {
    const { t } = await translator();
    const out = await t.translate(['قتل ١٢ شخصا، التفاصيل https://example.org/a?x=1.'], {
      from: 'ar',
      to: 'en',
    });
    const sent = translations()[0]!.texts[0]!;
    expect(sent).not.toMatch(/https|١٢/);
    expect(out.texts[0]).toBe('[en] قتل 12 شخصا، التفاصيل https://example.org/a?x=1.');
  });

  it('keeps every request within 128 segments and 5,000 characters', async () => {
    const { t } = await translator({ concurrency: 2 });
    const texts = Array.from({ length: 700 }, (_, i) => `خبر رقم ${'أ'.repeat(i % 40)} ${i}`);
    const out = await t.translate(texts, { from: 'ar', to: 'fr' });
    expect(out.fallback).toBeUndefined();
    expect(server.violations).toEqual([]);
    expect(translations().length).toBeGreaterThanOrEqual(6);
    for (const r of translations()) {
      expect(r.segments).toBeLessThanOrEqual(128);
      expect(r.chars).toBeLessThanOrEqual(5000);
    }
    expect(out.texts[699]).toBe(`[fr] ${texts[699]}`);
  });

  it.each<[Misbehaviour, number]>([
    ['rate-limit', 429],
    ['server-error', 500],
    ['unavailable', 503],
    ['quota', 403],
    ['malformed', 200],
    ['drop', 0],
  ])('retries after %s and then succeeds', async (kind) => {
    const { t, store } = await translator();
    server.behave(kind, { times: 2 });
    const out = await t.translate(['خبر عاجل'], { from: 'ar', to: 'en' });
    expect(out).toMatchObject({ texts: ['[en] خبر عاجل'], chars: 8 });
    expect(out.fallback).toBeUndefined();
    expect(translations()).toHaveLength(3);
    expect(await store.counters.get('translate:chars:2026-11-29')).toBe(8);
  });

  it('times out a slow answer without paying for it twice: no retry, the original comes back', async () => {
    const { t } = await translator({ timeoutMs: 200 });
    server.behave('slow', { times: 1, delayMs: 1500 });
    const started = Date.now();
    const out = await t.translate(['خبر بطيء'], { from: 'ar', to: 'en' });
    expect(out).toMatchObject({ texts: ['خبر بطيء'], fallback: 'error' });
    expect(Date.now() - started).toBeLessThan(1400);
    expect(translations()).toHaveLength(1);
  });

  it('falls back to the originals when the service keeps failing, and refunds the budget', async () => {
    const { t, store } = await translator({ retries: 2 });
    server.behave('server-error');
    const digest = sampleDigest(NOW);
    const out = await translateDigest(digest, 'en', t);
    expect(out.digest).toBe(digest);
    expect(out.outcome.fallback).toBe('error');
    expect(translations()).toHaveLength(3);
    await t.flush();
    expect(await store.counters.get('translate:chars:2026-11-29')).toBe(0);
  });

  it('does not retry a refused key', async () => {
    const { t } = await translator();
    server.behave('forbidden');
    const out = await t.translate(['خبر'], { from: 'ar', to: 'en' });
    expect(out.fallback).toBe('error');
    expect(translations()).toHaveLength(1);
  });

  it('stops at the daily limit: the originals come back and nothing more is sent', async () => {
    const digest = sampleDigest(NOW);
    const { t } = await translator({ dailyCharLimit: 500 });
    const out = await translateDigest(digest, 'en', t);
    expect(out.outcome.fallback).toBe('budget');
    expect(out.digest).toBe(digest);
    expect(server.received).toBe(0);
  });

  it('detects languages, translates queries into Arabic, and lists languages', async () => {
    const { t } = await translator();
    expect(await t.detect('Привет, мир')).toEqual({ language: 'ru', confidence: 0.9 });
    expect(await toArabicQuery('Afghanistan', t, 5)).toEqual({
      // The fake server answers in Latin letters ("[ar] Afghanistan"): the glossary stands in.
      query: 'أفغانستان',
      language: 'en',
    });
    expect(translations().at(-1)).toMatchObject({ source: undefined, target: 'ar' });
    expect(await t.supportedLanguages()).toContain('fr');
  });

  it('honours GOOGLE_CLOUD_TRANSLATE_ENDPOINT, which the library reads', async () => {
    const before = process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT;
    process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT = `${server.v2Url}/`;
    try {
      const p = createGoogleV2Provider({ apiKey: KEY });
      const out = await p.translateBatch(['خبر'], 'ar', 'en', 2000);
      expect(out.texts).toEqual(['[en] خبر']);
      expect(server.requests).toHaveLength(1);
    } finally {
      if (before === undefined) delete process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT;
      else process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT = before;
    }
  });
});
