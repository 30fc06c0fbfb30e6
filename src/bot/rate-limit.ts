/**
 * Per-reader limit on the on-demand commands (/digest, /topic): a token bucket per chat, in
 * memory (an instance limits the readers it serves; that is enough to keep one reader from
 * spending everyone's translation budget or the CPU). A reader may ask a few questions at once
 * (the burst) and then about one every few seconds; a person never notices it, a script does.
 */
export interface RateLimiter {
  /** Records a request; returns 0 when allowed, else the milliseconds to wait for the next one. */
  take(key: number, now: number): number;
  /**
   * True at most once per window for a reader: whether a refused request should say so. The
   * rest of a flood is dropped quietly, so a reader never gets a screenful of "slow down".
   */
  shouldNotify(key: number, now: number): boolean;
}

export interface RateLimitOptions {
  /**
   * Requests a reader may make per window, on average.
   * @example 20
   */
  requests: number;
  /**
   * The window, in milliseconds; also how long a "slow down" notice covers.
   * @default 60_000
   */
  windowMs: number;
  /**
   * Requests that may come at once before the average applies.
   * @default requests
   */
  burst?: number;
}

/** What a person asks: twenty a minute, five at once. */
export const READER_LIMITS: RateLimitOptions = { requests: 20, windowMs: 60_000, burst: 5 };

interface Bucket {
  tokens: number;
  at: number;
  quietUntil: number;
}

/** @example createRateLimiter({ requests: 20, windowMs: 60_000, burst: 5 }) */
export function createRateLimiter(opts: RateLimitOptions): RateLimiter {
  if (!Number.isInteger(opts.requests) || opts.requests < 1) {
    throw new RangeError(
      `Expected requests to be a whole number from 1 and up, got ${opts.requests}`,
    );
  }
  if (!(opts.windowMs > 0)) {
    throw new RangeError(`Expected windowMs to be a number above 0, got ${opts.windowMs}`);
  }
  const burst = opts.burst ?? opts.requests;
  if (!Number.isInteger(burst) || burst < 1) {
    throw new RangeError(`Expected burst to be a whole number from 1 and up, got ${burst}`);
  }
  const msPerToken = opts.windowMs / opts.requests;
  const buckets = new Map<number, Bucket>();
  let sweptAt = 0;

  function bucketAt(key: number, now: number): Bucket {
    if (now - sweptAt > opts.windowMs) {
      // a bucket that has refilled and says nothing is the same as no bucket
      for (const [k, b] of buckets) {
        if (now >= b.quietUntil && b.tokens + (now - b.at) / msPerToken >= burst) buckets.delete(k);
      }
      sweptAt = now;
    }
    const b = buckets.get(key) ?? { tokens: burst, at: now, quietUntil: 0 };
    b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.at) / msPerToken);
    b.at = now;
    buckets.set(key, b);
    return b;
  }

  return {
    take(key, now) {
      const b = bucketAt(key, now);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - b.tokens) * msPerToken);
    },
    shouldNotify(key, now) {
      const b = bucketAt(key, now);
      if (now < b.quietUntil) return false;
      b.quietUntil = now + opts.windowMs;
      return true;
    },
  };
}
