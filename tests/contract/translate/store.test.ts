/**
 * The translator on the real store (memory and an SQLite file): the cache is shared by
 * translators on one store, budget reservations are atomic and given back on failure, and
 * admins read the usage.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import {
  createTranslator,
  sampleDigest,
  translatableChars,
  translateDigest,
  translationUsage,
} from '../../../src/translate/index.js';
import {
  startFakeTranslateServer,
  type FakeTranslateServer,
} from '../../../src/testkit/fake-translate-server.js';

const KEY = 'AIzaStoreTestKey-0123456789';
const NOW = new Date('2026-11-29T09:00:00Z');
let server: FakeTranslateServer;
let dir: string;

beforeAll(async () => {
  server = await startFakeTranslateServer({ key: KEY });
  dir = await mkdtemp(join(tmpdir(), 'khulasa-translate-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const make = (store: Store, dailyCharLimit = 1_000_000) =>
  createTranslator(
    { provider: 'google-v2', apiKey: KEY },
    {
      store,
      log: silentLogger(),
      now: () => NOW,
      dailyCharLimit,
      userDailyCharLimit: 1000,
      endpoint: server.v2Url,
      retries: 1,
      retryBaseDelayMs: 1,
    },
  );

describe.each(['memory://', 'sqlite'])('translator on the %s store', (kind) => {
  it('shares the cache between translators, counts usage, and refunds failures', async () => {
    const url = kind === 'sqlite' ? `sqlite://${join(dir, 'store.sqlite')}` : kind;
    const store = await createStore(url, { log: silentLogger() });
    try {
      server.behave('ok');
      server.reset();
      const digest = sampleDigest(NOW);
      const chars = translatableChars(digest);
      const a = await translateDigest(digest, 'en', make(store));
      expect(a.outcome).toMatchObject({ chars, cached: 0 });
      const reader = make(store);
      const b = await translateDigest(digest, 'en', reader);
      await reader.flush();
      expect(b.outcome).toMatchObject({ chars: 0, cached: 32 });
      expect(b.digest).toEqual(a.digest);
      expect(server.chars).toBe(chars);

      // A failing request gives its reservation back.
      server.behave('server-error');
      const failing = make(store);
      const c = await translateDigest(digest, 'ru', failing);
      await failing.flush();
      expect(c.outcome.fallback).toBe('error');
      server.behave('ok');

      // Past the limit: the originals.
      const limited = make(store, chars + 10);
      const d = await translateDigest(digest, 'fr', limited);
      expect(d.outcome.fallback).toBe('budget');
      await limited.flush();
      const usage = await translationUsage(store, NOW, { dailyCharLimit: chars + 10 });
      expect(usage).toMatchObject({
        today: chars,
        limit: chars + 10,
        remaining: 10,
        cachedToday: 32,
      });
      expect(usage.fallbacksToday).toBe(2);
    } finally {
      await store.close();
    }
  });
});
