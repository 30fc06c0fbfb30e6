import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/log.js';
import {
  createTranslatorFromConfig,
  fallbackNotice,
  sampleDigest,
  translateForCli,
} from '../../../src/translate/index.js';
import {
  startFakeTranslateServer,
  type FakeTranslateServer,
} from '../../../src/testkit/fake-translate-server.js';
import { memoryStore } from '../../support/failing-store.js';

const KEY = 'AIzaCliTestKey-0123456789';
let server: FakeTranslateServer;
beforeAll(async () => {
  server = await startFakeTranslateServer({ key: KEY });
});
afterAll(() => server.close());

describe('translateForCli', () => {
  it('translates with the configured provider and reports provider, target, chars and cached', async () => {
    const config = parseConfig({
      GOOGLE_TRANSLATE_API_KEY: KEY,
      TRANSLATE_DAILY_CHAR_LIMIT: '100000',
    });
    const store = await memoryStore();
    const digest = sampleDigest();
    const deps = { config, store, log: silentLogger(), endpoint: server.v2Url };
    const first = await translateForCli(digest, 'en', deps);
    expect(first.translation).toEqual({
      provider: 'google-v2',
      target: 'en',
      chars: server.chars,
      cached: 0,
    });
    expect(first.digest.language).toBe('en');
    expect(first.notice).toBeUndefined();
    const again = await translateForCli(digest, 'en', deps);
    expect(again.translation).toMatchObject({ chars: 0, cached: 32 });
  });

  it('returns the Arabic digest with a notice when translation is not set up', async () => {
    const config = parseConfig({ TRANSLATE_PROVIDER: 'none' });
    const digest = sampleDigest();
    const out = await translateForCli(digest, 'fr', {
      config,
      store: await memoryStore(),
      log: silentLogger(),
    });
    expect(out.digest).toBe(digest);
    expect(out.translation).toEqual({
      provider: 'none',
      target: 'fr',
      chars: 0,
      cached: 0,
      fallback: 'not-configured',
    });
    expect(out.notice).toBe(fallbackNotice('not-configured', 'fr'));
  });

  it('takes the limits from the configuration', async () => {
    const config = parseConfig({ GOOGLE_TRANSLATE_API_KEY: KEY, TRANSLATE_DAILY_CHAR_LIMIT: '10' });
    const t = createTranslatorFromConfig(config, {
      store: await memoryStore(),
      log: silentLogger(),
      endpoint: server.v2Url,
    });
    expect((await t.translate(['نص أطول من عشرة أحرف'], { from: 'ar', to: 'en' })).fallback).toBe(
      'budget',
    );
    await t.close();
  });
});

describe('fallbackNotice', () => {
  it.each(['en', 'fr', 'ru', 'zh', 'es', 'de', 'tr'])('has a line in %s for each case', (lang) => {
    const lines = [
      fallbackNotice('not-configured', lang),
      fallbackNotice('budget', lang, { resetAt: '03:00' }),
      fallbackNotice('budget', lang),
      fallbackNotice('error', lang),
    ];
    expect(new Set(lines).size).toBe(4);
    expect(lines[1]).toContain('03:00');
    expect(fallbackNotice('reader-budget', lang, { resetAt: '03:00' })).toBe(lines[1]);
  });

  it('says when the daily limit comes back, and that a failing provider is retried', () => {
    expect(fallbackNotice('budget', 'en', { resetAt: '03:00' })).toBe(
      'Daily translation limit reached, back at 03:00. Here is the Arabic original.',
    );
    expect(fallbackNotice('error', 'en')).toBe(
      'Translation is failing, retrying later. Here is the Arabic original.',
    );
  });

  it('uses English for other languages', () => {
    expect(fallbackNotice('budget', 'sw')).toBe(fallbackNotice('budget', 'en'));
  });
});
