import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLeader, SCHEDULER_LOCK } from '../../../src/schedule/leader.js';
import { createScheduler, ingestExpression } from '../../../src/schedule/scheduler.js';
import { META_LAST_BUILD, META_LAST_INGEST } from '../../../src/schedule/build.js';
import { silentLogger } from '../../../src/log.js';
import { createStore } from '../../../src/store/index.js';
import { failingStore, memoryStore } from '../../support/failing-store.js';
import { fakeTelegram, lockIsFree, makeDeps, outbox, subscribe, subscriber } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('ingestExpression', () => {
  it.each([
    [15, '*/15 * * * *'],
    [1, '* * * * *'],
    [60, '0 * * * *'],
    [120, '0 */2 * * *'],
    [7, '* * * * *'],
  ])('%i minutes → %s', (m, expr) => expect(ingestExpression(m)).toBe(expr));
});

describe('leader lock', () => {
  it('hands over to another instance within a minute when the leader dies', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T07:00:00Z') });
    const store = await createStore('memory://');
    // Each instance reaches the one store through its own connection.
    const aStore = failingStore(store);
    const log = silentLogger();
    const a = createLeader({ locks: aStore.locks, owner: 'a', log });
    const b = createLeader({ locks: store.locks, owner: 'b', log });
    a.start();
    await vi.advanceTimersByTimeAsync(10);
    b.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(false);
    await vi.advanceTimersByTimeAsync(120_000); // a keeps renewing
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(false);
    // The leader's process dies: from then on none of its calls reach the store.
    aStore.fail('locks', { error: new Error('process gone') });
    const died = Date.now();
    let tookOver = 0;
    for (let t = 0; t < 90 && !tookOver; t++) {
      await vi.advanceTimersByTimeAsync(1000);
      if (b.isLeader()) tookOver = Date.now() - died;
    }
    expect(tookOver).toBeGreaterThan(0);
    expect(tookOver).toBeLessThanOrEqual(60_000);
    await b.stop();
    await a.stop();
    expect(await lockIsFree(store, SCHEDULER_LOCK)).toBe(true);
  });

  it('a graceful stop releases the lock so the other takes over at its next heartbeat', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T07:00:00Z') });
    const store = await memoryStore();
    const log = silentLogger();
    const a = createLeader({ locks: store.locks, owner: 'a', log });
    const b = createLeader({ locks: store.locks, owner: 'b', log });
    a.start();
    await vi.advanceTimersByTimeAsync(10);
    b.start();
    await a.stop();
    await vi.advanceTimersByTimeAsync(15_001);
    expect(b.isLeader()).toBe(true);
    await b.stop();
  });
});

describe('createScheduler with node-cron', () => {
  it('the per-minute tick delivers to due subscribers; ingest and build run on their schedule', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T06:59:30Z') });
    const store = await memoryStore();
    const telegram = fakeTelegram();
    let ingests = 0;
    const deps = await makeDeps({
      store,
      telegram,
      now: () => new Date(),
      ingest: async () => {
        ingests++;
        return { sources: [{ id: 'a', status: 'failed' }], articles: 3 };
      },
    });
    await subscribe(store, subscriber(1), subscriber(2, { deliveryTime: '07:02' }));
    const scheduler = createScheduler(deps);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(35_000); // 07:00:05
    expect(scheduler.isLeader()).toBe(true);
    expect(telegram.calls.map((c) => c.chatId)).toEqual([1, 1]);
    expect(ingests).toBe(1); // */15 fired at 07:00
    expect(await store.meta.get(META_LAST_INGEST)).toBeDefined();
    await vi.advanceTimersByTimeAsync(120_000); // 07:02:05
    expect(telegram.calls.map((c) => c.chatId)).toEqual([1, 1, 2, 2]);
    await vi.advanceTimersByTimeAsync(180_000); // past 07:05: the hourly build
    expect(await store.meta.get(META_LAST_BUILD)).toMatch(/^2026-03-01T07:05/);
    const health = await scheduler.health();
    expect(health).toMatchObject({ ok: true, leader: true });
    expect(await deps.metrics!.registry.getSingleMetricAsString('khulasa_failing_sources')).toMatch(
      / 1$/m,
    );
    await scheduler.stop();
    expect(await lockIsFree(store, SCHEDULER_LOCK)).toBe(true);
  });

  it('a follower runs no job', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T06:59:30Z') });
    const store = await memoryStore();
    await store.locks.acquire('scheduler', 'someone-else', 10 * 60_000);
    const telegram = fakeTelegram();
    let ingests = 0;
    const deps = await makeDeps({
      store,
      telegram,
      now: () => new Date(),
      ingest: async () => {
        ingests++;
        return { sources: [], articles: 0 };
      },
    });
    await subscribe(store, subscriber(1));
    const scheduler = createScheduler(deps);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(scheduler.isLeader()).toBe(false);
    expect(ingests).toBe(0);
    expect(telegram.calls).toHaveLength(0);
    await scheduler.stop();
  });

  it('stop() hands back in-flight sends within the grace period and releases the lock', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T06:59:58Z') });
    const store = await memoryStore();
    const telegram = fakeTelegram();
    const deps = await makeDeps({
      store,
      telegram,
      now: () => new Date(),
      senderOptions: { perChatIntervalMs: 60_000 },
    });
    await subscribe(store, subscriber(1), subscriber(2), subscriber(3));
    const scheduler = createScheduler(deps, { shutdownGraceMs: 10_000 });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(3_000); // the 07:00 tick sent part 1 to each
    expect(telegram.calls).toHaveLength(3);
    const stopping = scheduler.stop();
    await vi.advanceTimersByTimeAsync(10_500);
    await stopping;
    const recs = await outbox(store, (await store.digests.latest())!.id);
    expect(recs.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(recs.every((r) => r.partsSent === 1)).toBe(true);
    expect(await lockIsFree(store, SCHEDULER_LOCK)).toBe(true);
  });
});
