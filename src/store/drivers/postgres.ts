/**
 * PostgreSQL: keyv's table for plain values, read and written by our keyv store
 * (../keyv-sql.ts), and two tables of ours, all in one schema (`?schema=`, default "public"),
 * every statement on one connection pool that this driver owns (so each store has its own).
 * Each operation is one statement: compare-and-set is a conditional UPDATE/DELETE or
 * INSERT … ON CONFLICT, whose row count says whether it wrote; counters use
 * INSERT … ON CONFLICT … RETURNING.
 */
import Keyv from 'keyv';
import type { Logger } from '../../log.js';
import { chunks, dedupeEntries, dedupeTriples, type Driver } from '../driver.js';
import { KeyvSqlStore, POSTGRES, keyvTableDdl } from '../keyv-sql.js';

export function postgresOptions(url: string): { url: string; schema: string } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? 'public';
  u.searchParams.delete('schema');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`STORE_URL schema '${schema}' must be lower-case letters, digits and _`);
  }
  return { url: u.toString(), schema };
}

/** The few parts of the `pg` client used here (the package ships no types). */
interface QueryResult {
  /** Rows by column name; every column a query selects is present. */
  rows: Record<string, string>[];
  rowCount: number | null;
}
interface Pool {
  query(sql: string, values?: unknown[]): Promise<QueryResult>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
}
interface PgModule {
  Pool: new (opts: Record<string, unknown>) => Pool;
}

export async function createPostgresDriver(url: string, log: Logger): Promise<Driver> {
  const { url: connectionString, schema } = postgresOptions(url);
  const pg = ((await import('pg' as string)) as { default: PgModule }).default;
  const pool = new pg.Pool({ connectionString, max: 5, allowExitOnIdle: true });
  pool.on('error', (err) => log.error({ err: err.message }, 'store: postgres error'));
  const q = async (sql: string, values?: unknown[]) => pool.query(sql, values);

  const KEYV = `"${schema}".keyv`;
  const KV = `"${schema}".khulasa_kv`;
  const HASH = `"${schema}".khulasa_hash`;
  const ddl = [
    `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
    keyvTableDdl(KEYV),
    `CREATE TABLE IF NOT EXISTS ${KV}(k TEXT PRIMARY KEY, v TEXT NOT NULL, expires BIGINT)`,
    `CREATE TABLE IF NOT EXISTS ${HASH}(k TEXT COLLATE "C" NOT NULL, f TEXT COLLATE "C" NOT NULL, v TEXT NOT NULL, PRIMARY KEY (k, f))`,
  ];
  for (const sql of ddl) {
    try {
      await q(sql);
    } catch (err) {
      const sysCode = (err as { code?: string }).code;
      // Network errors carry E… codes (ECONNREFUSED); SQLSTATE codes never start with E.
      if (sql === ddl[0] && (!sysCode || sysCode.startsWith('E'))) {
        await pool.end();
        const where = new URL(connectionString).host;
        throw new Error(`cannot reach PostgreSQL at ${where}: ${(err as Error).message}`);
      }
      // Two processes creating the same table at once: the loser sees a duplicate.
      const code = (err as { code?: string }).code;
      if (code !== '23505' && code !== '42P07' && code !== '42P06') {
        await pool.end();
        throw err;
      }
    }
  }

  const kv = new Keyv({
    store: new KeyvSqlStore({
      query: async (sql, params) => (await q(sql, params)).rows,
      dialect: POSTGRES,
      table: KEYV,
    }),
    namespace: 'khulasa',
    // A write that did not happen (a full disk, a lost connection) reaches the caller; keyv
    // would otherwise only report it as an event, and the caller go on as if it were stored.
    throwOnErrors: true,
  });
  kv.on('error', (err: Error) => log.error({ err: err.message }, 'store: postgres error'));

  const LIVE = (n: number) => `(expires IS NULL OR expires > $${n})`;
  const exp = (ttlMs?: number) => (ttlMs && ttlMs > 0 ? Date.now() + ttlMs : null);

  return {
    backend: 'postgres',
    kv,
    async get(key) {
      const r = await q(`SELECT v FROM ${KV} WHERE k = $1 AND ${LIVE(2)}`, [key, Date.now()]);
      return r.rows[0]?.v as string | undefined;
    },
    async getMany(keys) {
      const found = new Map<string, string>();
      for (const part of chunks(keys, 1000)) {
        const r = await q(`SELECT k, v FROM ${KV} WHERE k = ANY($1::text[]) AND ${LIVE(2)}`, [
          part,
          Date.now(),
        ]);
        for (const row of r.rows) found.set(row.k!, row.v!);
      }
      return keys.map((k) => found.get(k));
    },
    async set(key, value, ttlMs) {
      await q(
        `INSERT INTO ${KV}(k, v, expires) VALUES ($1, $2, $3) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, expires = EXCLUDED.expires`,
        [key, value, exp(ttlMs)],
      );
    },
    async cas(key, expected, next, ttlMs) {
      const now = Date.now();
      if (expected === undefined && next === undefined) {
        const r = await q(`SELECT 1 FROM ${KV} WHERE k = $1 AND ${LIVE(2)}`, [key, now]);
        return r.rowCount === 0;
      }
      let r: QueryResult;
      if (expected === undefined) {
        r = await q(
          `INSERT INTO ${KV} AS t(k, v, expires) VALUES ($1, $2, $3)
           ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, expires = EXCLUDED.expires
           WHERE t.expires IS NOT NULL AND t.expires <= $4`,
          [key, next, exp(ttlMs), now],
        );
      } else if (next === undefined) {
        r = await q(`DELETE FROM ${KV} WHERE k = $1 AND v = $2 AND ${LIVE(3)}`, [
          key,
          expected,
          now,
        ]);
      } else {
        r = await q(
          `UPDATE ${KV} SET v = $1, expires = $2 WHERE k = $3 AND v = $4 AND ${LIVE(5)}`,
          [next, exp(ttlMs), key, expected, now],
        );
      }
      return r.rowCount === 1;
    },
    async incr(key, by, ttlMs) {
      const r = await q(
        `INSERT INTO ${KV} AS t(k, v, expires) VALUES ($1, $2::bigint::text, $3)
         ON CONFLICT (k) DO UPDATE SET
           v = CASE WHEN t.expires IS NOT NULL AND t.expires <= $4 THEN EXCLUDED.v
                    ELSE (t.v::bigint + $2::bigint)::text END,
           expires = CASE WHEN t.expires IS NOT NULL AND t.expires <= $4 THEN EXCLUDED.expires
                    ELSE t.expires END
         RETURNING v`,
        [key, by, exp(ttlMs), Date.now()],
      );
      return Number(r.rows[0]?.v);
    },
    async hset(key, entries) {
      for (const part of chunks(dedupeEntries(entries), 1000)) {
        if (part.length === 0) continue;
        await q(
          `INSERT INTO ${HASH}(k, f, v) SELECT $1, f, v FROM unnest($2::text[], $3::text[]) AS u(f, v)
           ON CONFLICT (k, f) DO UPDATE SET v = EXCLUDED.v`,
          [key, part.map((e) => e[0]), part.map((e) => e[1])],
        );
      }
    },
    async hdel(key, fields) {
      for (const part of chunks(fields, 1000)) {
        await q(`DELETE FROM ${HASH} WHERE k = $1 AND f = ANY($2::text[])`, [key, part]);
      }
    },
    async hget(key, fields) {
      const found = new Map<string, string>();
      for (const part of chunks(fields, 1000)) {
        const r = await q(`SELECT f, v FROM ${HASH} WHERE k = $1 AND f = ANY($2::text[])`, [
          key,
          part,
        ]);
        for (const row of r.rows) found.set(row.f!, row.v!);
      }
      return fields.map((f) => found.get(f));
    },
    async hentries(keys) {
      if (keys.length === 0) return [];
      const r = await q(`SELECT k, f, v FROM ${HASH} WHERE k = ANY($1::text[])`, [keys]);
      return r.rows.map((row) => [row.k!, row.f!, row.v!] as [string, string, string]);
    },
    async hbatch(sets, dels) {
      const s = dedupeTriples(sets);
      // One statement is one transaction: the delete and the upsert land together.
      await q(
        `WITH gone AS (
           DELETE FROM ${HASH} h USING unnest($4::text[], $5::text[]) AS u(k, f)
           WHERE h.k = u.k AND h.f = u.f)
         INSERT INTO ${HASH}(k, f, v) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (k, f) DO UPDATE SET v = EXCLUDED.v`,
        [
          s.map((e) => e[0]),
          s.map((e) => e[1]),
          s.map((e) => e[2]),
          dels.map((e) => e[0]),
          dels.map((e) => e[1]),
        ],
      );
    },
    async *hscan(key, pageSize = 1000) {
      let after: string | undefined;
      for (;;) {
        const r =
          after === undefined
            ? await q(`SELECT f, v FROM ${HASH} WHERE k = $1 ORDER BY f LIMIT $2`, [key, pageSize])
            : await q(`SELECT f, v FROM ${HASH} WHERE k = $1 AND f > $2 ORDER BY f LIMIT $3`, [
                key,
                after,
                pageSize,
              ]);
        if (r.rows.length === 0) return;
        yield r.rows.map((row) => [row.f, row.v] as [string, string]);
        if (r.rows.length < pageSize) return;
        after = r.rows[r.rows.length - 1]!.f;
      }
    },
    async hlen(key) {
      const r = await q(`SELECT COUNT(*)::int AS n FROM ${HASH} WHERE k = $1`, [key]);
      return Number(r.rows[0]?.n ?? 0);
    },
    async hclear(key) {
      await q(`DELETE FROM ${HASH} WHERE k = $1`, [key]);
    },
    async lockMany(keys, value, ttlMs) {
      const got: string[] = [];
      for (const part of chunks([...new Set(keys)], 1000)) {
        const r = await q(
          `INSERT INTO ${KV} AS t(k, v, expires) SELECT k, $2, $3 FROM unnest($1::text[]) AS u(k)
           ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, expires = EXCLUDED.expires
           WHERE t.expires IS NOT NULL AND t.expires <= $4 RETURNING k`,
          [part, value, exp(ttlMs), Date.now()],
        );
        for (const row of r.rows) got.push(row.k!);
      }
      return got;
    },
    async unlockMany(keys, value) {
      for (const part of chunks(keys, 1000)) {
        await q(`DELETE FROM ${KV} WHERE k = ANY($1::text[]) AND v = $2`, [part, value]);
      }
    },
    async sweep() {
      await q(`DELETE FROM ${KV} WHERE expires IS NOT NULL AND expires <= $1`, [Date.now()]);
    },
    async close() {
      await pool.end();
    },
  };
}

/** Drops a schema and all in it (benchmarks and tests clean up after themselves). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const pg = ((await import('pg' as string)) as { default: PgModule }).default;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pool.end();
  }
}
