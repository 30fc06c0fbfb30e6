/**
 * The smaller repositories: the delivery outbox, the translation cache, counters, feed state,
 * run-time sources and meta values.
 */
import type { Logger } from '../log.js';
import { chunks, type Driver } from './driver.js';
import { kvKey, parseWith } from './content.js';
import {
  DeliveryRecordSchema,
  FeedStateSchema,
  SourceSchema,
  type CacheRepo,
  type CounterRepo,
  type DeliveryRecord,
  type DeliveryRepo,
  type FeedStateRepo,
  type MetaRepo,
  type SourceRepo,
} from './types.js';

const DAY = 86_400_000;
/** Outbox records outlive any resend window by far. */
const DELIVERY_TTL_MS = 30 * DAY;
/** Statuses after which a record is never claimed again. */
const FINAL = new Set<DeliveryRecord['status']>(['sent', 'blocked', 'skipped']);

function json(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return {}; // fails every schema, so it is reported like any invalid value
  }
}

export function createDeliveryRepo(d: Driver, log: Logger): DeliveryRepo {
  const key = (digestId: string, chatId: number) => `dlv:${digestId}:${chatId}`;
  const index = (digestId: string) => `dlv:${digestId}`;
  const parse = (k: string, raw: string | undefined) =>
    parseWith(log, 'delivery record', k, DeliveryRecordSchema, json(raw));

  return {
    async get(digestId, chatId) {
      const k = key(digestId, chatId);
      return parse(k, await d.get(k));
    },

    async claim(digestId, chatId, owner, leaseMs, now) {
      const k = key(digestId, chatId);
      for (let attempt = 0; attempt < 20; attempt++) {
        const raw = await d.get(k);
        // A corrupt record is reported by parse, then overwritten by this claim.
        const cur = parse(k, raw);
        if (cur && FINAL.has(cur.status)) return undefined;
        if (
          cur?.leaseOwner !== undefined &&
          cur.leaseOwner !== owner &&
          cur.leaseUntil !== undefined &&
          Date.parse(cur.leaseUntil) > now.getTime()
        ) {
          return undefined;
        }
        const next: DeliveryRecord = {
          digestId,
          chatId,
          status: 'sending',
          partsSent: cur?.partsSent ?? 0,
          attempts: (cur?.attempts ?? 0) + 1,
          updatedAt: now.toISOString(),
          leaseOwner: owner,
          leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
          ...(cur?.error !== undefined ? { error: cur.error } : {}),
        };
        if (await d.cas(k, raw, JSON.stringify(next), DELIVERY_TTL_MS)) {
          await d.hset(index(digestId), [[String(chatId), '']]);
          return next;
        }
      }
      return undefined;
    },

    async update(record) {
      const valid = DeliveryRecordSchema.parse(record);
      await d.set(key(valid.digestId, valid.chatId), JSON.stringify(valid), DELIVERY_TTL_MS);
      await d.hset(index(valid.digestId), [[String(valid.chatId), '']]);
    },

    async *listForDigest(digestId) {
      for await (const page of d.hscan(index(digestId), 500)) {
        const keys = page.map(([chatId]) => key(digestId, Number(chatId)));
        const raws = await d.getMany(keys);
        for (let i = 0; i < keys.length; i++) {
          const r = parse(keys[i]!, raws[i]);
          if (r) yield r;
        }
      }
    },
  };
}

export function createCacheRepo(d: Driver, log: Logger, prefix = 'tr'): CacheRepo {
  const key = (k: string) => kvKey(prefix, k);
  return {
    async getMany(keys) {
      const out: (string | undefined)[] = [];
      for (const part of chunks(keys, 200)) {
        const values = await d.kv.get<unknown>(part.map(key));
        values.forEach((v, i) => {
          if (v === undefined || v === null) out.push(undefined);
          else if (typeof v === 'string') out.push(v);
          else {
            log.warn({ key: part[i] }, 'store: skipping invalid cache value');
            out.push(undefined);
          }
        });
      }
      return out;
    },
    async setMany(entries, ttlMs) {
      for (const part of chunks(entries, 200)) {
        await d.kv.setMany(part.map((e) => ({ key: key(e.key), value: e.value, ttl: ttlMs })));
      }
    },
  };
}

export function createCounterRepo(d: Driver): CounterRepo {
  const key = (k: string) => `ctr:${k}`;
  return {
    incr(k, by, ttlMs) {
      return d.incr(key(k), Math.round(by), ttlMs);
    },
    async get(k) {
      const raw = await d.get(key(k));
      const n = Number(raw);
      return raw !== undefined && Number.isFinite(n) ? n : 0;
    },
  };
}

export function createFeedStateRepo(d: Driver, log: Logger): FeedStateRepo {
  const HASH = 'feeds';
  return {
    async get(sourceId) {
      const [raw] = await d.hget(HASH, [sourceId]);
      return parseWith(log, 'feed state', sourceId, FeedStateSchema, json(raw));
    },
    async put(state) {
      const valid = FeedStateSchema.parse(state);
      await d.hset(HASH, [[valid.sourceId, JSON.stringify(valid)]]);
    },
    async all() {
      const out = [];
      for await (const page of d.hscan(HASH)) {
        for (const [id, raw] of page) {
          const s = parseWith(log, 'feed state', id, FeedStateSchema, json(raw));
          if (s) out.push(s);
        }
      }
      return out.sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1));
    },
  };
}

export function createSourceRepo(d: Driver, log: Logger): SourceRepo {
  const HASH = 'sources';
  return {
    async list() {
      const out = [];
      for await (const page of d.hscan(HASH)) {
        for (const [id, raw] of page) {
          const s = parseWith(log, 'source', id, SourceSchema, json(raw));
          if (s) out.push(s);
        }
      }
      return out.sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async add(source) {
      const valid = SourceSchema.parse(source);
      await d.hset(HASH, [[valid.id, JSON.stringify(valid)]]);
    },
    async remove(id) {
      const [raw] = await d.hget(HASH, [id]);
      if (raw === undefined) return false;
      await d.hdel(HASH, [id]);
      return true;
    },
  };
}

export function createMetaRepo(d: Driver): MetaRepo {
  const key = (k: string) => kvKey('meta', k);
  return {
    async get<T = unknown>(k: string) {
      const v = await d.kv.get<T>(key(k));
      return v === null ? undefined : v;
    },
    async set(k, value, ttlMs) {
      await d.kv.set(key(k), value, ttlMs);
    },
  };
}
