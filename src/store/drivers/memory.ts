/** In-process backend for tests: plain Maps behind the same Driver contract as the real ones. */
import Keyv from 'keyv';
import type { Driver } from '../driver.js';

interface Entry {
  value: string;
  expires?: number;
}

export function createMemoryDriver(): Driver {
  const values = new Map<string, Entry>();
  const hashes = new Map<string, Map<string, string>>();
  const kv = new Keyv({ namespace: 'khulasa' });

  const live = (key: string): Entry | undefined => {
    const e = values.get(key);
    if (e && e.expires !== undefined && e.expires <= Date.now()) {
      values.delete(key);
      return undefined;
    }
    return e;
  };
  const expiry = (ttlMs?: number) => (ttlMs && ttlMs > 0 ? Date.now() + ttlMs : undefined);

  return {
    backend: 'memory',
    kv,
    async get(key) {
      return live(key)?.value;
    },
    async getMany(keys) {
      return keys.map((k) => live(k)?.value);
    },
    async set(key, value, ttlMs) {
      values.set(key, { value, expires: expiry(ttlMs) });
    },
    async cas(key, expected, next, ttlMs) {
      if (live(key)?.value !== expected) return false;
      if (next === undefined) values.delete(key);
      else values.set(key, { value: next, expires: expiry(ttlMs) });
      return true;
    },
    async incr(key, by, ttlMs) {
      const cur = live(key);
      const total = (cur ? Number(cur.value) : 0) + by;
      values.set(key, { value: String(total), expires: cur ? cur.expires : expiry(ttlMs) });
      return total;
    },
    async hset(key, entries) {
      let h = hashes.get(key);
      if (!h) hashes.set(key, (h = new Map()));
      for (const [f, v] of entries) h.set(f, v);
    },
    async hdel(key, fields) {
      const h = hashes.get(key);
      if (!h) return;
      for (const f of fields) h.delete(f);
      if (h.size === 0) hashes.delete(key);
    },
    async hget(key, fields) {
      const h = hashes.get(key);
      return fields.map((f) => h?.get(f));
    },
    async hentries(keys) {
      return keys.flatMap((k) =>
        [...(hashes.get(k)?.entries() ?? [])].map(
          ([f, v]) => [k, f, v] as [string, string, string],
        ),
      );
    },
    async hbatch(sets, dels) {
      for (const [k, f, v] of sets) await this.hset(k, [[f, v]]);
      for (const [k, f] of dels) await this.hdel(k, [f]);
    },
    async *hscan(key, pageSize = 1000) {
      const entries = [...(hashes.get(key)?.entries() ?? [])];
      for (let i = 0; i < entries.length; i += pageSize) yield entries.slice(i, i + pageSize);
    },
    async hlen(key) {
      return hashes.get(key)?.size ?? 0;
    },
    async hclear(key) {
      hashes.delete(key);
    },
    async lockMany(keys, value, ttlMs) {
      const got: string[] = [];
      for (const k of keys) {
        if (live(k) === undefined) {
          values.set(k, { value, expires: expiry(ttlMs) });
          got.push(k);
        }
      }
      return got;
    },
    async unlockMany(keys, value) {
      for (const k of keys) if (live(k)?.value === value) values.delete(k);
    },
    async sweep() {
      for (const k of values.keys()) live(k);
    },
    async close() {
      await kv.disconnect();
    },
  };
}
