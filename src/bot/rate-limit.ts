/**
 * Per-reader limit on the on-demand commands (/digest, /topic): a sliding window of request
 * times per chat, in memory (an instance limits the readers it serves; that is enough to keep
 * one reader from spending everyone's translation budget or the CPU).
 */
export interface RateLimiter {
  /** Records a request; returns 0 when allowed, else the milliseconds to wait. */
  take(key: number, now: number): number;
}

/** @example createRateLimiter({ requests: 6, windowMs: 60_000 }) */
export function createRateLimiter(opts: { requests: number; windowMs: number }): RateLimiter {
  if (!Number.isInteger(opts.requests) || opts.requests < 1) {
    throw new RangeError(
      `Expected requests to be a whole number from 1 and up, got ${opts.requests}`,
    );
  }
  const hits = new Map<number, number[]>();
  let sweptAt = 0;
  return {
    take(key, now) {
      if (now - sweptAt > opts.windowMs) {
        for (const [k, times] of hits) {
          if (times.every((time) => now - time >= opts.windowMs)) hits.delete(k);
        }
        sweptAt = now;
      }
      const recent = (hits.get(key) ?? []).filter((time) => now - time < opts.windowMs);
      if (recent.length >= opts.requests) {
        hits.set(key, recent);
        return opts.windowMs - (now - recent[0]!);
      }
      recent.push(now);
      hits.set(key, recent);
      return 0;
    },
  };
}
