/**
 * Locks over compare-and-set: the LockRepo (leader election) and the short per-record mutex that
 * makes read-modify-write updates atomic across processes.
 */
import { randomUUID } from 'node:crypto';
import PQueue from 'p-queue';
import pRetry from 'p-retry';
import { z } from 'zod';
import type { Driver } from './driver.js';
import type { LockRepo } from './types.js';

const LockValueSchema = z.object({ owner: z.string(), until: z.number() });

function parseLock(raw: string | undefined): z.infer<typeof LockValueSchema> | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = LockValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function createLockRepo(d: Driver): LockRepo {
  const key = (name: string) => `lock:${name}`;
  return {
    async acquire(name, owner, ttlMs) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const raw = await d.get(key(name));
        const cur = parseLock(raw);
        const now = Date.now();
        if (cur && cur.owner !== owner && cur.until > now) return false;
        const next = JSON.stringify({ owner, until: now + ttlMs });
        if (await d.cas(key(name), raw, next, ttlMs)) return true;
      }
      return false;
    },
    async renew(name, owner, ttlMs) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const raw = await d.get(key(name));
        const cur = parseLock(raw);
        const now = Date.now();
        if (!cur || cur.owner !== owner || cur.until <= now) return false;
        const next = JSON.stringify({ owner, until: now + ttlMs });
        if (await d.cas(key(name), raw, next, ttlMs)) return true;
      }
      return false;
    },
    async release(name, owner) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const raw = await d.get(key(name));
        if (parseLock(raw)?.owner !== owner) return;
        if (await d.cas(key(name), raw, undefined)) return;
      }
    },
  };
}

/** A try at the cross-process key found it taken. */
class MutexBusyError extends Error {
  override readonly name = 'MutexBusyError';
}

/**
 * Runs `fn` while holding `mutex:<name>`: in-process callers wait in a queue of their own per
 * name (no polling), other processes are excluded by a set-if-absent key that expires if we
 * crash. A caller that cannot take the key within `waitMs` fails.
 */
export function createMutex(d: Driver, opts: { ttlMs?: number; waitMs?: number } = {}) {
  const ttlMs = opts.ttlMs ?? 15_000;
  const waitMs = opts.waitMs ?? 30_000;
  /** One queue per name with callers waiting or running; dropped when it runs dry. */
  const queues = new Map<string, PQueue>();

  async function holdRemote<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const key = `mutex:${name}`;
    const value = JSON.stringify({ owner: randomUUID(), until: 0 });
    try {
      await pRetry(
        async () => {
          if (!(await d.cas(key, undefined, value, ttlMs))) throw new MutexBusyError(key);
        },
        {
          retries: Number.POSITIVE_INFINITY,
          // Tries 2–4 ms apart at first, then doubling, never more than 100 ms apart.
          minTimeout: 2,
          factor: 2,
          maxTimeout: 100,
          randomize: true,
          maxRetryTime: waitMs,
          // A failing store is not a busy key: its error goes to the caller at once.
          shouldRetry: ({ error }) => error instanceof MutexBusyError,
        },
      );
    } catch (err) {
      if (err instanceof MutexBusyError)
        throw new Error(`store: timed out waiting for lock ${name}`);
      throw err;
    }
    try {
      return await fn();
    } finally {
      await d.cas(key, value, undefined).catch(() => releaseLater(key, value));
    }
  }

  /**
   * A release the store refused (it is down) is tried again until the store answers or the key
   * has expired anyway: left alone, the key would hold every later update of that record back for
   * the whole TTL after the store comes back.
   */
  function releaseLater(key: string, value: string): void {
    void pRetry(() => d.cas(key, value, undefined), {
      retries: Number.POSITIVE_INFINITY,
      minTimeout: 50,
      factor: 2,
      maxTimeout: 1_000,
      maxRetryTime: ttlMs,
      // Never what keeps a process from exiting.
      unref: true,
    }).catch(() => undefined);
  }

  return function withMutex<T>(name: string, fn: () => Promise<T>): Promise<T> {
    let queue = queues.get(name);
    if (!queue) {
      const created = new PQueue({ concurrency: 1 });
      created.on('idle', () => {
        if (queues.get(name) === created) queues.delete(name);
      });
      queues.set(name, created);
      queue = created;
    }
    return queue.add(() => holdRemote(name, fn));
  };
}
