import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { createBudget } from '../../../src/translate/budget.js';
import { createTranslationCache } from '../../../src/translate/cache.js';
import { TranslationError } from '../../../src/translate/errors.js';
import { createInFlight } from '../../../src/translate/inflight.js';
import { backoffDelay, withRetries, type RetryPolicy } from '../../../src/translate/retry.js';
import { usageKeys } from '../../../src/translate/usage.js';
import { memoryStore } from '../../support/failing-store.js';

function policy(over: Partial<RetryPolicy> = {}, delays: number[] = []): RetryPolicy {
  return {
    provider: 'google-v2',
    retries: 3,
    baseDelayMs: 100,
    sleep: async (ms) => void delays.push(ms),
    log: silentLogger(),
    ...over,
  };
}

describe('retry', () => {
  it('tries again on a retryable failure, waiting longer each time', async () => {
    const delays: number[] = [];
    let calls = 0;
    const out = await withRetries(policy({}, delays), 'x', async () => {
      calls++;
      if (calls < 4) throw Object.assign(new Error('busy'), { code: 503 });
      return 'done';
    });
    expect(out).toBe('done');
    expect(calls).toBe(4);
    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(75);
    expect(delays[0]).toBeLessThanOrEqual(125);
    expect(delays[2]).toBeGreaterThanOrEqual(300);
    expect(delays[2]).toBeLessThanOrEqual(500);
  });

  it('gives up after the retries with the last failure, classified', async () => {
    const delays: number[] = [];
    let calls = 0;
    const err = await withRetries(policy({ retries: 2 }, delays), 'x', async () => {
      calls++;
      throw Object.assign(new Error('slow down'), { code: 429 });
    }).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(delays).toHaveLength(2);
    expect(err).toBeInstanceOf(TranslationError);
    expect((err as TranslationError).kind).toBe('rate-limit');
  });

  it('does not retry a timeout or a refusal', async () => {
    for (const thrown of [
      Object.assign(new Error('timed out'), { name: 'TimeoutError' }),
      Object.assign(new Error('bad key'), { code: 400 }),
    ]) {
      const delays: number[] = [];
      let calls = 0;
      const err = await withRetries(policy({}, delays), 'x', async () => {
        calls++;
        throw thrown;
      }).catch((e: unknown) => e as TranslationError);
      expect(calls).toBe(1);
      expect(delays).toEqual([]);
      expect(err.retryable).toBe(false);
    }
  });

  it('caps the wait at 8 seconds, jitter included', () => {
    for (let i = 0; i < 20; i++) expect(backoffDelay(500, 10)).toBeLessThanOrEqual(10_000);
    for (let i = 0; i < 20; i++) expect(backoffDelay(500, 10)).toBeGreaterThanOrEqual(6_000);
  });
});

describe('cache', () => {
  it('remembers on the translator clock and forgets after the TTL', async () => {
    let t = Date.parse('2026-11-29T10:00:00Z');
    const store = await memoryStore();
    const cache = createTranslationCache({
      store,
      log: silentLogger(),
      now: () => new Date(t),
      provider: 'google-v2',
      ttlMs: 1000,
    });
    const k = cache.keys(undefined, 'en', 'مرحبا');
    cache.remember(k.memo, { t: 'hello', d: 'ar' });
    t += 999;
    expect(cache.remembered(k.memo)).toEqual({ t: 'hello', d: 'ar' });
    t += 2;
    expect(cache.remembered(k.memo)).toBeUndefined();
  });

  it('reads the store, remembers its hits and treats an unreachable store as misses', async () => {
    const store = await memoryStore();
    const cache = createTranslationCache({
      store,
      log: silentLogger(),
      now: () => new Date(),
      provider: 'google-v2',
      ttlMs: 60_000,
    });
    const a = cache.keys('ar', 'fr', 'سلام');
    const b = cache.keys('ar', 'fr', 'كتاب');
    expect(a.key).not.toBe(b.key);
    await cache.store([{ key: a.key, value: { t: 'paix' } }]);
    expect(await cache.lookup([a, b])).toEqual([{ t: 'paix' }, undefined]);
    expect(cache.remembered(a.memo)).toEqual({ t: 'paix' });
    store.fail('translations');
    expect(await cache.lookup([b])).toEqual([undefined]);
    expect(store.callsTo('translations.getMany').at(-1)!.failed).toBe(true);
  });

  it('keeps nothing in memory when the TTL is zero', async () => {
    const cache = createTranslationCache({
      store: await memoryStore(),
      log: silentLogger(),
      now: () => new Date(),
      provider: 'google-v2',
      ttlMs: 0,
    });
    cache.remember('k', { t: 'x' });
    expect(cache.remembered('k')).toBeUndefined();
  });
});

describe('in-flight', () => {
  it('lets a second caller wait for the first, until released', async () => {
    const inflight = createInFlight<string>();
    const claim = inflight.claim('k');
    const waiting = inflight.get('k');
    expect(waiting).toBeDefined();
    expect(claim.done).toBe(false);
    claim.resolve('v');
    expect(claim.done).toBe(true);
    await expect(waiting).resolves.toBe('v');
    inflight.release('k');
    expect(inflight.get('k')).toBeUndefined();
  });
});

describe('budget', () => {
  const now = () => new Date('2026-11-29T10:00:00Z');
  it('reserves within the limits, refuses past them and gives back a refund', async () => {
    const store = await memoryStore();
    const budget = createBudget({
      store,
      log: silentLogger(),
      now,
      dailyCharLimit: 100,
      userDailyCharLimit: 30,
    });
    expect(await budget.reserve(60, undefined)).toEqual({ day: '2026-11-29' });
    expect((await budget.reserve(50, undefined)).refusal).toBe('budget');
    expect((await budget.reserve(31, 7)).refusal).toBe('reader-budget');
    expect(await store.counters.get(usageKeys.chars('2026-11-29'))).toBe(60);
    budget.refund('2026-11-29', 60, undefined);
    await budget.flush();
    expect(await store.counters.get(usageKeys.chars('2026-11-29'))).toBe(0);
    store.fail('counters');
    expect((await budget.reserve(1, undefined)).refusal).toBe('error');
  });

  it('writes counter additions made together as one', async () => {
    const store = await memoryStore();
    const budget = createBudget({
      store,
      log: silentLogger(),
      now,
      dailyCharLimit: 100,
      userDailyCharLimit: 30,
    });
    budget.countSoon('c', 2);
    budget.countSoon('c', 3);
    expect(store.callsTo('counters.incr')).toEqual([]);
    await budget.flush();
    expect(store.callsTo('counters.incr').map((c) => c.args.slice(0, 2))).toEqual([['c', 5]]);
    expect(await store.counters.get('c')).toBe(5);
  });
});
