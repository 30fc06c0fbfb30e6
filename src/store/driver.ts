/**
 * What a backend gives the repositories. Each driver owns its connections (a sqlite3 database,
 * a pg pool, a Redis client, chosen by STORE_URL) and runs every statement on them. Plain
 * expiring values (articles, digests, translations, meta) go through keyv, over a keyv store
 * that runs on those same connections (keyv-sql.ts for SQLite and PostgreSQL, @keyv/redis on
 * the driver's client for Redis); the few things keyv cannot do atomically or index —
 * compare-and-set, counters, hashes used as indexes — are the driver's own statements.
 *
 * Every operation is one atomic statement (or Lua script) on the backend, so several processes
 * sharing one Redis, PostgreSQL or SQLite file stay consistent without transactions.
 */
import type Keyv from 'keyv';

export type BackendName = 'memory' | 'sqlite' | 'redis' | 'postgres';

export interface Driver {
  readonly backend: BackendName;
  /** Plain expiring values; keys are short ASCII (see kvKey). */
  readonly kv: Keyv;

  /** A raw string value, undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  getMany(keys: string[]): Promise<(string | undefined)[]>;
  /** Unconditional write (ttlMs: native expiry, absent = never). */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /**
   * Compare-and-set: writes `next` (deletes when undefined) only if the current value is exactly
   * `expected` (undefined = absent or expired). True when it wrote.
   */
  cas(
    key: string,
    expected: string | undefined,
    next: string | undefined,
    ttlMs?: number,
  ): Promise<boolean>;
  /** Atomic add; a new counter (or an expired one) starts at 0 and expires ttlMs after creation. */
  incr(key: string, by: number, ttlMs?: number): Promise<number>;

  /** Hashes: field → value maps, used as indexes. */
  hset(key: string, entries: [string, string][]): Promise<void>;
  hdel(key: string, fields: string[]): Promise<void>;
  hget(key: string, fields: string[]): Promise<(string | undefined)[]>;
  /** Every entry of several hashes, as [hash key, field, value] (the buckets of one tick). */
  hentries(keys: string[]): Promise<[string, string, string][]>;
  /**
   * Hash writes and deletes applied atomically, as one transaction (sets: [hash key, field,
   * value]; dels: [hash key, field]). A record and its index entries move together, so a crash
   * never leaves one without the other.
   */
  hbatch(sets: [string, string, string][], dels: [string, string][]): Promise<void>;
  /** Every entry of one hash, in pages (never the whole hash in one reply). */
  hscan(key: string, pageSize?: number): AsyncIterable<[string, string][]>;
  hlen(key: string): Promise<number>;
  hclear(key: string): Promise<void>;

  /**
   * Set-if-absent of many raw keys to `value` (expiring), in one round trip: the keys it took.
   * Used to hold many per-record mutexes at once in bulk writes.
   */
  lockMany(keys: string[], value: string, ttlMs: number): Promise<string[]>;
  /** Deletes those of `keys` whose value is still `value`. */
  unlockMany(keys: string[], value: string): Promise<void>;

  /** Removes expired raw values on backends without native expiry. */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Removes duplicate fields, the last value winning (one statement may not touch a row twice). */
export function dedupeEntries(entries: [string, string][]): [string, string][] {
  return [...new Map(entries).entries()];
}

/** Removes duplicate (key, field) pairs, the last value winning. */
export function dedupeTriples(entries: [string, string, string][]): [string, string, string][] {
  const m = new Map<string, [string, string, string]>();
  for (const e of entries) m.set(`${e[0]}\u0000${e[1]}`, e);
  return [...m.values()];
}
