/**
 * The backends the store contract suite runs against: memory and SQLite always, Redis and
 * PostgreSQL when TEST_REDIS_URL / TEST_POSTGRES_URL are set. Each run gets a fresh temp folder,
 * Redis key prefix or PostgreSQL schema, removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropPostgresSchema } from '../../../src/store/drivers/postgres.js';
import { dropRedisPrefix } from '../../../src/store/drivers/redis.js';

export interface TestBackend {
  name: string;
  /** A URL for a fresh, empty store of this backend. Every call in one run shares the data. */
  url: string;
  /** True when two createStore() calls on `url` see the same data (not memory). */
  shared: boolean;
  cleanup(): Promise<void>;
}

/** Names and factories; a factory makes the temp folder / prefix / schema only when called. */
export function testBackends(): { name: string; make: () => TestBackend }[] {
  return backendFactories().map((make) => ({ name: make.backendName, make }));
}

type Factory = (() => TestBackend) & { backendName: string };
const named = (backendName: string, make: () => TestBackend): Factory =>
  Object.assign(make, { backendName });

function backendFactories(): Factory[] {
  const list: Factory[] = [
    named('memory', () => ({
      name: 'memory',
      url: 'memory://',
      shared: false,
      cleanup: async () => undefined,
    })),
    named('sqlite', () => {
      const dir = mkdtempSync(join(tmpdir(), 'khulasa-store-'));
      return {
        name: 'sqlite',
        url: `sqlite://${join(dir, 'sub', 'store.sqlite')}`,
        shared: true,
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    }),
  ];
  const redisUrl = process.env.TEST_REDIS_URL;
  if (redisUrl) {
    list.push(
      named('redis', () => {
        const prefix = `khulasa-test-${randomBytes(6).toString('hex')}:`;
        const url = new URL(redisUrl);
        url.searchParams.set('prefix', prefix);
        return {
          name: 'redis',
          url: url.toString(),
          shared: true,
          cleanup: () => dropRedisPrefix(redisUrl, prefix),
        };
      }),
    );
  }
  const pgUrl = process.env.TEST_POSTGRES_URL;
  if (pgUrl) {
    list.push(
      named('postgres', () => {
        const schema = `khulasa_test_${randomBytes(6).toString('hex')}`;
        const url = new URL(pgUrl);
        url.searchParams.set('schema', schema);
        return {
          name: 'postgres',
          url: url.toString(),
          shared: true,
          cleanup: () => dropPostgresSchema(pgUrl, schema),
        };
      }),
    );
  }
  return list;
}
