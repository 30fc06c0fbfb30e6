/**
 * Locks over compare-and-set: the LockRepo (leader election) and the short per-record mutex that
 * makes read-modify-write updates atomic across processes.
 */
import { randomUUID } from 'node:crypto';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` while holding `mutex:<name>`: in-process callers queue on a promise chain (no
 * polling), other processes are excluded by a set-if-absent key that expires if we crash.
 */
export function createMutex(d: Driver, opts: { ttlMs?: number; waitMs?: number } = {}) {
  const ttlMs = opts.ttlMs ?? 15_000;
  const waitMs = opts.waitMs ?? 30_000;
  const tails = new Map<string, Promise<unknown>>();

  async function holdRemote<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const key = `mutex:${name}`;
    const value = JSON.stringify({ owner: randomUUID(), until: 0 });
    const deadline = Date.now() + waitMs;
    let delay = 2;
    while (!(await d.cas(key, undefined, value, ttlMs))) {
      if (Date.now() > deadline) throw new Error(`store: timed out waiting for lock ${name}`);
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 50);
    }
    try {
      return await fn();
    } finally {
      await d.cas(key, value, undefined).catch(() => undefined);
    }
  }

  return function withMutex<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const prev = tails.get(name) ?? Promise.resolve();
    const run = prev.then(
      () => holdRemote(name, fn),
      () => holdRemote(name, fn),
    );
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return run;
  };
}
