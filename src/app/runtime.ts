/**
 * The adapters every entry point needs, opened in one place and closed in one call: the store,
 * the translator and the configured sources. Modules are loaded on demand so a command that
 * needs only the store never loads the translation client or the fetching stack.
 */
import type { Config } from '../config/index.js';
import { createLogger, type Logger } from '../log.js';
import type { Source, Store } from '../store/types.js';
import type { ManagedTranslator } from '../translate/translator.js';

export interface RuntimeOptions {
  /** @default a logger at LOG_LEVEL */
  log?: Logger;
  /** The clock the translator and the factories use. @default () => new Date() */
  now?: () => Date;
  /**
   * The store to open instead of STORE_URL (the console chat keeps its own).
   * @example 'memory://'
   */
  storeUrl?: string;
  /** Build the translator. @default true */
  translator?: boolean;
  /** Read the configured sources (SOURCES_FILE or the bundled list). @default false */
  sources?: boolean;
}

/** What {@link openRuntime} opened, without a translator. */
export interface StoreRuntime {
  config: Config;
  log: Logger;
  now: () => Date;
  store: Store;
  /** The configured sources when asked for, else empty. */
  sources: Source[];
  /** Closes the translator (flushing its counters), then the store. Safe to call twice. */
  close(): Promise<void>;
}

export interface Runtime extends StoreRuntime {
  translator: ManagedTranslator;
}

/**
 * Opens the store, then the translator and the sources when asked for. When a later part
 * fails, the parts already open are closed before the error is thrown.
 */
export async function openRuntime(
  config: Config,
  opts: RuntimeOptions & { translator: false },
): Promise<StoreRuntime>;
export async function openRuntime(config: Config, opts?: RuntimeOptions): Promise<Runtime>;
export async function openRuntime(
  config: Config,
  opts: RuntimeOptions = {},
): Promise<StoreRuntime | Runtime> {
  const log = opts.log ?? createLogger({ level: config.LOG_LEVEL });
  const now = opts.now ?? (() => new Date());
  const { createStore } = await import('../store/index.js');
  const store = await createStore(opts.storeUrl ?? config.STORE_URL, { log });
  let translator: ManagedTranslator | undefined;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      try {
        await translator?.close();
      } finally {
        await store.close();
      }
    })());
  try {
    if (opts.translator !== false) {
      const { createTranslatorFromConfig } = await import('../translate/cli.js');
      translator = createTranslatorFromConfig(config, { store, log, now });
    }
    let sources: Source[] = [];
    if (opts.sources) {
      const { configuredSources } = await import('../sources/configured.js');
      sources = await configuredSources(config);
    }
    const runtime: StoreRuntime = { config, log, now, store, sources, close };
    return translator ? { ...runtime, translator } : runtime;
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/**
 * Opens a runtime, runs `fn` with it and closes it however `fn` ends.
 *
 * @example
 * const recent = await withRuntime(config, { translator: false }, ({ store }) =>
 *   store.articles.listSince(since),
 * );
 */
export async function withRuntime<T>(
  config: Config,
  opts: RuntimeOptions & { translator: false },
  fn: (runtime: StoreRuntime) => Promise<T>,
): Promise<T>;
export async function withRuntime<T>(
  config: Config,
  opts: RuntimeOptions,
  fn: (runtime: Runtime) => Promise<T>,
): Promise<T>;
export async function withRuntime<T>(
  config: Config,
  opts: RuntimeOptions,
  fn: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = (await openRuntime(config, opts)) as Runtime;
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
