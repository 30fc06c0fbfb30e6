/**
 * A real store with faults on demand. Wraps any Store (the memory backend in unit tests) so a
 * test can make chosen repositories or methods reject, for the next N calls or until healed, and
 * read back which calls were made. Everything else is the store's own behaviour: the outbox, the
 * leases, the locks and the subscriber index are never written again for a test.
 *
 * @example
 * const store = await memoryStore();
 * store.fail('deliveries.update', { times: 2 }); // the next two updates reject
 * store.fail(['translations', 'counters']); // every call rejects until healed
 * store.heal();
 */
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';

const REPOS = [
  'subscribers',
  'articles',
  'digests',
  'deliveries',
  'translations',
  'counters',
  'feeds',
  'sources',
  'locks',
  'meta',
  'termFrequencies',
] as const;

export type RepoName = (typeof REPOS)[number];

/** A repository ("counters") or one of its methods ("deliveries.update"). */
export type FaultTarget = {
  [R in RepoName]: R | `${R}.${keyof NonNullable<Store[R]> & string}`;
}[RepoName];

/** Methods that return a stream rather than a promise: their fault surfaces when read. */
const STREAMS = new Set(['subscribers.all', 'deliveries.listForDigest']);

export interface StoreCall {
  repo: RepoName;
  method: string;
  args: unknown[];
  /** True when the wrapper rejected the call instead of passing it on. */
  failed: boolean;
}

export interface FaultOptions {
  /** How many calls reject before the target works again. @default Infinity */
  times?: number;
  /** What the calls reject with. @default new Error('store unavailable') */
  error?: Error;
}

export interface FailingStore extends Store {
  /** The wrapped store; other wrappers over it (other "processes") see the same data. */
  readonly inner: Store;
  /** Every repository call made through this wrapper, in order, failed ones included. */
  readonly calls: StoreCall[];
  /** The calls made to one repository or method. */
  callsTo(target: FaultTarget): StoreCall[];
  /** Makes the calls to `target` reject, for the next `times` calls or until {@link heal}. */
  fail(target: FaultTarget | FaultTarget[], opts?: FaultOptions): void;
  /** Ends the faults on `target`, or every fault when none is given. */
  heal(target?: FaultTarget): void;
}

interface Fault {
  left: number;
  error: Error;
}

export function failingStore(inner: Store): FailingStore {
  const faults = new Map<string, Fault>();
  const calls: StoreCall[] = [];

  /** The fault this call meets, consuming one of its turns; the method's own fault first. */
  function faultFor(repo: RepoName, method: string): Error | undefined {
    for (const target of [`${repo}.${method}`, repo]) {
      const fault = faults.get(target);
      if (!fault) continue;
      fault.left -= 1;
      if (fault.left <= 0) faults.delete(target);
      return fault.error;
    }
    return undefined;
  }

  function wrap<T extends object>(repo: RepoName, target: T): T {
    return new Proxy(target, {
      get(obj, prop, receiver) {
        const value: unknown = Reflect.get(obj, prop, receiver);
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        return (...args: unknown[]) => {
          const error = faultFor(repo, prop);
          calls.push({ repo, method: prop, args, failed: error !== undefined });
          if (error === undefined) return Reflect.apply(value, obj, args);
          if (STREAMS.has(`${repo}.${prop}`)) {
            return {
              [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
            };
          }
          return Promise.reject(error);
        };
      },
    });
  }

  const repos = Object.fromEntries(
    REPOS.flatMap((name) => {
      const repo = inner[name];
      return repo === undefined ? [] : [[name, wrap(name, repo)]];
    }),
  ) as Omit<Store, 'backend' | 'close'>;

  return {
    ...repos,
    backend: inner.backend,
    inner,
    calls,
    callsTo(target) {
      const [repo, method] = target.split('.');
      return calls.filter((c) => c.repo === repo && (method === undefined || c.method === method));
    },
    fail(target, opts = {}) {
      const times = opts.times ?? Infinity;
      if (!(times > 0)) return;
      for (const t of Array.isArray(target) ? target : [target]) {
        faults.set(t, {
          left: times,
          error: opts.error ?? new Error('store unavailable'),
        });
      }
    },
    heal(target) {
      if (target === undefined) faults.clear();
      else faults.delete(target);
    },
    close: () => inner.close(),
  };
}

/** A fresh in-process store (`memory://`), wrapped so a test can inject faults. */
export async function memoryStore(): Promise<FailingStore> {
  return failingStore(await createStore('memory://'));
}
