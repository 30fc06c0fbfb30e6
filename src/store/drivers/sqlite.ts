/**
 * Embedded SQLite on connections this driver opens (WAL journal, so a write is on disk once the
 * statement returns and several processes can share the file): keyv's table for plain values,
 * read and written by our keyv store (../keyv-sql.ts), and two tables of ours. Each operation is
 * one statement; compare-and-set uses RETURNING to learn whether it wrote.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import Keyv from 'keyv';
import sqlite3 from 'sqlite3';
import PQueue from 'p-queue';
import type { Logger } from '../../log.js';
import { chunks, dedupeEntries, dedupeTriples, type Driver } from '../driver.js';
import { KeyvSqlStore, SQLITE, keyvTableDdl } from '../keyv-sql.js';

type Query = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;

/** "sqlite://./data/x.sqlite" → absolute path (relative to the working directory). */
export function sqlitePath(url: string): string {
  const raw = url.replace(/^sqlite:\/\//i, '').replace(/\?.*$/, '');
  if (!raw)
    throw new Error('STORE_URL sqlite:// needs a file path, e.g. sqlite://./data/khulasa.sqlite');
  return raw === ':memory:' ? raw : resolve(decodeURIComponent(raw));
}

/**
 * `sqlite://file?max_page_count=N` caps the file at N pages (4 KiB each by default): a quota
 * for the store, and how the tests play a full disk.
 */
function maxPageCount(url: string): number | undefined {
  const raw = /[?&]max_page_count=(\d+)/i.exec(url)?.[1];
  return raw === undefined ? undefined : Number(raw);
}

/** Thrown when SQLite cannot grow the file: the write did not happen, the file is intact. */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
  constructor(path: string, options?: { cause?: unknown }) {
    super(
      `the store is full (${path}): SQLite could not grow the file (disk full or size cap); the write was not made and what is stored is intact; free disk space and the next write succeeds`,
      options,
    );
  }
}

function rethrowClearly(path: string) {
  return (err: unknown): never => {
    const e = err as { code?: string; message?: string };
    if (
      e?.code === 'SQLITE_FULL' ||
      /SQLITE_FULL|database or disk is full/i.test(e?.message ?? '')
    ) {
      throw new StoreFullError(path, { cause: err });
    }
    throw err;
  };
}

/** Opens a connection that waits up to 10 s for another process's write lock. */
function openDatabase(path: string): Promise<sqlite3.Database> {
  return new Promise<sqlite3.Database>((res, rej) => {
    const db = new sqlite3.Database(path, (err) => (err ? rej(err) : res(db)));
  }).then((db) => {
    db.configure('busyTimeout', 10_000);
    return db;
  });
}

function closeDatabase(db: sqlite3.Database): Promise<void> {
  return new Promise<void>((res, rej) => db.close((err) => (err ? rej(err) : res())));
}

export async function createSqliteDriver(url: string, log: Logger): Promise<Driver> {
  const path = sqlitePath(url);
  if (path === ':memory:') throw new Error('use STORE_URL=memory:// for a store that is not saved');
  mkdirSync(dirname(path), { recursive: true });
  const db = await openDatabase(path);
  const rawQuery = promisify(db.all.bind(db)) as unknown as Query;
  // One writer at a time in this process, keyv's statements included: a write that had to wait
  // for SQLite's lock would hold one of libuv's four threads while it waited (busy timeout), and a
  // few of those could leave no thread for the transaction they wait on to commit. Writes queue
  // here instead; reads never wait (WAL); other processes still meet the busy timeout.
  const writes = new PQueue({ concurrency: 1 });
  /** Runs `fn` after every write queued before it has settled; its error goes to the caller only. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return writes.add(() => fn());
  }
  const query: Query = (sql, ...params) =>
    /^\s*SELECT\b/i.test(sql)
      ? rawQuery(sql, ...params)
      : exclusive(() => rawQuery(sql, ...params).catch(rethrowClearly(path)));

  // WAL lets readers and one writer work at once across processes; NORMAL sync keeps every
  // committed write through a process crash (only an OS crash can lose the last ones).
  await query('PRAGMA journal_mode=WAL');
  await query('PRAGMA synchronous=NORMAL');
  // The default 2 MB page cache makes a due-time tick at 100,000 subscribers go to the OS.
  await query('PRAGMA cache_size=-32768');
  const maxPages = maxPageCount(url);
  if (maxPages !== undefined) await query(`PRAGMA max_page_count=${maxPages}`);
  await query(keyvTableDdl('keyv'));
  await query(
    'CREATE TABLE IF NOT EXISTS khulasa_kv(k TEXT PRIMARY KEY, v TEXT NOT NULL, expires INTEGER) WITHOUT ROWID',
  );
  await query(
    'CREATE TABLE IF NOT EXISTS khulasa_hash(k TEXT NOT NULL, f TEXT NOT NULL, v TEXT NOT NULL, PRIMARY KEY (k, f)) WITHOUT ROWID',
  );

  const kv = new Keyv({
    store: new KeyvSqlStore({ query: (sql, params) => query(sql, ...params), dialect: SQLITE }),
    namespace: 'khulasa',
    // A write that did not happen (a full disk, a lost connection) reaches the caller; keyv
    // would otherwise only report it as an event, and the caller go on as if it were stored.
    throwOnErrors: true,
  });
  kv.on('error', (err: Error) => log.error({ err: err.message }, 'store: sqlite error'));

  // Transactions run on a second connection of their own: statements of other operations on the
  // first connection can then never slip into one. They take the same write queue as single
  // writes; other processes wait on SQLite's write lock (busy timeout).
  const txDb = await openDatabase(path);
  const txAllRaw = promisify(txDb.all.bind(txDb)) as unknown as Query;
  const txAll: Query = (sql, ...params) => txAllRaw(sql, ...params).catch(rethrowClearly(path));
  if (maxPages !== undefined) await txAll(`PRAGMA max_page_count=${maxPages}`);
  function transaction(fn: (run: Query) => Promise<void>): Promise<void> {
    return exclusive(async () => {
      await txAll('BEGIN IMMEDIATE');
      try {
        await fn(txAll);
        await txAll('COMMIT');
      } catch (err) {
        await txAll('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  const LIVE = '(expires IS NULL OR expires > ?)';
  const exp = (ttlMs?: number) => (ttlMs && ttlMs > 0 ? Date.now() + ttlMs : null);

  return {
    backend: 'sqlite',
    kv,
    async get(key) {
      const rows = await query(`SELECT v FROM khulasa_kv WHERE k = ? AND ${LIVE}`, key, Date.now());
      return rows[0]?.v as string | undefined;
    },
    async getMany(keys) {
      const found = new Map<string, string>();
      for (const part of chunks(keys, 500)) {
        const rows = await query(
          `SELECT k, v FROM khulasa_kv WHERE k IN (SELECT value FROM json_each(?)) AND ${LIVE}`,
          JSON.stringify(part),
          Date.now(),
        );
        for (const r of rows) found.set(r.k as string, r.v as string);
      }
      return keys.map((k) => found.get(k));
    },
    async set(key, value, ttlMs) {
      await query(
        'INSERT INTO khulasa_kv(k, v, expires) VALUES (?, ?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v, expires = excluded.expires',
        key,
        value,
        exp(ttlMs),
      );
    },
    async cas(key, expected, next, ttlMs) {
      const now = Date.now();
      let rows: Record<string, unknown>[];
      if (expected === undefined && next === undefined) {
        rows = await query(`SELECT k FROM khulasa_kv WHERE k = ? AND ${LIVE}`, key, now);
        return rows.length === 0;
      }
      if (expected === undefined) {
        rows = await query(
          `INSERT INTO khulasa_kv(k, v, expires) VALUES (?, ?, ?)
           ON CONFLICT(k) DO UPDATE SET v = excluded.v, expires = excluded.expires
           WHERE khulasa_kv.expires IS NOT NULL AND khulasa_kv.expires <= ? RETURNING k`,
          key,
          next,
          exp(ttlMs),
          now,
        );
      } else if (next === undefined) {
        rows = await query(
          `DELETE FROM khulasa_kv WHERE k = ? AND v = ? AND ${LIVE} RETURNING k`,
          key,
          expected,
          now,
        );
      } else {
        rows = await query(
          `UPDATE khulasa_kv SET v = ?, expires = ? WHERE k = ? AND v = ? AND ${LIVE} RETURNING k`,
          next,
          exp(ttlMs),
          key,
          expected,
          now,
        );
      }
      return rows.length === 1;
    },
    async incr(key, by, ttlMs) {
      const now = Date.now();
      const rows = await query(
        `INSERT INTO khulasa_kv(k, v, expires) VALUES (?1, ?2, ?3)
         ON CONFLICT(k) DO UPDATE SET
           v = CASE WHEN khulasa_kv.expires IS NOT NULL AND khulasa_kv.expires <= ?4
                    THEN excluded.v ELSE CAST(CAST(khulasa_kv.v AS INTEGER) + ?5 AS TEXT) END,
           expires = CASE WHEN khulasa_kv.expires IS NOT NULL AND khulasa_kv.expires <= ?4
                    THEN excluded.expires ELSE khulasa_kv.expires END
         RETURNING v`,
        key,
        String(by),
        exp(ttlMs),
        now,
        by,
      );
      return Number(rows[0]?.v);
    },
    async hset(key, entries) {
      for (const part of chunks(dedupeEntries(entries), 500)) {
        await query(
          `INSERT INTO khulasa_hash(k, f, v)
           SELECT ?, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true
           ON CONFLICT(k, f) DO UPDATE SET v = excluded.v`,
          key,
          JSON.stringify(part),
        );
      }
    },
    async hdel(key, fields) {
      for (const part of chunks(fields, 500)) {
        await query(
          'DELETE FROM khulasa_hash WHERE k = ? AND f IN (SELECT value FROM json_each(?))',
          key,
          JSON.stringify(part),
        );
      }
    },
    async hget(key, fields) {
      const found = new Map<string, string>();
      for (const part of chunks(fields, 500)) {
        const rows = await query(
          'SELECT f, v FROM khulasa_hash WHERE k = ? AND f IN (SELECT value FROM json_each(?))',
          key,
          JSON.stringify(part),
        );
        for (const r of rows) found.set(r.f as string, r.v as string);
      }
      return fields.map((f) => found.get(f));
    },
    async hentries(keys) {
      const out: [string, string, string][] = [];
      for (const part of chunks(keys, 500)) {
        const rows = await query(
          // CROSS JOIN keeps the list of keys as the outer loop: one index range per key.
          `SELECT b.k AS k, b.f AS f, b.v AS v FROM json_each(?) AS j
           CROSS JOIN khulasa_hash b ON b.k = j.value`,
          JSON.stringify(part),
        );
        for (const r of rows) out.push([r.k as string, r.f as string, r.v as string]);
      }
      return out;
    },
    hbatch(sets, dels) {
      return transaction(async (run) => {
        for (const part of chunks(dedupeTriples(sets), 500)) {
          await run(
            `INSERT INTO khulasa_hash(k, f, v)
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
             FROM json_each(?) WHERE true
             ON CONFLICT(k, f) DO UPDATE SET v = excluded.v`,
            JSON.stringify(part),
          );
        }
        for (const part of chunks(dels, 500)) {
          await run(
            `DELETE FROM khulasa_hash WHERE (k, f) IN
             (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`,
            JSON.stringify(part),
          );
        }
      });
    },
    async *hscan(key, pageSize = 1000) {
      let after = '';
      let first = true;
      for (;;) {
        const rows = first
          ? await query(
              'SELECT f, v FROM khulasa_hash WHERE k = ? ORDER BY f LIMIT ?',
              key,
              pageSize,
            )
          : await query(
              'SELECT f, v FROM khulasa_hash WHERE k = ? AND f > ? ORDER BY f LIMIT ?',
              key,
              after,
              pageSize,
            );
        first = false;
        if (rows.length === 0) return;
        yield rows.map((r) => [r.f as string, r.v as string] as [string, string]);
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]!.f as string;
      }
    },
    async hlen(key) {
      const rows = await query('SELECT COUNT(*) AS n FROM khulasa_hash WHERE k = ?', key);
      return Number(rows[0]?.n ?? 0);
    },
    async hclear(key) {
      await query('DELETE FROM khulasa_hash WHERE k = ?', key);
    },
    async lockMany(keys, value, ttlMs) {
      const got: string[] = [];
      for (const part of chunks(keys, 500)) {
        const rows = await query(
          `INSERT INTO khulasa_kv(k, v, expires) SELECT value, ?, ? FROM json_each(?) WHERE true
           ON CONFLICT(k) DO UPDATE SET v = excluded.v, expires = excluded.expires
           WHERE khulasa_kv.expires IS NOT NULL AND khulasa_kv.expires <= ? RETURNING k`,
          value,
          exp(ttlMs),
          JSON.stringify(part),
          Date.now(),
        );
        for (const r of rows) got.push(r.k as string);
      }
      return got;
    },
    async unlockMany(keys, value) {
      for (const part of chunks(keys, 500)) {
        await query(
          'DELETE FROM khulasa_kv WHERE k IN (SELECT value FROM json_each(?)) AND v = ?',
          JSON.stringify(part),
          value,
        );
      }
    },
    async sweep() {
      await query('DELETE FROM khulasa_kv WHERE expires IS NOT NULL AND expires <= ?', Date.now());
    },
    async close() {
      await writes.onIdle();
      await closeDatabase(db);
      await closeDatabase(txDb);
    },
  };
}
