/**
 * One contract suite for every store backend (see backends.ts for which run here).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStore, createStoreOn, openDriver, type Store } from '../../../src/store/index.js';
import type { Subscriber } from '../../../src/store/types.js';
import type { Article, Digest } from '../../../src/domain.js';
import type { Logger } from '../../../src/log.js';
import { silentLogger } from '../../../src/log.js';
import { testBackends, type TestBackend } from './backends.js';

function sub(chatId: number, over: Partial<Subscriber> = {}): Subscriber {
  return {
    chatId,
    chatType: 'private',
    language: 'ar',
    deliveryTime: '08:00',
    timeZone: 'Asia/Riyadh',
    topics: [],
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

function article(id: string, publishedAt: string): Article {
  return {
    id,
    url: `https://news.example/${id}`,
    sourceId: 'example',
    sourceName: 'Example',
    title: `عنوان ${id}`,
    text: 'نص الخبر.',
    publishedAt,
    fetchedAt: publishedAt,
    language: 'ar',
  };
}

function digest(id: string, builtAt: string): Digest {
  return { id, window: { from: builtAt, to: builtAt }, builtAt, language: 'ar', stories: [] };
}

function spyLogger(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const log = silentLogger();
  vi.spyOn(log, 'warn').mockImplementation(((_obj: unknown, msg?: string) => {
    warnings.push(String(msg));
  }) as never);
  return { log, warnings };
}

const ids = (list: Subscriber[]) => list.map((s) => s.chatId).sort((a, b) => a - b);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testBackends().map((b) => [b.name, b.make] as const))(
  'store on %s',
  (_name, make) => {
    let backend: TestBackend;
    let store: Store;

    beforeAll(async () => {
      backend = make();
      store = await createStore(backend.url);
    });
    afterAll(async () => {
      await store?.close();
      await backend?.cleanup();
    });

    describe('subscribers', () => {
      it('saves, reads back and deletes a subscriber', async () => {
        const s = await store.subscribers.upsert(101, () => sub(101, { topics: ['غزة'] }));
        expect(s.chatId).toBe(101);
        expect(await store.subscribers.get(101)).toEqual(sub(101, { topics: ['غزة'] }));
        expect(await store.subscribers.delete(101)).toBe(true);
        expect(await store.subscribers.get(101)).toBeUndefined();
        expect(await store.subscribers.delete(101)).toBe(false);
      });

      it('passes the current value to the update and keeps the chat id', async () => {
        await store.subscribers.upsert(102, () => sub(999));
        const seen: (Subscriber | undefined)[] = [];
        await store.subscribers.upsert(102, (cur) => {
          seen.push(cur);
          return { ...cur!, language: 'en' };
        });
        expect(seen[0]?.chatId).toBe(102);
        expect((await store.subscribers.get(102))?.language).toBe('en');
      });

      it('rejects an unknown time zone and an invalid delivery time', async () => {
        await expect(
          store.subscribers.upsert(103, () => sub(103, { timeZone: 'Mars/Olympus' })),
        ).rejects.toThrow(/time zone/);
        await expect(
          store.subscribers.upsert(103, () => sub(103, { deliveryTime: '25:00' })),
        ).rejects.toThrow();
        expect(await store.subscribers.get(103)).toBeUndefined();
      });

      it('never loses one of many concurrent upserts of one chat', async () => {
        await store.subscribers.upsert(104, () => sub(104));
        await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            store.subscribers.upsert(104, (cur) => ({
              ...cur!,
              topics: [...cur!.topics, `t${i}`],
            })),
          ),
        );
        expect((await store.subscribers.get(104))?.topics).toHaveLength(25);
      });

      it('never loses concurrent upserts made through two separate store instances', async () => {
        if (!backend.shared) return; // memory:// is private to one instance
        const other = await createStore(backend.url);
        try {
          await store.subscribers.upsert(105, () => sub(105));
          await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              (i % 2 ? store : other).subscribers.upsert(105, (cur) => ({
                ...cur!,
                topics: [...cur!.topics, `t${i}`],
              })),
            ),
          );
          expect((await other.subscribers.get(105))?.topics).toHaveLength(20);
          expect((await store.subscribers.get(105))?.topics).toHaveLength(20);
        } finally {
          await other.close();
        }
      });

      it('saves many subscribers at once, in order per chat, next to a busy chat', async () => {
        await store.subscribers.upsert(1001, () =>
          sub(1001, { deliveryTime: '04:04', timeZone: 'UTC' }),
        );
        let release!: () => void;
        const held = store.subscribers.upsert(1002, (cur) => {
          void cur;
          return sub(1002, { topics: ['first'] });
        });
        await held;
        // Chat 1003 is being updated while the bulk write runs.
        const gate = new Promise<void>((r) => (release = r));
        const slow = store.subscribers.upsert(1003, (c) => ({
          ...(c ?? sub(1003)),
          topics: ['slow'],
        }));
        const updates = [
          {
            chatId: 1001,
            update: (c: Subscriber | undefined) => ({ ...c!, deliveryTime: '04:05' }),
          },
          {
            chatId: 1002,
            update: (c: Subscriber | undefined) => ({ ...c!, topics: [...c!.topics, 'second'] }),
          },
          {
            chatId: 1002,
            update: (c: Subscriber | undefined) => ({ ...c!, topics: [...c!.topics, 'third'] }),
          },
          {
            chatId: 1003,
            update: (c: Subscriber | undefined) => ({ ...(c ?? sub(1003)), language: 'fr' }),
          },
          ...Array.from({ length: 1200 }, (_, i) => ({
            chatId: 2000 + i,
            update: () =>
              sub(2000 + i, { deliveryTime: '04:06', timeZone: 'UTC', active: i % 3 !== 0 }),
          })),
        ];
        const bulk = store.subscribers.upsertMany(updates);
        release();
        await gate;
        await slow;
        const { added } = await bulk;
        expect(added).toBeGreaterThanOrEqual(1200);
        expect((await store.subscribers.get(1002))?.topics).toEqual(['first', 'second', 'third']);
        expect(await store.subscribers.get(1003)).toMatchObject({
          language: 'fr',
          topics: ['slow'],
        });
        const at = (iso: string) => store.subscribers.dueAt(new Date(iso));
        expect(ids(await at('2026-01-01T04:04:00Z'))).not.toContain(1001);
        expect(ids(await at('2026-01-01T04:05:00Z'))).toContain(1001);
        expect((await at('2026-01-01T04:06:00Z')).length).toBe(800);
        await expect(
          store.subscribers.upsertMany([
            { chatId: 1004, update: () => sub(1004, { timeZone: 'Bad/Zone' }) },
          ]),
        ).rejects.toThrow(/time zone/);
      });

      it('finds who is due in a UTC minute, across time zones, and only the active', async () => {
        await store.subscribers.upsert(201, () =>
          sub(201, { deliveryTime: '08:00', timeZone: 'Asia/Riyadh' }),
        ); // 05:00Z
        await store.subscribers.upsert(202, () =>
          sub(202, { deliveryTime: '07:00', timeZone: 'Africa/Cairo' }),
        ); // 05:00Z (EET, no DST in Jan)
        await store.subscribers.upsert(203, () =>
          sub(203, { deliveryTime: '05:00', timeZone: 'UTC' }),
        );
        await store.subscribers.upsert(204, () =>
          sub(204, { deliveryTime: '05:00', timeZone: 'UTC', active: false }),
        );
        await store.subscribers.upsert(205, () =>
          sub(205, { deliveryTime: '05:01', timeZone: 'UTC' }),
        );
        await store.subscribers.upsert(206, () =>
          sub(206, { deliveryTime: '10:30', timeZone: 'Asia/Kolkata' }),
        ); // 05:00Z
        const dueIds = async (iso: string) =>
          ids(await store.subscribers.dueAt(new Date(iso))).filter((id) => id >= 200 && id < 300);
        expect(await dueIds('2026-01-15T05:00:30Z')).toEqual([201, 202, 203, 206]);
        expect(await dueIds('2026-01-15T05:01:00Z')).toEqual([205]);
        expect(await dueIds('2026-01-15T05:02:00Z')).toEqual([]);
      });

      it('moves a subscriber in the index when the time, zone or active flag changes', async () => {
        await store.subscribers.upsert(301, () =>
          sub(301, { deliveryTime: '21:15', timeZone: 'Europe/Paris' }),
        ); // 20:15Z in Jan
        const at = new Date('2026-01-20T20:15:00Z');
        expect(ids(await store.subscribers.dueAt(at))).toContain(301);
        await store.subscribers.upsert(301, (c) => ({ ...c!, deliveryTime: '21:16' }));
        expect(ids(await store.subscribers.dueAt(at))).not.toContain(301);
        expect(ids(await store.subscribers.dueAt(new Date('2026-01-20T20:16:00Z')))).toContain(301);
        await store.subscribers.upsert(301, (c) => ({ ...c!, active: false }));
        expect(ids(await store.subscribers.dueAt(new Date('2026-01-20T20:16:00Z')))).not.toContain(
          301,
        );
        await store.subscribers.upsert(301, (c) => ({
          ...c!,
          active: true,
          timeZone: 'Europe/London',
        }));
        expect(ids(await store.subscribers.dueAt(new Date('2026-01-20T21:16:00Z')))).toContain(301);
        await store.subscribers.delete(301);
        expect(ids(await store.subscribers.dueAt(new Date('2026-01-20T21:16:00Z')))).not.toContain(
          301,
        );
      });

      it('delivers times skipped by a spring-forward at the next existing minute, and a repeated time once', async () => {
        await store.subscribers.upsert(401, () =>
          sub(401, { deliveryTime: '02:30', timeZone: 'America/New_York' }),
        );
        await store.subscribers.upsert(402, () =>
          sub(402, { deliveryTime: '01:30', timeZone: 'America/New_York' }),
        );
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT at 07:00Z.
        const spring = ids(await store.subscribers.dueAt(new Date('2026-03-08T07:00:00Z')));
        expect(spring).toContain(401);
        // 2026-11-01: 01:30 EDT is 05:30Z; 01:30 EST (06:30Z) is the repeat.
        expect(ids(await store.subscribers.dueAt(new Date('2026-11-01T05:30:00Z')))).toContain(402);
        expect(ids(await store.subscribers.dueAt(new Date('2026-11-01T06:30:00Z')))).not.toContain(
          402,
        );
        // An ordinary day.
        expect(ids(await store.subscribers.dueAt(new Date('2026-06-01T05:30:00Z')))).toContain(402);
        await store.subscribers.delete(401);
        await store.subscribers.delete(402);
      });

      it('lists who was due in a window (from, to] for catching up', async () => {
        await store.subscribers.upsert(501, () =>
          sub(501, { deliveryTime: '06:10', timeZone: 'UTC' }),
        );
        await store.subscribers.upsert(502, () =>
          sub(502, { deliveryTime: '06:20', timeZone: 'UTC' }),
        );
        await store.subscribers.upsert(503, () =>
          sub(503, { deliveryTime: '06:30', timeZone: 'UTC' }),
        );
        const got = ids(
          await store.subscribers.dueBetween(
            new Date('2026-02-01T06:10:00Z'),
            new Date('2026-02-01T06:30:00Z'),
          ),
        ).filter((id) => id >= 500 && id < 600);
        expect(got).toEqual([502, 503]);
      });

      it('streams every subscriber and counts them', async () => {
        const before = await store.subscribers.count();
        await store.subscribers.upsert(601, () => sub(601, { active: false }));
        await store.subscribers.upsert(602, () => sub(602));
        const after = await store.subscribers.count();
        expect(after.total - before.total).toBe(2);
        expect(after.active - before.active).toBe(1);
        const all: number[] = [];
        for await (const s of store.subscribers.all()) all.push(s.chatId);
        expect(all).toEqual(expect.arrayContaining([601, 602]));
        expect(all.length).toBe(after.total);
      });

      it('moves a group that became a supergroup to its new chat id', async () => {
        await store.subscribers.upsert(-701, () =>
          sub(-701, { chatType: 'group', deliveryTime: '09:09', timeZone: 'UTC' }),
        );
        await store.subscribers.patch(-701, { chatId: -100701 });
        expect(await store.subscribers.get(-701)).toBeUndefined();
        const moved = await store.subscribers.get(-100701);
        expect(moved?.chatId).toBe(-100701);
        expect(ids(await store.subscribers.dueAt(new Date('2026-01-01T09:09:00Z')))).toEqual([
          -100701,
        ]);
      });

      it('patches only the given fields, and keeps the due index in step', async () => {
        await store.subscribers.upsert(801, () =>
          sub(801, { deliveryTime: '10:11', timeZone: 'UTC', topics: ['غزة'] }),
        );
        const minute = new Date('2026-01-01T10:11:00Z');
        expect(ids(await store.subscribers.dueAt(minute))).toEqual([801]);
        const before = await store.subscribers.count();
        const off = await store.subscribers.patch(801, {
          active: false,
          updatedAt: '2026-01-02T00:00:00.000Z',
        });
        expect(off).toEqual({
          ...sub(801, { deliveryTime: '10:11', timeZone: 'UTC', topics: ['غزة'] }),
          active: false,
          updatedAt: '2026-01-02T00:00:00.000Z',
        });
        expect(await store.subscribers.get(801)).toEqual(off);
        expect(ids(await store.subscribers.dueAt(minute))).toEqual([]);
        expect((await store.subscribers.count()).active).toBe(before.active - 1);
        await store.subscribers.patch(801, { active: true, deliveryTime: '10:12' });
        expect(ids(await store.subscribers.dueAt(minute))).toEqual([]);
        expect(ids(await store.subscribers.dueAt(new Date('2026-01-01T10:12:00Z')))).toEqual([801]);
      });

      it('patches nothing when the chat has no subscriber or the change is undefined', async () => {
        expect(await store.subscribers.patch(802, { active: false })).toBeUndefined();
        expect(await store.subscribers.patch(802, { chatId: 803 })).toBeUndefined();
        expect(await store.subscribers.get(802)).toBeUndefined();
        expect(await store.subscribers.get(803)).toBeUndefined();
        await store.subscribers.upsert(804, () => sub(804, { active: false }));
        const seen: boolean[] = [];
        const result = await store.subscribers.patch(804, (s) => {
          seen.push(s.active);
          return s.active ? { active: false } : undefined;
        });
        expect(result).toBeUndefined();
        expect(seen).toEqual([false]);
        expect(await store.subscribers.get(804)).toEqual(sub(804, { active: false }));
      });

      it('applies concurrent patches of one chat one after another', async () => {
        await store.subscribers.upsert(805, () => sub(805));
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.subscribers.patch(805, (s) => ({ topics: [...s.topics, `t${i}`] })),
          ),
        );
        const topics = (await store.subscribers.get(805))?.topics ?? [];
        expect([...topics].sort()).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7']);
      });
    });

    describe('articles', () => {
      it('stores articles, counts new ones, lists by publication time', async () => {
        const now = Date.now();
        const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
        const first = await store.articles.putMany(
          [
            article('a1', iso(3_600_000)),
            article('a2', iso(30 * 3_600_000)),
            article('a3', iso(60_000)),
          ],
          86_400_000,
        );
        expect(first.added).toBe(3);
        const again = await store.articles.putMany(
          [article('a1', iso(3_600_000)), article('a4', iso(1000))],
          86_400_000,
        );
        expect(again.added).toBe(1);
        expect(await store.articles.has('a1')).toBe(true);
        expect(await store.articles.has('zz')).toBe(false);
        expect((await store.articles.get('a3'))?.title).toBe('عنوان a3');
        const recent = await store.articles.listSince(new Date(now - 2 * 3_600_000));
        expect(recent.map((a) => a.id).sort()).toEqual(['a1', 'a3', 'a4']);
        const all = await store.articles.listSince(new Date(now - 48 * 3_600_000));
        expect(all.map((a) => a.id).sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
      });

      it('lets articles expire', async () => {
        await store.articles.putMany([article('short', new Date().toISOString())], 300);
        expect(await store.articles.has('short')).toBe(true);
        await sleep(700);
        expect(await store.articles.has('short')).toBe(false);
        const ids = (await store.articles.listSince(new Date(Date.now() - 60_000))).map(
          (a) => a.id,
        );
        expect(ids).not.toContain('short');
      });
    });

    describe('digests', () => {
      it('keeps the latest and the previous digest', async () => {
        expect(await store.digests.latest()).toBeUndefined();
        await store.digests.put(digest('d1', '2026-03-01T06:00:00.000Z'));
        await store.digests.put(digest('d3', '2026-03-03T06:00:00.000Z'));
        await store.digests.put(digest('d2', '2026-03-02T06:00:00.000Z'));
        expect((await store.digests.latest())?.id).toBe('d3');
        expect((await store.digests.previous('d3'))?.id).toBe('d2');
        expect((await store.digests.previous('d2'))?.id).toBe('d1');
        expect(await store.digests.previous('d1')).toBeUndefined();
        expect((await store.digests.get('d2'))?.builtAt).toBe('2026-03-02T06:00:00.000Z');
      });
    });

    describe('term frequencies (clustering history)', () => {
      it('adds counts to a day and reads back the days that have a table', async () => {
        const repo = store.termFrequencies!;
        const ttl = 9 * 86_400_000;
        await repo.add(
          '2026-03-01',
          {
            docs: 2,
            df: new Map([
              ['زلزال', 2],
              ['تركي', 1],
            ]),
          },
          ttl,
        );
        await repo.add(
          '2026-03-01',
          {
            docs: 3,
            df: new Map([
              ['تركي', 3],
              ['بنك', 1],
            ]),
          },
          ttl,
        );
        await repo.add('2026-03-02', { docs: 1, df: new Map([['بنك', 1]]) }, ttl);
        const got = await repo.get(['2026-03-02', '2026-02-28', '2026-03-01']);
        expect(got.map((t) => [t.day, t.docs])).toEqual([
          ['2026-03-02', 1],
          ['2026-03-01', 5],
        ]);
        expect(Object.fromEntries(got[1]!.df)).toEqual({ زلزال: 2, تركي: 4, بنك: 1 });
      });

      it('ignores an empty addition and rejects a malformed day', async () => {
        await store.termFrequencies!.add('2026-04-01', { docs: 0, df: new Map() }, 60_000);
        expect(await store.termFrequencies!.get(['2026-04-01'])).toEqual([]);
        await expect(store.termFrequencies!.get(['20260401'])).rejects.toThrow(/YYYY-MM-DD/);
      });
    });

    describe('deliveries (outbox)', () => {
      const now = new Date('2026-03-01T06:00:00Z');
      it('claims once per owner until the lease expires, never after sent', async () => {
        const a = await store.deliveries.claim('dg', 1, 'A', 60_000, now);
        expect(a).toMatchObject({ status: 'sending', leaseOwner: 'A', attempts: 1, partsSent: 0 });
        expect(await store.deliveries.claim('dg', 1, 'B', 60_000, now)).toBeUndefined();
        // A crashed: its lease expired, B takes over and keeps the progress.
        await store.deliveries.update({ ...a!, partsSent: 2 });
        const later = new Date(now.getTime() + 61_000);
        const b = await store.deliveries.claim('dg', 1, 'B', 60_000, later);
        expect(b).toMatchObject({ leaseOwner: 'B', attempts: 2, partsSent: 2 });
        await store.deliveries.update({ ...b!, status: 'sent', partsSent: 3 });
        expect(
          await store.deliveries.claim('dg', 1, 'C', 60_000, new Date(later.getTime() + 3_600_000)),
        ).toBeUndefined();
        expect((await store.deliveries.get('dg', 1))?.status).toBe('sent');
      });

      it('gives a contested claim to exactly one owner', async () => {
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            store.deliveries.claim('dg', 2, `o${i}`, 60_000, now),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('lists every record of a digest', async () => {
        for (const chat of [10, 11, 12]) await store.deliveries.claim('dl', chat, 'A', 60_000, now);
        const got: number[] = [];
        for await (const r of store.deliveries.listForDigest('dl')) got.push(r.chatId);
        expect(got.sort()).toEqual([10, 11, 12]);
      });
    });

    describe('cache, counters, feeds, sources, meta', () => {
      it('caches strings with expiry', async () => {
        await store.translations.setMany(
          [
            { key: 'k1', value: 'hello' },
            { key: 'x'.repeat(400), value: 'long' },
          ],
          60_000,
        );
        expect(await store.translations.getMany(['k1', 'nope', 'x'.repeat(400)])).toEqual([
          'hello',
          undefined,
          'long',
        ]);
        await store.translations.setMany([{ key: 'k2', value: 'soon gone' }], 300);
        await sleep(700);
        expect(await store.translations.getMany(['k2'])).toEqual([undefined]);
      });

      it('counts atomically and expires counters', async () => {
        await Promise.all(
          Array.from({ length: 40 }, () => store.counters.incr('chars', 5, 60_000)),
        );
        expect(await store.counters.get('chars')).toBe(200);
        expect(await store.counters.get('none')).toBe(0);
        expect(await store.counters.incr('short', 3, 300)).toBe(3);
        await sleep(700);
        expect(await store.counters.get('short')).toBe(0);
        expect(await store.counters.incr('short', 2, 300)).toBe(2);
      });

      it('keeps feed state, sources and meta values', async () => {
        await store.feeds.put({ sourceId: 'bbc', failures: 0, status: 'ok', etag: 'W/"1"' });
        await store.feeds.put({ sourceId: 'aj', failures: 2, status: 'failing' });
        expect((await store.feeds.get('bbc'))?.etag).toBe('W/"1"');
        expect((await store.feeds.all()).map((f) => f.sourceId)).toEqual(['aj', 'bbc']);
        await store.sources.add({
          id: 'extra',
          name: 'Extra',
          url: 'https://x.example/rss',
          kind: 'feed',
        });
        expect((await store.sources.list()).map((s) => s.id)).toEqual(['extra']);
        expect(await store.sources.remove('extra')).toBe(true);
        expect(await store.sources.remove('extra')).toBe(false);
        await store.meta.set('lastIngest', { at: '2026-01-01T00:00:00Z', n: 3 });
        expect(await store.meta.get('lastIngest')).toEqual({ at: '2026-01-01T00:00:00Z', n: 3 });
        expect(await store.meta.get('schemaVersion')).toBe(1);
        // With a time to live, a value goes away by itself.
        await store.meta.set('short-lived', { n: 1 }, 150);
        expect(await store.meta.get('short-lived')).toEqual({ n: 1 });
        await new Promise((r) => setTimeout(r, 400));
        expect(await store.meta.get('short-lived')).toBeUndefined();
      });
    });

    describe('locks', () => {
      it('is set-if-absent with expiry, renewable and releasable by its owner only', async () => {
        expect(await store.locks.acquire('leader', 'A', 400)).toBe(true);
        expect(await store.locks.acquire('leader', 'B', 400)).toBe(false);
        expect(await store.locks.acquire('leader', 'A', 400)).toBe(true);
        expect(await store.locks.renew('leader', 'A', 400)).toBe(true);
        expect(await store.locks.renew('leader', 'B', 400)).toBe(false);
        await store.locks.release('leader', 'B');
        expect(await store.locks.acquire('leader', 'B', 400)).toBe(false);
        await sleep(600);
        expect(await store.locks.renew('leader', 'A', 400)).toBe(false);
        expect(await store.locks.acquire('leader', 'B', 10_000)).toBe(true);
        await store.locks.release('leader', 'B');
        expect(await store.locks.acquire('leader', 'C', 10_000)).toBe(true);
      });

      it('gives a contested lock to exactly one owner', async () => {
        const got = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.locks.acquire('race', `o${i}`, 10_000)),
        );
        expect(got.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('corrupt values', () => {
      it('reports and skips them instead of throwing', async () => {
        const { log, warnings } = spyLogger();
        const driver = await openDriver(backend.url, log);
        const s = await createStoreOn(driver, { log });
        try {
          await s.subscribers.upsert(801, () =>
            sub(801, { deliveryTime: '11:11', timeZone: 'UTC' }),
          );
          await driver.hset('subs', [
            ['801', '{"chatId":801,"chatType":"nope"}'],
            ['802', '{not json'],
          ]);
          await driver.hset('subs:at:UTC|11:11', [
            ['801', '{"chatId":801,"chatType":"nope"}'],
            ['802', ''],
          ]);
          await driver.kv.set('art:bad', { id: 'bad' });
          await driver.hset('feeds', [['broken', '[]']]);
          await driver.set('dlv:dc:1', '{oops');
          expect(await s.subscribers.get(801)).toBeUndefined();
          expect(ids(await s.subscribers.dueAt(new Date('2026-01-01T11:11:00Z')))).toEqual([]);
          const all: number[] = [];
          for await (const x of s.subscribers.all()) all.push(x.chatId);
          expect(all).not.toContain(801);
          expect(await s.articles.get('bad')).toBeUndefined();
          expect((await s.feeds.all()).map((f) => f.sourceId)).not.toContain('broken');
          expect(await s.deliveries.get('dc', 1)).toBeUndefined();
          // A corrupt outbox record is reported, then claimable again.
          expect(await s.deliveries.claim('dc', 1, 'A', 1000, new Date())).toMatchObject({
            leaseOwner: 'A',
          });
          expect(warnings.length).toBeGreaterThanOrEqual(5);
          // The update function still sees a clean slate for the corrupt chat and repairs it.
          await s.subscribers.upsert(801, (cur) => cur ?? sub(801));
          expect((await s.subscribers.get(801))?.chatId).toBe(801);
        } finally {
          await s.close();
        }
      });
    });

    describe('schema version', () => {
      it('records the version and runs the migration hook once per step', async () => {
        const driver = await openDriver(backend.url);
        const steps: number[] = [];
        const s1 = await createStoreOn(driver, {});
        expect(await s1.meta.get('schemaVersion')).toBe(1);
        const s2 = await createStoreOn(driver, {
          schemaVersion: 3,
          migrations: { 1: async () => void steps.push(1), 2: async () => void steps.push(2) },
        });
        expect(steps).toEqual([1, 2]);
        expect(await s2.meta.get('schemaVersion')).toBe(3);
        await expect(createStoreOn(driver, { schemaVersion: 2 })).rejects.toThrow(
          /newer than this program/,
        );
        await s2.meta.set('schemaVersion', 1);
        await driver.close();
      });
    });
  },
);
