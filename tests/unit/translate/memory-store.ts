/**
 * The parts of the store the translator uses (translations, counters, meta), in memory, with a
 * switch to make them fail. Enough for the translator's tests without any backend.
 */
import type { CacheRepo, CounterRepo, MetaRepo, Store } from '../../../src/store/types.js';

export interface TestStore extends Store {
  cache: Map<string, string>;
  counts: Map<string, number>;
  /** When true, every cache and counter call rejects. */
  broken: boolean;
}

export function memoryStore(): TestStore {
  const cache = new Map<string, string>();
  const counts = new Map<string, number>();
  const meta = new Map<string, unknown>();
  const state = { broken: false };
  const check = () => {
    if (state.broken) throw new Error('store unavailable');
  };
  const translations: CacheRepo = {
    async getMany(keys) {
      check();
      return keys.map((k) => cache.get(k));
    },
    async setMany(entries) {
      check();
      for (const e of entries) cache.set(e.key, e.value);
    },
  };
  const counters: CounterRepo = {
    async incr(key, by) {
      check();
      const n = (counts.get(key) ?? 0) + by;
      counts.set(key, n);
      return n;
    },
    async get(key) {
      check();
      return counts.get(key) ?? 0;
    },
  };
  const metaRepo: MetaRepo = {
    async get<T>(key: string) {
      return meta.get(key) as T | undefined;
    },
    async set(key, value) {
      meta.set(key, value);
    },
  };
  const unused = new Proxy(
    {},
    {
      get() {
        throw new Error('not used by the translator');
      },
    },
  );
  const store = {
    backend: 'memory',
    subscribers: unused,
    articles: unused,
    digests: unused,
    deliveries: unused,
    feeds: unused,
    sources: unused,
    locks: unused,
    translations,
    counters,
    meta: metaRepo,
    cache,
    counts,
    async close() {},
    get broken() {
      return state.broken;
    },
    set broken(v: boolean) {
      state.broken = v;
    },
  };
  return store as unknown as TestStore;
}
