import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../../src/schedule/scheduler.js';
import { createDigestKeeper, digestIsStale } from '../../../src/schedule/build.js';
import type { Article } from '../../../src/domain.js';
import { memoryStore } from '../../support/failing-store.js';
import { digestAt, fakeTelegram, makeDeps, subscribe, subscriber } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

function article(i: number, at: Date): Article {
  return {
    id: `a${i}`,
    url: `https://news.example/${i}`,
    sourceId: 'x',
    sourceName: 'X',
    title: `عنوان ${i}`,
    text: 'نص',
    publishedAt: at.toISOString(),
    fetchedAt: at.toISOString(),
    language: 'ar',
  };
}

describe('the start-up pass', () => {
  it('reads the sources and builds at once, without waiting for a cron fire', async () => {
    // 06:31: the next */15 ingest is 14 minutes away and the hourly build 34
    vi.useFakeTimers({ now: new Date('2026-03-01T06:31:00Z') });
    const store = await memoryStore();
    let ingests = 0;
    let builds = 0;
    const deps = await makeDeps({
      store,
      telegram: fakeTelegram(),
      now: () => new Date(),
      ingest: async () => {
        ingests++;
        return { sources: [{ id: 'a', status: 'ok' }], articles: 12 };
      },
      build: (_articles, opts) => {
        builds++;
        return digestAt(opts.now);
      },
    });
    const scheduler = createScheduler(deps);
    let ready = false;
    void scheduler.ready().then(() => (ready = true));
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ready).toBe(true);
    expect(ingests).toBe(1);
    expect(builds).toBe(1);
    expect(await store.digests.latest()).toBeDefined();
    await scheduler.stop();
  });

  it('rebuilds after an ingest that brings articles into a story-less digest', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T06:59:00Z') });
    const store = await memoryStore();
    // built before anything was read: no story
    await store.digests.put(digestAt(new Date('2026-03-01T06:58:00Z'), 'd-empty', 0));
    let builds = 0;
    const deps = await makeDeps({
      store,
      telegram: fakeTelegram(),
      now: () => new Date(),
      ingest: async () => ({ sources: [{ id: 'a', status: 'ok' }], articles: 129 }),
      build: (_articles, opts) => {
        builds++;
        return digestAt(opts.now);
      },
    });
    const scheduler = createScheduler(deps, { warmUp: false });
    await scheduler.run('ingest');
    expect(builds).toBe(1);
    expect((await store.digests.latest())?.stories.length).toBeGreaterThan(0);
    // an ingest that brings nothing new does not rebuild a good digest
    await scheduler.run('ingest');
    expect(builds).toBe(1);
  });
});

describe('a digest asked for during the start-up reading', () => {
  it('waits for the whole reading, for a due reader and for /digest, not part of it', async () => {
    const now = new Date('2026-03-01T07:00:00Z');
    const store = await memoryStore();
    await subscribe(store, subscriber(7, { deliveryTime: '07:00', timeZone: 'UTC' }));
    let release: () => void = () => {};
    const slowSource = new Promise<void>((resolve) => (release = resolve));
    const builtFrom: number[] = [];
    const deps = await makeDeps({
      store,
      telegram: fakeTelegram(),
      now: () => now,
      ingest: async () => {
        // the quick source is stored at once, the slow one when it answers
        await store.articles.putMany([article(1, now)], 86_400_000);
        await slowSource;
        await store.articles.putMany([article(2, now), article(3, now)], 86_400_000);
        return { sources: [{ id: 'a', status: 'ok' }], articles: 3 };
      },
      build: (articles, opts) => {
        builtFrom.push(articles.length);
        return digestAt(opts.now);
      },
    });
    const scheduler = createScheduler(deps);
    scheduler.start();
    while ((await store.articles.listSince(new Date(0))).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const delivering = scheduler.run('deliver');
    const asked = scheduler.digests.current(now);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(builtFrom).toEqual([]);
    release();
    await Promise.all([delivering, asked]);
    expect(builtFrom).toEqual([3]);
    expect(scheduler.lastDelivery()?.sent).toBe(1);
    await scheduler.stop();
  });
});

describe('digestIsStale and the keeper', () => {
  it('is stale when missing, older than an hour, or built from fewer articles than stored', async () => {
    const now = new Date('2026-03-01T07:00:00Z');
    const store = await memoryStore();
    const deps = await makeDeps({ store, now: () => now });
    expect(await digestIsStale(deps, now)).toBe(true);
    await store.digests.put({ ...digestAt(new Date('2026-03-01T06:50:00Z')), articleCount: 1 });
    await store.articles.putMany([article(1, now)], 86_400_000);
    expect(await digestIsStale(deps, now)).toBe(false);
    await store.articles.putMany([article(2, now)], 86_400_000);
    expect(await digestIsStale(deps, now)).toBe(true);
    expect(await digestIsStale(deps, new Date('2026-03-01T08:00:00Z'))).toBe(true);
  });

  it('shares one build between concurrent callers', async () => {
    const now = new Date('2026-03-01T07:00:00Z');
    let builds = 0;
    const deps = await makeDeps({
      now: () => now,
      build: (_a, opts) => {
        builds++;
        return digestAt(opts.now);
      },
    });
    const keeper = createDigestKeeper(deps);
    const [a, b, c] = await Promise.all([
      keeper.current(now),
      keeper.current(now),
      keeper.rebuild(now),
    ]);
    expect(builds).toBe(1);
    expect(a.id).toBe(b.id);
    expect(b.id).toBe(c.id);
    expect((await keeper.current(now)).id).toBe(a.id);
    expect(builds).toBe(1);
  });
});
