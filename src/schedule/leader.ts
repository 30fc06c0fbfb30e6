/**
 * Leader election over the store's lock: one instance holds "scheduler" and renews it; when it
 * dies the lock lapses and another takes over. With the defaults (ttl 45 s, heartbeat 15 s) a
 * takeover happens within a minute.
 */
import type { Logger } from '../log.js';
import type { LockRepo } from '../store/types.js';

export const SCHEDULER_LOCK = 'scheduler';

export interface LeaderOptions {
  locks: LockRepo;
  owner: string;
  log: Logger;
  /** @default 45000 */
  ttlMs?: number;
  /** @default 15000 */
  heartbeatMs?: number;
  /** Called when this instance gains (true) or loses (false) the lock. */
  onChange?(leader: boolean): void;
}

export interface Leader {
  isLeader(): boolean;
  /** Acquires or renews now; resolves to whether this instance leads. */
  check(): Promise<boolean>;
  start(): void;
  /** Stops the heartbeat and releases the lock if held. */
  stop(): Promise<void>;
}

export function createLeader(opts: LeaderOptions): Leader {
  const ttlMs = opts.ttlMs ?? 45_000;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  let leader = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let pending: Promise<boolean> | undefined;

  const set = (value: boolean) => {
    if (value === leader) return;
    leader = value;
    opts.log.info({ owner: opts.owner }, value ? 'scheduler lock acquired' : 'scheduler lock lost');
    opts.onChange?.(value);
  };

  const attempt = async (): Promise<boolean> => {
    try {
      // A restarted process with the same owner may still hold its old lock: renew takes it back.
      const ok = leader
        ? await opts.locks.renew(SCHEDULER_LOCK, opts.owner, ttlMs)
        : (await opts.locks.acquire(SCHEDULER_LOCK, opts.owner, ttlMs)) ||
          (await opts.locks.renew(SCHEDULER_LOCK, opts.owner, ttlMs));
      set(ok);
    } catch (err) {
      // Fail closed: a store we cannot reach means we must not assume we lead.
      opts.log.warn({ err }, 'scheduler lock check failed');
      set(false);
    }
    return leader;
  };

  return {
    isLeader: () => leader,
    check() {
      pending ??= attempt().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    start() {
      if (timer) return;
      void this.check();
      timer = setInterval(() => void this.check(), heartbeatMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await pending;
      if (leader) {
        try {
          await opts.locks.release(SCHEDULER_LOCK, opts.owner);
        } catch (err) {
          opts.log.warn({ err }, 'scheduler lock release failed');
        }
        set(false);
      }
    },
  };
}
