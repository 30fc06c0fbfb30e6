/**
 * Segments being looked up or translated right now, so a second caller waits for the first
 * instead of paying for the same characters again.
 */

/** A claim on one key: the owner settles it exactly once; `done` tells whether it has. */
export interface Claim<V> {
  resolve(value: V): void;
  reject(err: unknown): void;
  readonly done: boolean;
}

export interface InFlight<V> {
  /** The pending result another caller is producing for `key`, if any. */
  get(key: string): Promise<V> | undefined;
  /**
   * Announces that the caller produces `key` (do it before the first await, so concurrent
   * callers find it). Waiters see whatever the claim is settled with.
   */
  claim(key: string): Claim<V>;
  /** Forgets `key` once its owner is finished with it. */
  release(key: string): void;
}

export function createInFlight<V>(): InFlight<V> {
  const pending = new Map<string, Promise<V>>();
  return {
    get: (key) => pending.get(key),
    claim(key) {
      let done = false;
      let settle!: { resolve(v: V): void; reject(e: unknown): void };
      const promise = new Promise<V>((resolve, reject) => {
        settle = { resolve, reject };
      });
      // A claim nobody waits for must not become an unhandled rejection.
      promise.catch(() => {});
      pending.set(key, promise);
      return {
        resolve(value) {
          done = true;
          settle.resolve(value);
        },
        reject(err) {
          done = true;
          settle.reject(err);
        },
        get done() {
          return done;
        },
      };
    },
    release: (key) => void pending.delete(key),
  };
}
