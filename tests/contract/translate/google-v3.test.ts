/**
 * The real v3 TranslationServiceClient, over REST, against the fake Translation server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import {
  createTranslator,
  toArabicQuery,
  translateDigest,
  v3ClientOptions,
  type ManagedTranslator,
  type TranslatorDeps,
} from '../../../src/translate/index.js';
import { sampleDigest } from '../../../src/translate/sample-digest.js';
import {
  startFakeTranslateServer,
  type FakeTranslateServer,
  type Misbehaviour,
} from '../../../src/testkit/fake-translate-server.js';
import { memoryStore } from '../../support/failing-store.js';

const KEY = 'AIzaTestKey-v3-0123456789';
const NOW = new Date('2026-11-29T08:00:00Z');
let server: FakeTranslateServer;
const open: ManagedTranslator[] = [];

beforeAll(async () => {
  server = await startFakeTranslateServer({ key: KEY });
});
afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
  await server.close();
});
beforeEach(() => {
  server.behave('ok');
  server.reset();
});

async function translator(over: Partial<TranslatorDeps> = {}) {
  const store = await memoryStore();
  const t = createTranslator(
    { provider: 'google-v3', projectId: 'khulasa-test', location: 'global', apiKey: KEY },
    {
      store,
      log: silentLogger(),
      now: () => NOW,
      dailyCharLimit: 1_000_000,
      userDailyCharLimit: 50_000,
      endpoint: server.url,
      retries: 3,
      retryBaseDelayMs: 5,
      timeoutMs: 2000,
      ...over,
    },
  );
  open.push(t);
  return { t, store };
}

const translations = () => server.requests.filter((r) => r.method === 'translate');

describe('google-v3 through the real client (REST)', () => {
  it('always passes projectId, so the auth library never looks for a metadata server', () => {
    expect(v3ClientOptions({ projectId: 'p-123456', location: 'global' })).toEqual({
      projectId: 'p-123456',
    });
    expect(
      v3ClientOptions({
        projectId: 'p-123456',
        location: 'global',
        endpoint: 'http://127.0.0.1:9999',
        apiKey: 'k',
      }),
    ).toEqual({
      projectId: 'p-123456',
      apiKey: 'k',
      fallback: true,
      protocol: 'http',
      apiEndpoint: '127.0.0.1',
      port: 9999,
    });
  });

  it('translates a digest as text/plain in one request, then from the cache', async () => {
    const { t } = await translator();
    const digest = sampleDigest(NOW);
    const first = await translateDigest(digest, 'fr', t);
    expect(first.outcome.fallback).toBeUndefined();
    expect(translations()).toHaveLength(1);
    expect(translations()[0]).toMatchObject({
      api: 'v3',
      format: 'text/plain',
      source: 'ar',
      target: 'fr',
    });
    expect(first.digest.stories[1]!.points[1]).toContain('3.1٪');
    expect(first.outcome.chars).toBe(server.chars);
    const second = await translateDigest(digest, 'fr', t);
    expect(second.outcome.chars).toBe(0);
    expect(translations()).toHaveLength(1);
  });

  it('keeps requests within 1,024 segments', async () => {
    const { t } = await translator();
    const texts = Array.from({ length: 2100 }, (_, i) => `نص ${i}`);
    const out = await t.translate(texts, { from: 'ar', to: 'en' });
    expect(out.fallback).toBeUndefined();
    expect(server.violations).toEqual([]);
    expect(translations().map((r) => r.segments)).toEqual([1024, 1024, 52]);
  });

  it.each<Misbehaviour>([
    'rate-limit',
    'server-error',
    'unavailable',
    'quota',
    'malformed',
    'drop',
  ])('retries after %s and then succeeds', async (kind) => {
    const { t } = await translator();
    server.behave(kind, { times: 1 });
    const out = await t.translate(['خبر عاجل'], { from: 'ar', to: 'en' });
    expect(out).toMatchObject({ texts: ['[en] خبر عاجل'], chars: 8 });
    expect(translations()).toHaveLength(2);
  });

  it('times out a slow answer without paying for it twice: no retry, the original comes back', async () => {
    const { t } = await translator({ timeoutMs: 200 });
    server.behave('slow', { times: 1, delayMs: 1500 });
    const started = Date.now();
    const out = await t.translate(['خبر بطيء'], { from: 'ar', to: 'en' });
    expect(out).toMatchObject({ texts: ['خبر بطيء'], fallback: 'error' });
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('falls back on a refused key without retrying', async () => {
    const { t } = await translator();
    server.behave('forbidden');
    const out = await t.translate(['خبر'], { from: 'ar', to: 'en' });
    expect(out).toMatchObject({ texts: ['خبر'], fallback: 'error' });
    expect(translations()).toHaveLength(1);
  });

  it('detects, translates queries into Arabic and lists languages', async () => {
    const { t } = await translator();
    expect(await t.detect('Привет, мир')).toEqual({ language: 'ru', confidence: 0.9 });
    expect(await toArabicQuery('Gaza ceasefire', t, 1)).toEqual({
      // The fake server answers in Latin letters: the glossary stands in.
      query: 'غزة وقف إطلاق النار',
      language: 'en',
    });
    expect(await t.supportedLanguages()).toContain('zh');
  });
});
