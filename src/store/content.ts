/**
 * Articles (expiring, listed by publication day) and digests (latest / previous), both stored as
 * keyv values with small hash indexes beside them.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../log.js';
import { ArticleSchema, DigestSchema, type Article } from '../domain.js';
import { chunks, type Driver } from './driver.js';
import type { ArticleRepo, DigestRepo } from './types.js';

const DAY = 86_400_000;
/** Digests kept for `previous()` and the outbox they index. */
const DIGESTS_KEPT = 200;
const DIGEST_TTL_MS = 90 * DAY;

/** keyv keys must fit VARCHAR(255) on PostgreSQL: long keys are hashed. */
export function kvKey(prefix: string, key: string): string {
  const full = `${prefix}:${key}`;
  return full.length <= 200 ? full : `${prefix}:#${createHash('sha256').update(key).digest('hex')}`;
}

export function parseWith<T>(
  log: Logger,
  what: string,
  key: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
): T | undefined {
  if (value === undefined || value === null) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  log.warn({ key }, `store: skipping invalid ${what}`);
  return undefined;
}

function dayOf(article: Article): string {
  for (const iso of [article.publishedAt, article.fetchedAt]) {
    const t = Date.parse(iso);
    if (Number.isFinite(t)) return new Date(t).toISOString().slice(0, 10);
  }
  return '0000-00-00';
}

export function createArticleRepo(d: Driver, log: Logger): ArticleRepo {
  const key = (id: string) => kvKey('art', id);
  const dayIndex = (day: string) => `art:day:${day}`;
  const DAYS = 'art:days';

  async function getMany(ids: string[]): Promise<Article[]> {
    const out: Article[] = [];
    for (const part of chunks(ids, 200)) {
      const values = await d.kv.get<unknown>(part.map(key));
      values.forEach((v, i) => {
        const a = parseWith(log, 'article', part[i]!, ArticleSchema, v);
        if (a) out.push(a);
      });
    }
    return out;
  }

  /** Drops the index (and any leftover values) of days whose articles have all expired. */
  async function dropExpiredDays(now: number): Promise<void> {
    for await (const page of d.hscan(DAYS)) {
      for (const [day, until] of page) {
        if (Number(until) > now) continue;
        for await (const ids of d.hscan(dayIndex(day))) {
          await d.kv.delete(ids.map(([id]) => key(id)));
        }
        await d.hclear(dayIndex(day));
        await d.hdel(DAYS, [day]);
      }
    }
  }

  return {
    async putMany(articles, ttlMs) {
      const now = Date.now();
      const until = now + ttlMs;
      let added = 0;
      for (const part of chunks(articles, 200)) {
        const valid = part.map((a) => ArticleSchema.parse(a));
        const before = await d.kv.get<unknown>(valid.map((a) => key(a.id)));
        added += before.filter((v) => v === undefined || v === null).length;
        await d.kv.setMany(valid.map((a) => ({ key: key(a.id), value: a, ttl: ttlMs })));
        const byDay = new Map<string, [string, string][]>();
        for (const a of valid) {
          const list = byDay.get(dayOf(a)) ?? [];
          list.push([a.id, String(until)]);
          byDay.set(dayOf(a), list);
        }
        for (const [day, entries] of byDay) {
          await d.hset(dayIndex(day), entries);
          const [prev] = await d.hget(DAYS, [day]);
          if (!(Number(prev) >= until)) await d.hset(DAYS, [[day, String(until)]]);
        }
      }
      await dropExpiredDays(now);
      return { added };
    },

    async get(id) {
      return parseWith(log, 'article', id, ArticleSchema, await d.kv.get(key(id)));
    },

    async has(id) {
      return (await d.kv.get(key(id))) !== undefined;
    },

    async listSince(since) {
      const now = Date.now();
      const first = since.toISOString().slice(0, 10);
      const ids: string[] = [];
      for await (const page of d.hscan(DAYS)) {
        for (const [day, until] of page) {
          if (day < first || Number(until) <= now) continue;
          for await (const entries of d.hscan(dayIndex(day))) {
            for (const [id, expires] of entries) if (Number(expires) > now) ids.push(id);
          }
        }
      }
      const t = since.getTime();
      return (await getMany([...new Set(ids)])).filter((a) => {
        const p = Date.parse(a.publishedAt);
        return Number.isFinite(p) ? p >= t : true;
      });
    },
  };
}

export function createDigestRepo(d: Driver, log: Logger): DigestRepo {
  const key = (id: string) => kvKey('digest', id);
  const INDEX = 'digests';

  async function index(): Promise<{ id: string; builtAt: string }[]> {
    const all: { id: string; builtAt: string }[] = [];
    for await (const page of d.hscan(INDEX)) {
      for (const [id, builtAt] of page) all.push({ id, builtAt });
    }
    // Newest first; ties broken by id so the order is total.
    return all.sort((a, b) =>
      a.builtAt === b.builtAt ? (a.id < b.id ? 1 : -1) : a.builtAt < b.builtAt ? 1 : -1,
    );
  }

  const get = async (id: string) =>
    parseWith(log, 'digest', id, DigestSchema, await d.kv.get(key(id)));

  return {
    async put(digest) {
      const valid = DigestSchema.parse(digest);
      await d.kv.set(key(valid.id), valid, DIGEST_TTL_MS);
      const t = Date.parse(valid.builtAt);
      const builtAt = Number.isFinite(t) ? new Date(t).toISOString() : valid.builtAt;
      await d.hset(INDEX, [[valid.id, builtAt]]);
      const all = await index();
      for (const old of all.slice(DIGESTS_KEPT)) {
        await d.kv.delete(key(old.id));
        await d.hclear(`dlv:${old.id}`);
        await d.hdel(INDEX, [old.id]);
      }
      await d.sweep();
    },
    get,
    async latest() {
      for (const entry of await index()) {
        const digest = await get(entry.id);
        if (digest) return digest;
      }
      return undefined;
    },
    async previous(id) {
      const all = await index();
      const at = all.findIndex((e) => e.id === id);
      if (at < 0) return undefined;
      for (const entry of all.slice(at + 1)) {
        const digest = await get(entry.id);
        if (digest) return digest;
      }
      return undefined;
    },
  };
}
