/**
 * keyv's store for the SQL backends, run on the connection the driver owns. It keeps the table
 * @keyv/sqlite and @keyv/postgres kept (`keyv`: key VARCHAR(255) PRIMARY KEY, value TEXT), so a
 * store they wrote reads back unchanged.
 *
 * keyv does the rest, as it did over those adapters: keys arrive already prefixed with the
 * namespace ("khulasa:art:…"), values arrive already serialized ('{"value":…,"expires":…}'),
 * and keyv checks `expires` on each read and deletes what has passed. This store never looks
 * inside a value and keeps no expiry of its own.
 */
import { EventEmitter } from 'node:events';
import { chunks, dedupeEntries } from './driver.js';

/** Runs one statement and resolves to the rows it returned (none for a write without RETURNING). */
export type SqlQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** How one SQL dialect spells the few things the statements below need. */
export interface SqlDialect {
  /** The name keyv checks before it offers `iterator()` ("sqlite", "postgres"). */
  readonly name: string;
  /** The n-th parameter (from 1), a string. */
  text(n: number): string;
  /** The n-th parameter, an integer. */
  int(n: number): string;
  /** `column` is one of the strings in the n-th parameter. */
  inSet(column: string, n: number): string;
  /** The n-th parameter for `inSet`. */
  encodeSet(items: string[]): unknown;
  /** Rows (key, value) from the parameters from n on, as a SELECT. */
  pairs(n: number): string;
  /** The parameters for `pairs`. */
  encodePairs(entries: [string, string][]): unknown[];
}

/** SQLite: numbered parameters, lists as JSON arrays read by json_each. */
export const SQLITE: SqlDialect = {
  name: 'sqlite',
  text: (n) => `?${n}`,
  int: (n) => `?${n}`,
  inSet: (column, n) => `${column} IN (SELECT value FROM json_each(?${n}))`,
  encodeSet: (items) => JSON.stringify(items),
  pairs: (n) =>
    `SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?${n})`,
  encodePairs: (entries) => [JSON.stringify(entries)],
};

/** PostgreSQL: typed parameters, lists as arrays. */
export const POSTGRES: SqlDialect = {
  name: 'postgres',
  text: (n) => `$${n}::text`,
  int: (n) => `$${n}::int`,
  inSet: (column, n) => `${column} = ANY($${n}::text[])`,
  encodeSet: (items) => items,
  pairs: (n) => `SELECT * FROM unnest($${n}::text[], $${n + 1}::text[])`,
  encodePairs: (entries) => [entries.map((e) => e[0]), entries.map((e) => e[1])],
};

/** The table as @keyv/sqlite and @keyv/postgres created it (a no-op when it is there). */
export function keyvTableDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table}(key VARCHAR(255) PRIMARY KEY, value TEXT)`;
}

export interface KeyvSqlOptions {
  query: SqlQuery;
  dialect: SqlDialect;
  /**
   * The table, qualified as the statements must name it.
   * @default 'keyv'
   * @example '"public".keyv'
   */
  table?: string;
  /**
   * Rows read per statement by `iterator()`.
   * @default 100
   */
  pageSize?: number;
}

/** Statements carry at most this many keys, so none grows without bound. */
const BATCH = 500;

/**
 * A keyv store (`new Keyv({ store })`) over one SQL table.
 *
 * @example
 * const kv = new Keyv({ store: new KeyvSqlStore({ query, dialect: SQLITE }), namespace: 'khulasa' });
 */
export class KeyvSqlStore extends EventEmitter {
  /** keyv reads `dialect` to decide whether `iterator()` is offered. */
  readonly opts: { dialect: string; table: string };
  /** Set by keyv to its namespace; `clear()` removes only that namespace's keys. */
  namespace?: string;
  private readonly query: SqlQuery;
  private readonly d: SqlDialect;
  private readonly table: string;
  private readonly pageSize: number;

  constructor(options: KeyvSqlOptions) {
    super();
    this.query = options.query;
    this.d = options.dialect;
    this.table = options.table ?? 'keyv';
    this.pageSize = options.pageSize ?? 100;
    this.opts = { dialect: this.d.name, table: this.table };
  }

  /** `key` starts with parameter n (exact and case-sensitive, unlike LIKE on SQLite). */
  private startsWith(n: number): string {
    return `substr(key, 1, length(${this.d.text(n)})) = ${this.d.text(n)}`;
  }

  async get(key: string): Promise<string | undefined> {
    const rows = await this.query(`SELECT value FROM ${this.table} WHERE key = ${this.d.text(1)}`, [
      key,
    ]);
    return (rows[0]?.value as string | null | undefined) ?? undefined;
  }

  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    const found = new Map<string, string>();
    for (const part of chunks([...new Set(keys)], BATCH)) {
      const rows = await this.query(
        `SELECT key, value FROM ${this.table} WHERE ${this.d.inSet('key', 1)}`,
        [this.d.encodeSet(part)],
      );
      for (const r of rows) if (r.value !== null) found.set(r.key as string, r.value as string);
    }
    return keys.map((k) => found.get(k));
  }

  async set(key: string, value: string): Promise<void> {
    await this.query(
      `INSERT INTO ${this.table}(key, value) VALUES (${this.d.text(1)}, ${this.d.text(2)})
       ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      [key, value],
    );
  }

  async setMany(entries: { key: string; value: string }[]): Promise<void> {
    // One statement may not touch a row twice (PostgreSQL): the last value of a key wins.
    const pairs = dedupeEntries(entries.map((e) => [e.key, e.value]));
    for (const part of chunks(pairs, BATCH)) {
      await this.query(
        `INSERT INTO ${this.table}(key, value) ${this.d.pairs(1)} WHERE true
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        this.d.encodePairs(part),
      );
    }
  }

  /** True when the key was there. */
  async delete(key: string): Promise<boolean> {
    const rows = await this.query(
      `DELETE FROM ${this.table} WHERE key = ${this.d.text(1)} RETURNING key`,
      [key],
    );
    return rows.length > 0;
  }

  /** True when any of the keys was there. */
  async deleteMany(keys: string[]): Promise<boolean> {
    let any = false;
    for (const part of chunks([...new Set(keys)], BATCH)) {
      const rows = await this.query(
        `DELETE FROM ${this.table} WHERE ${this.d.inSet('key', 1)} RETURNING key`,
        [this.d.encodeSet(part)],
      );
      any ||= rows.length > 0;
    }
    return any;
  }

  /** Removes the keys of this namespace (every key when there is none). */
  async clear(): Promise<void> {
    if (this.namespace === undefined) {
      await this.query(`DELETE FROM ${this.table}`, []);
      return;
    }
    await this.query(`DELETE FROM ${this.table} WHERE ${this.startsWith(1)}`, [
      `${this.namespace}:`,
    ]);
  }

  /**
   * Every [key, serialized value] of a namespace, in key order, a page at a time: each page
   * starts after the last key of the one before, so neither time per page nor stack depth
   * grows with the table.
   */
  async *iterator(namespace?: string): AsyncGenerator<[string, string], void> {
    const prefix = namespace ? `${namespace}:` : '';
    let after: string | undefined;
    for (;;) {
      const rows =
        after === undefined
          ? await this.query(
              `SELECT key, value FROM ${this.table} WHERE ${this.startsWith(1)}
               ORDER BY key LIMIT ${this.d.int(2)}`,
              [prefix, this.pageSize],
            )
          : await this.query(
              `SELECT key, value FROM ${this.table} WHERE ${this.startsWith(1)} AND key > ${this.d.text(2)}
               ORDER BY key LIMIT ${this.d.int(3)}`,
              [prefix, after, this.pageSize],
            );
      for (const r of rows) {
        if (r.value !== null) yield [r.key as string, r.value as string];
      }
      if (rows.length < this.pageSize) return;
      after = rows[rows.length - 1]!.key as string;
    }
  }
}
