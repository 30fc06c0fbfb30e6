/**
 * The store: typed repositories over one backend chosen by STORE_URL.
 *
 *   memory://                         in-process (tests)
 *   sqlite://PATH                     embedded file, relative to the working directory (folder created)
 *   redis://HOST:PORT/DB[?prefix=P]   keys prefixed with P (default "khulasa:")
 *   postgresql://…[?schema=S]         tables in schema S (default "public")
 */
import { silentLogger, type Logger } from '../log.js';
import type { Driver } from './driver.js';
import { createArticleRepo, createDigestRepo } from './content.js';
import { createLockRepo, createMutex } from './lock.js';
import {
  createCacheRepo,
  createCounterRepo,
  createDeliveryRepo,
  createFeedStateRepo,
  createMetaRepo,
  createSourceRepo,
} from './repos.js';
import { createSubscriberRepo } from './subscribers.js';
import { createTermFrequencyRepo } from './term-frequencies.js';
import type { Store } from './types.js';

export * from './types.js';

/** The data layout version this code writes. */
export const SCHEMA_VERSION = 1;

/**
 * Steps that bring stored data from version `from` to `from + 1`, run once at start under a lock.
 * Version 1 is the first layout, so there is nothing to migrate yet.
 */
export type Migration = (store: Store, driver: Driver, log: Logger) => Promise<void>;
export const MIGRATIONS: Record<number, Migration> = {};

export class StoreError extends Error {
  override readonly name = 'StoreError';
}

export interface StoreOptions {
  log?: Logger;
  /** Extra migrations (tests); merged over MIGRATIONS. */
  migrations?: Record<number, Migration>;
  /** Target schema version (tests); default SCHEMA_VERSION. */
  schemaVersion?: number;
}

/** Opens the backend named by `url` (without repositories or migration). */
export async function openDriver(url: string, log: Logger = silentLogger()): Promise<Driver> {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  switch (scheme) {
    case 'memory:': {
      const { createMemoryDriver } = await import('./drivers/memory.js');
      return createMemoryDriver();
    }
    case 'sqlite:': {
      const { createSqliteDriver } = await import('./drivers/sqlite.js');
      return createSqliteDriver(url, log);
    }
    case 'redis:':
    case 'rediss:': {
      const { createRedisDriver } = await import('./drivers/redis.js');
      return createRedisDriver(url, log);
    }
    case 'postgres:':
    case 'postgresql:': {
      const { createPostgresDriver } = await import('./drivers/postgres.js');
      return createPostgresDriver(url, log);
    }
    default:
      throw new StoreError(
        `unsupported STORE_URL scheme '${scheme || url}'; use sqlite://, redis://, postgresql:// or memory://`,
      );
  }
}

/** Builds the repositories over an open driver (exported for the benchmark and tests). */
export function storeOver(driver: Driver, log: Logger): Store {
  const withMutex = createMutex(driver);
  return {
    backend: driver.backend,
    subscribers: createSubscriberRepo(driver, log, withMutex),
    articles: createArticleRepo(driver, log),
    digests: createDigestRepo(driver, log),
    deliveries: createDeliveryRepo(driver, log),
    translations: createCacheRepo(driver, log),
    counters: createCounterRepo(driver),
    feeds: createFeedStateRepo(driver, log),
    sources: createSourceRepo(driver, log),
    locks: createLockRepo(driver),
    meta: createMetaRepo(driver),
    termFrequencies: createTermFrequencyRepo(driver, log),
    close: () => driver.close(),
  };
}

async function migrate(
  store: Store,
  driver: Driver,
  log: Logger,
  target: number,
  steps: Record<number, Migration>,
): Promise<void> {
  const owner = `migrate-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const deadline = Date.now() + 60_000;
  while (!(await store.locks.acquire('schema-migration', owner, 120_000))) {
    if (Date.now() > deadline) throw new StoreError('timed out waiting for another migration');
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    const raw = await store.meta.get<number>('schemaVersion');
    let version = typeof raw === 'number' ? raw : 0;
    if (version > target) {
      throw new StoreError(
        `the store holds data version ${version}, newer than this program (${target}); upgrade khulasa`,
      );
    }
    // Version 0 is an empty store: it starts at the current layout.
    if (version === 0) version = target;
    while (version < target) {
      const step = steps[version];
      log.info({ from: version, to: version + 1 }, 'store: migrating');
      if (step) await step(store, driver, log);
      version += 1;
      await store.meta.set('schemaVersion', version);
    }
    await store.meta.set('schemaVersion', version);
  } finally {
    await store.locks.release('schema-migration', owner);
  }
}

/** Opens the store named by `url`, creating tables/folders as needed, and migrates its data. */
export async function createStore(url: string, opts: StoreOptions = {}): Promise<Store> {
  const driver = await openDriver(url.trim(), opts.log ?? silentLogger());
  try {
    return await createStoreOn(driver, opts);
  } catch (err) {
    await driver.close().catch(() => undefined);
    throw err;
  }
}

/** The repositories over an already open driver, after migrating its data. */
export async function createStoreOn(driver: Driver, opts: StoreOptions = {}): Promise<Store> {
  const log = opts.log ?? silentLogger();
  const store = storeOver(driver, log);
  await migrate(store, driver, log, opts.schemaVersion ?? SCHEMA_VERSION, {
    ...MIGRATIONS,
    ...opts.migrations,
  });
  return store;
}
