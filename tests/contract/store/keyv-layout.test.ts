/**
 * The plain values of the SQL backends live in the table @keyv/sqlite and @keyv/postgres created
 * (`keyv`: key VARCHAR(255) PRIMARY KEY, value TEXT; keys prefixed "khulasa:", values in keyv's
 * JSON with "expires" inside). Rows written that way before are read, expired, cleared and
 * iterated as keyv did, and what is written now keeps that layout.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import type { Driver } from '../../../src/store/driver.js';
import { postgresOptions } from '../../../src/store/drivers/postgres.js';
import { sqlitePath } from '../../../src/store/drivers/sqlite.js';
import { openDriver } from '../../../src/store/index.js';
import { testBackends, type TestBackend } from './backends.js';

/** The statement both official adapters ran (SQLite keeps its text, spacing included). */
const OLD_DDL = (table: string) =>
  `CREATE TABLE IF NOT EXISTS ${table}(key VARCHAR(255) PRIMARY KEY, value TEXT )`;

/** Plain SQL on the backend, beside the driver: rows in, rows out, as an older version would. */
interface Raw {
  createOldTable(): Promise<void>;
  insert(rows: [string, string][]): Promise<void>;
  rows(): Promise<Map<string, string>>;
  close(): Promise<void>;
}

async function sqliteRaw(url: string): Promise<Raw> {
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  const db = await new Promise<sqlite3.Database>((res, rej) => {
    const d = new sqlite3.Database(path, (err) => (err ? rej(err) : res(d)));
  });
  const all = promisify(db.all.bind(db)) as unknown as (
    sql: string,
    ...params: unknown[]
  ) => Promise<Record<string, string>[]>;
  return {
    createOldTable: async () => void (await all(OLD_DDL('keyv'))),
    async insert(rows) {
      for (const [k, v] of rows) await all('INSERT INTO keyv(key, value) VALUES (?, ?)', k, v);
    },
    async rows() {
      return new Map((await all('SELECT key, value FROM keyv')).map((r) => [r.key!, r.value!]));
    },
    close: () => new Promise<void>((res, rej) => db.close((err) => (err ? rej(err) : res()))),
  };
}

interface PgPool {
  query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, string>[] }>;
  end(): Promise<void>;
}

async function postgresRaw(url: string): Promise<Raw> {
  const { url: connectionString, schema } = postgresOptions(url);
  const pg = (
    (await import('pg' as string)) as {
      default: { Pool: new (o: Record<string, unknown>) => PgPool };
    }
  ).default;
  const pool = new pg.Pool({ connectionString, max: 1 });
  const table = `${schema}.keyv`;
  return {
    async createOldTable() {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await pool.query(OLD_DDL(table));
    },
    async insert(rows) {
      for (const [k, v] of rows) {
        await pool.query(`INSERT INTO ${table}(key, value) VALUES ($1, $2)`, [k, v]);
      }
    },
    async rows() {
      const r = await pool.query(`SELECT key, value FROM ${table}`);
      return new Map(r.rows.map((row) => [row.key!, row.value!]));
    },
    close: () => pool.end(),
  };
}

const sqlBackends = testBackends().filter((b) => b.name === 'sqlite' || b.name === 'postgres');

describe.each(sqlBackends.map((b) => [b.name, b.make] as const))(
  'keyv values on %s',
  (name, make) => {
    let backend: TestBackend;
    let raw: Raw;
    let driver: Driver;
    const past = Date.now() - 60_000;
    const future = Date.now() + 3_600_000;

    beforeAll(async () => {
      backend = make();
      raw = name === 'sqlite' ? await sqliteRaw(backend.url) : await postgresRaw(backend.url);
      // A store as the earlier version left it, before this driver ever opened it.
      await raw.createOldTable();
      await raw.insert([
        ['khulasa:art:a1', '{"value":{"id":"a1","title":"عنوان"},"expires":' + future + '}'],
        ['khulasa:meta:version', '{"value":1}'],
        ['khulasa:tr:colon', '{"value":"::starts with a colon"}'],
        ['khulasa:tr:gone', '{"value":"old","expires":' + past + '}'],
        ['khulasa:tr:x1', '{"value":"x1"}'],
        ['other:tr:x1', '{"value":"not ours"}'],
        ['KHULASA:tr:x1', '{"value":"not ours either"}'],
      ]);
      driver = await openDriver(backend.url, silentLogger());
    });
    afterAll(async () => {
      await driver?.close();
      await raw?.close();
      await backend?.cleanup();
    });

    it('reads values written in the earlier layout', async () => {
      expect(await driver.kv.get('art:a1')).toEqual({ id: 'a1', title: 'عنوان' });
      expect(await driver.kv.get('meta:version')).toBe(1);
      expect(await driver.kv.get(['tr:colon', 'tr:x1', 'tr:missing'])).toEqual([
        ':starts with a colon',
        'x1',
        undefined,
      ]);
    });

    it('answers undefined for an expired value and deletes its row', async () => {
      expect((await raw.rows()).has('khulasa:tr:gone')).toBe(true);
      expect(await driver.kv.get('tr:gone')).toBeUndefined();
      expect((await raw.rows()).has('khulasa:tr:gone')).toBe(false);
    });

    it('writes in the same layout, so the earlier version can still read', async () => {
      await driver.kv.set('meta:new', { n: 2 });
      await driver.kv.set('tr:ttl', 'مؤقت', 60_000);
      await driver.kv.setMany([
        { key: 'tr:m1', value: 'one' },
        { key: 'tr:m1', value: 'one, again' },
        { key: 'tr:m2', value: 'two' },
      ]);
      const rows = await raw.rows();
      expect(rows.get('khulasa:meta:new')).toBe('{"value":{"n":2}}');
      const ttl = JSON.parse(rows.get('khulasa:tr:ttl')!) as { value: string; expires: number };
      expect(ttl.value).toBe('مؤقت');
      expect(ttl.expires).toBeGreaterThan(Date.now());
      expect(ttl.expires).toBeLessThanOrEqual(Date.now() + 60_000);
      expect(rows.get('khulasa:tr:m1')).toBe('{"value":"one, again"}');
      expect(rows.get('khulasa:tr:m2')).toBe('{"value":"two"}');
    });

    it('says whether a delete found anything', async () => {
      await driver.kv.set('tr:d1', 'x');
      await driver.kv.set('tr:d2', 'y');
      expect(await driver.kv.delete('tr:d1')).toBe(true);
      expect(await driver.kv.delete('tr:d1')).toBe(false);
      expect(await driver.kv.delete(['tr:d1', 'tr:d2'])).toBe(true);
      expect(await driver.kv.delete(['tr:d1', 'tr:d2'])).toBe(false);
      expect(await driver.kv.get(['tr:d1', 'tr:d2'])).toEqual([undefined, undefined]);
    });

    it('iterates every value of the namespace, page after page, skipping the expired', async () => {
      const many = Array.from({ length: 250 }, (_, i) => ({
        key: `it:${String(i).padStart(3, '0')}`,
        value: i,
      }));
      await driver.kv.setMany(many);
      await raw.insert([['khulasa:it:expired', '{"value":-1,"expires":' + past + '}']]);
      const seen = new Map<string, unknown>();
      const iterate = driver.kv.iterator as unknown as () => AsyncGenerator<[string, unknown]>;
      for await (const [k, v] of iterate.call(driver.kv)) seen.set(k, v);
      for (const e of many) expect(seen.get(e.key)).toBe(e.value);
      expect(seen.has('it:expired')).toBe(false);
      expect(seen.get('tr:x1')).toBe('x1');
      expect([...seen.values()]).not.toContain('not ours');
      expect([...seen.values()]).not.toContain('not ours either');
      expect((await raw.rows()).has('khulasa:it:expired')).toBe(false);
    });

    it('clears only the keys of its namespace', async () => {
      await driver.kv.clear();
      const rows = await raw.rows();
      expect([...rows.keys()].sort()).toEqual(['KHULASA:tr:x1', 'other:tr:x1']);
    });
  },
);
