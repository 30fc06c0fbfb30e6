import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import {
  createTranslator,
  toArabicQuery,
  translateDigest,
  translationUsage,
  usageKeys,
  type TranslatorDeps,
} from '../../../src/translate/index.js';
import { sampleDigest } from '../../../src/translate/sample-digest.js';
import { apiError, scriptedProvider, type ScriptedProvider } from './fake-provider.js';
import { memoryStore } from '../../support/failing-store.js';

const NOW = new Date('2026-11-29T10:00:00Z');

async function setup(
  over: Partial<TranslatorDeps> = {},
  provider: ScriptedProvider = scriptedProvider(),
) {
  const store = await memoryStore();
  const translator = createTranslator(
    { provider: 'google-v2', apiKey: 'unused-key-123' },
    {
      store,
      log: silentLogger(),
      now: () => NOW,
      dailyCharLimit: 1_000_000,
      userDailyCharLimit: 10_000,
      sleep: async () => {},
      provider,
      ...over,
    },
  );
  return { store, translator, provider };
}

describe('translator: cache', () => {
  it('sends a text once; the second call is served from the cache with 0 characters', async () => {
    const { translator, provider } = await setup();
    const first = await translator.translate(['مرحبا بالعالم', 'خبر'], { from: 'ar', to: 'en' });
    expect(first).toMatchObject({
      texts: ['[en] مرحبا بالعالم', '[en] خبر'],
      chars: 16,
      cached: 0,
    });
    expect(first.fallback).toBeUndefined();
    const second = await translator.translate(['خبر', 'مرحبا بالعالم'], { from: 'ar', to: 'en' });
    expect(second).toMatchObject({
      texts: ['[en] خبر', '[en] مرحبا بالعالم'],
      chars: 0,
      cached: 2,
    });
    expect(provider.calls).toHaveLength(1);
  });

  it('keys the cache by target language and provider', async () => {
    const { translator, provider, store } = await setup();
    await translator.translate(['خبر'], { from: 'ar', to: 'en' });
    await translator.translate(['خبر'], { from: 'ar', to: 'fr' });
    expect(provider.calls.map((c) => c.to)).toEqual(['en', 'fr']);
    const written = store
      .callsTo('translations.setMany')
      .flatMap((c) => (c.args[0] as { key: string }[]).map((e) => e.key));
    const keys = [...new Set(written)];
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^google-v2:ar:en:[0-9a-f]{64}$/);
    expect((await store.translations.getMany(keys)).every((v) => v !== undefined)).toBe(true);
  });

  it('sends duplicate texts of one call once', async () => {
    const { translator, provider } = await setup();
    const out = await translator.translate(['خبر', 'خبر', 'خبر'], { from: 'ar', to: 'en' });
    expect(out.texts).toEqual(['[en] خبر', '[en] خبر', '[en] خبر']);
    expect(provider.calls[0]!.texts).toEqual(['خبر']);
    expect(out.chars).toBe(3);
  });

  it('lets 1,000 concurrent readers of one language share one request', async () => {
    const provider = scriptedProvider();
    provider.delayMs = 20;
    const { translator } = await setup({}, provider);
    const digest = sampleDigest(NOW);
    const outs = await Promise.all(
      Array.from({ length: 1000 }, () => translateDigest(digest, 'en', translator)),
    );
    expect(provider.calls).toHaveLength(1);
    expect(outs.reduce((n, o) => n + o.outcome.chars, 0)).toBe(provider.chars);
    expect(outs.filter((o) => o.outcome.chars === 0)).toHaveLength(999);
    expect(outs.every((o) => o.digest.language === 'en' && !o.outcome.fallback)).toBe(true);
  });

  it('serves what it has seen from memory when the store fails, and sends nothing new', async () => {
    const { translator, store, provider } = await setup();
    await translator.translate(['خبر'], { from: 'ar', to: 'en' });
    store.fail(['translations', 'counters']);
    const seen = await translator.translate(['خبر'], { from: 'ar', to: 'en' });
    expect(seen).toMatchObject({ texts: ['[en] خبر'], chars: 0, cached: 1 });
    // The budget lives in the same store: without it nothing is sent.
    const fresh = await translator.translate(['خبر آخر'], { from: 'ar', to: 'en' });
    expect(fresh).toMatchObject({ texts: ['خبر آخر'], fallback: 'error', chars: 0 });
    expect(provider.calls).toHaveLength(1);
  });

  it('reads the shared cache written by another instance', async () => {
    const { translator, store, provider } = await setup();
    await translator.translate(['خبر'], { from: 'ar', to: 'en' });
    const other = createTranslator(
      { provider: 'google-v2', apiKey: 'unused-key-123' },
      {
        store,
        log: silentLogger(),
        now: () => NOW,
        dailyCharLimit: 100,
        userDailyCharLimit: 100,
        provider,
      },
    );
    expect(await other.translate(['خبر'], { from: 'ar', to: 'en' })).toMatchObject({
      chars: 0,
      cached: 1,
    });
    expect(provider.calls).toHaveLength(1);
  });

  it('does not send texts with nothing to translate, and localises their digits', async () => {
    const { translator, provider } = await setup();
    const out = await translator.translate(['٢٠٢٦', '', 'https://example.org/a'], {
      from: 'ar',
      to: 'en',
    });
    expect(out.texts).toEqual(['2026', '', 'https://example.org/a']);
    expect(out.chars).toBe(0);
    expect(provider.calls).toHaveLength(0);
  });

  it('returns the same language unchanged without a call', async () => {
    const { translator, provider } = await setup();
    const out = await translator.translate(['خبر'], { from: 'ar', to: 'ar' });
    expect(out).toMatchObject({ texts: ['خبر'], chars: 0, cached: 0 });
    expect(provider.calls).toHaveLength(0);
  });
});

describe('translator: budget', () => {
  it('falls back to the originals past the daily limit, and counts what was sent', async () => {
    const { translator, store, provider } = await setup({ dailyCharLimit: 20 });
    const a = await translator.translate(['مرحبا بالعالم'], { from: 'ar', to: 'en' });
    expect(a.chars).toBe(13);
    const b = await translator.translate(['نص طويل بعض الشيء'], { from: 'ar', to: 'en' });
    expect(b).toMatchObject({ texts: ['نص طويل بعض الشيء'], fallback: 'budget', chars: 0 });
    expect(provider.calls).toHaveLength(1);
    expect(await store.counters.get(usageKeys.chars('2026-11-29'))).toBe(13);
    // Cached texts are still served past the limit: they cost nothing.
    const c = await translator.translate(['مرحبا بالعالم'], { from: 'ar', to: 'en' });
    expect(c).toMatchObject({ texts: ['[en] مرحبا بالعالم'], chars: 0, cached: 1 });
    expect(c.fallback).toBeUndefined();
  });

  it('limits each reader on demand, without touching other readers', async () => {
    const { translator, store } = await setup({ userDailyCharLimit: 15 });
    const a = await translator.translate(['سؤال أول'], { to: 'en', chatId: 7 });
    expect(a.fallback).toBeUndefined();
    const b = await translator.translate(['سؤال ثان أطول'], { to: 'en', chatId: 7 });
    expect(b).toMatchObject({ fallback: 'reader-budget', texts: ['سؤال ثان أطول'] });
    const c = await translator.translate(['سؤال ثان أطول'], { to: 'en', chatId: 8 });
    expect(c.fallback).toBeUndefined();
    expect(await store.counters.get(usageKeys.reader('2026-11-29', 7))).toBe(8);
    // The refused reservation was given back to the day's total.
    expect(await store.counters.get(usageKeys.chars('2026-11-29'))).toBe(8 + 13);
  });

  it('starts a new budget on the next UTC day', async () => {
    let now = new Date('2026-11-29T23:59:00Z');
    const { translator } = await setup({ dailyCharLimit: 6, now: () => now });
    expect(
      (await translator.translate(['كلمة'], { from: 'ar', to: 'en' })).fallback,
    ).toBeUndefined();
    expect((await translator.translate(['كلمتان'], { from: 'ar', to: 'en' })).fallback).toBe(
      'budget',
    );
    now = new Date('2026-11-30T00:00:30Z');
    expect(
      (await translator.translate(['كلمتان'], { from: 'ar', to: 'en' })).fallback,
    ).toBeUndefined();
  });

  it('reports usage for admins', async () => {
    const { translator, store } = await setup({ dailyCharLimit: 100 });
    await translator.translate(['مرحبا'], { from: 'ar', to: 'en' });
    await translator.translate(['مرحبا'], { from: 'ar', to: 'en' });
    await translator.translate(['نص'], { to: 'en', chatId: 3 });
    await translator.flush();
    const usage = await translationUsage(store, NOW, { chatId: 3 });
    expect(usage).toMatchObject({
      day: '2026-11-29',
      today: 7,
      limit: 100,
      remaining: 93,
      userLimit: 10_000,
      yesterday: 0,
      cachedToday: 1,
      reader: 2,
    });
  });
});

describe('translator: failures', () => {
  it('retries 429, 5xx and 403 rate limits, then succeeds', async () => {
    const provider = scriptedProvider();
    provider.failures.push(
      apiError(429),
      apiError(503),
      apiError(403, 'User Rate Limit Exceeded', 'userRateLimitExceeded'),
    );
    const { translator } = await setup({ retries: 3 }, provider);
    const out = await translator.translate(['خبر'], { from: 'ar', to: 'en' });
    expect(out).toMatchObject({ texts: ['[en] خبر'], chars: 3 });
    expect(provider.calls).toHaveLength(4);
  });

  it('gives up after the retries with the originals and fallback "error", refunding the budget', async () => {
    const provider = scriptedProvider();
    provider.failures.push(...Array.from({ length: 5 }, () => apiError(500)));
    const { translator, store } = await setup({ retries: 2 }, provider);
    const out = await translator.translate(['خبر'], { from: 'ar', to: 'en' });
    expect(out).toMatchObject({ texts: ['خبر'], fallback: 'error', chars: 0 });
    expect(provider.calls).toHaveLength(3);
    await translator.flush();
    expect(await store.counters.get(usageKeys.chars('2026-11-29'))).toBe(0);
    expect(await store.counters.get(usageKeys.fallbacks('2026-11-29'))).toBe(1);
  });

  it('never retries a refusal such as a bad key', async () => {
    const provider = scriptedProvider();
    provider.failures.push(apiError(403, 'API key not valid', 'keyInvalid'));
    const { translator } = await setup({}, provider);
    const out = await translator.translate(['خبر'], { from: 'ar', to: 'en' });
    expect(out.fallback).toBe('error');
    expect(provider.calls).toHaveLength(1);
  });

  it('backs off exponentially between retries', async () => {
    const provider = scriptedProvider();
    provider.failures.push(apiError(429), apiError(429), apiError(429));
    const delays: number[] = [];
    const { translator } = await setup(
      { retries: 3, retryBaseDelayMs: 100, sleep: async (ms) => void delays.push(ms) },
      provider,
    );
    await translator.translate(['خبر'], { from: 'ar', to: 'en' });
    expect(delays).toHaveLength(3);
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(100 * 2 ** i * 0.75);
      expect(d).toBeLessThanOrEqual(100 * 2 ** i * 1.25);
    });
  });

  it('says "not-configured" without a provider, and passes Arabic through', async () => {
    const store = await memoryStore();
    const none = createTranslator(
      { provider: 'none' },
      { store, log: silentLogger(), now: () => NOW, dailyCharLimit: 1, userDailyCharLimit: 1 },
    );
    expect(none.provider).toBe('none');
    const out = await none.translate(['خبر'], { from: 'ar', to: 'en' });
    expect(out).toMatchObject({
      texts: ['خبر'],
      provider: 'none',
      chars: 0,
      fallback: 'not-configured',
    });
    const digest = sampleDigest(NOW);
    const ar = await translateDigest(digest, 'ar', none);
    expect(ar.digest).toBe(digest);
    expect(ar.outcome.fallback).toBeUndefined();
    const en = await translateDigest(digest, 'en', none);
    expect(en.digest).toBe(digest);
    expect(en.outcome.fallback).toBe('not-configured');
    expect(await none.detect('Привет мир')).toMatchObject({ language: 'ru' });
  });
});

describe('translateDigest', () => {
  it('translates titles and points in one call and keeps ids, sources and links', async () => {
    const { translator, provider } = await setup();
    const digest = sampleDigest(NOW);
    const { digest: en, outcome } = await translateDigest(digest, 'en', translator);
    expect(provider.calls).toHaveLength(1);
    expect(en.language).toBe('en');
    expect(en.id).toBe(digest.id);
    expect(outcome.cached).toBe(0);
    en.stories.forEach((story, i) => {
      const original = digest.stories[i]!;
      expect(story.id).toBe(original.id);
      expect(story.sources).toEqual(original.sources);
      expect(story.articles).toEqual(original.articles);
      expect(story.title.startsWith('[en] ')).toBe(true);
      expect(story.points).toHaveLength(original.points.length);
    });
    // Numbers and links are restored, with Western digits for English readers.
    const points = en.stories.flatMap((s) => s.points).join('\n');
    expect(points).toContain('3.1٪');
    expect(points).toContain('https://example.org/startups');
    expect(provider.calls[0]!.texts.join('\n')).not.toContain('https://');
    expect(digest.language).toBe('ar');
  });

  it('keeps the Arabic digest when translation fails, with the fallback set', async () => {
    const provider = scriptedProvider();
    provider.failures.push(apiError(400, 'bad request'));
    const { translator } = await setup({}, provider);
    const digest = sampleDigest(NOW);
    const out = await translateDigest(digest, 'fr', translator);
    expect(out.digest).toBe(digest);
    expect(out.outcome.fallback).toBe('error');
  });
});

describe('toArabicQuery', () => {
  it('passes Arabic through without a call', async () => {
    const { translator, provider } = await setup();
    expect(await toArabicQuery('  أفغانستان ', translator, 1)).toEqual({
      query: 'أفغانستان',
      language: 'ar',
    });
    expect(provider.calls).toHaveLength(0);
  });

  it('translates other languages into Arabic, counting the reader', async () => {
    const provider = scriptedProvider();
    provider.answer = (t, to) =>
      to === 'ar' && t === 'Afghanistan' ? 'افغانستان' : `[${to}] ${t}`;
    const { translator, store } = await setup({}, provider);
    const out = await toArabicQuery('Afghanistan', translator, 42);
    expect(out).toEqual({ query: 'افغانستان', language: 'en' });
    expect(provider.calls[0]).toMatchObject({ from: undefined, to: 'ar' });
    expect(await store.counters.get(usageKeys.reader('2026-11-29', 42))).toBe(11);
    // Asked again: cached, detected language included.
    expect(await toArabicQuery('Afghanistan', translator, 42)).toEqual(out);
    expect(provider.calls).toHaveLength(1);
  });

  it('keeps the query when the reader is over budget, guessing the language from its script', async () => {
    const { translator } = await setup({ userDailyCharLimit: 3 });
    expect(await toArabicQuery('Афганистан', translator, 9)).toEqual({
      query: 'Афганистан',
      language: 'ru',
    });
  });

  it('spells the name itself when the translation comes back without Arabic', async () => {
    // The provider leaves a name it does not know as it is; searching Arabic news for Latin
    // letters would find nothing.
    const provider = scriptedProvider();
    provider.answer = (t) => t;
    const { translator } = await setup({}, provider);
    expect(await toArabicQuery('Skripal', translator, 7)).toEqual({
      query: 'سكريبال',
      language: 'en',
    });
    // Nothing to spell: the answer is searched as it came.
    expect(await toArabicQuery('the weather', translator, 7)).toEqual({
      query: 'the weather',
      language: 'en',
    });
  });

  it('spells a name the glossary does not know in Arabic letters when it cannot translate', async () => {
    const { translator } = await setup({ userDailyCharLimit: 3 });
    expect(await toArabicQuery('Sarkozy', translator, 9)).toMatchObject({ query: 'ساركوزي' });
  });
});

describe('detect and supportedLanguages', () => {
  it('detects through the provider once, then from the cache', async () => {
    const { translator, provider } = await setup();
    expect(await translator.detect('Bonjour à tous')).toEqual({ language: 'fr', confidence: 0.8 });
    expect(await translator.detect('Bonjour à tous')).toEqual({ language: 'fr', confidence: 0.8 });
    expect(provider.detectCalls).toHaveLength(1);
  });

  it('falls back to a script guess when detection fails', async () => {
    const provider = scriptedProvider();
    provider.failures.push(apiError(400));
    const { translator } = await setup({}, provider);
    expect(await translator.detect('مرحبا')).toMatchObject({ language: 'ar' });
  });

  it('lists languages, or none when the provider fails; probe() says why', async () => {
    const { translator } = await setup();
    expect(await translator.supportedLanguages()).toEqual(['ar', 'en', 'fr']);
    const provider = scriptedProvider();
    provider.failures.push(apiError(403, 'API key not valid'), apiError(403, 'API key not valid'));
    const { translator: broken } = await setup({}, provider);
    expect(await broken.supportedLanguages()).toEqual([]);
    await expect(broken.probe()).rejects.toMatchObject({
      name: 'TranslationError',
      kind: 'rejected',
      status: 403,
      message: 'API key not valid',
    });
  });
});
