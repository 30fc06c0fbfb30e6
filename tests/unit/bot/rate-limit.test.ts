import { describe, expect, it } from 'vitest';
import { createRateLimiter, READER_LIMITS } from '../../../src/bot/rate-limit.js';

describe('createRateLimiter', () => {
  it('lets a burst through at once, then one request per share of the window', () => {
    const limiter = createRateLimiter(READER_LIMITS);
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) expect(limiter.take(1, t0)).toBe(0);
    // 20 a minute: one more every 3 s
    expect(limiter.take(1, t0)).toBe(3000);
    expect(limiter.take(1, t0 + 2999)).toBe(1);
    expect(limiter.take(1, t0 + 3000)).toBe(0);
    expect(limiter.take(1, t0 + 3000)).toBe(3000);
  });

  it('lets a reader who asks at a human pace ask 20 times a minute', () => {
    const limiter = createRateLimiter(READER_LIMITS);
    let allowed = 0;
    for (let s = 0; s < 60; s += 3) if (limiter.take(7, 5_000_000 + s * 1000) === 0) allowed++;
    expect(allowed).toBe(20);
  });

  it('keeps readers apart', () => {
    const limiter = createRateLimiter({ requests: 1, windowMs: 60_000 });
    expect(limiter.take(1, 0)).toBe(0);
    expect(limiter.take(1, 0)).toBe(60_000);
    expect(limiter.take(2, 0)).toBe(0);
  });

  it('says "slow down" once per window', () => {
    const limiter = createRateLimiter(READER_LIMITS);
    expect(limiter.shouldNotify(1, 0)).toBe(true);
    expect(limiter.shouldNotify(1, 1000)).toBe(false);
    expect(limiter.shouldNotify(1, 59_999)).toBe(false);
    expect(limiter.shouldNotify(2, 1000)).toBe(true);
    expect(limiter.shouldNotify(1, 60_000)).toBe(true);
  });

  it.each([
    [{ requests: 0, windowMs: 1000 }, /requests/],
    [{ requests: 1.5, windowMs: 1000 }, /requests/],
    [{ requests: 2, windowMs: 0 }, /windowMs/],
    [{ requests: 2, windowMs: 1000, burst: 0 }, /burst/],
  ])('refuses %o', (opts, message) => {
    expect(() => createRateLimiter(opts)).toThrow(message);
  });
});
