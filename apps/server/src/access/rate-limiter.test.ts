import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

const T0 = Date.parse('2026-01-12T10:00:00Z');

function takeMany(limiter: RateLimiter, key: string, count: number, now: number) {
  return Array.from({ length: count }, () => limiter.take(key, now));
}

describe('RateLimiter', () => {
  it('allows the burst at once, then refuses with a whole number of seconds to wait', () => {
    const limiter = new RateLimiter({ ratePerSecond: 50, burst: 200 });
    expect(takeMany(limiter, 'feed', 200, T0).every((decision) => decision.ok)).toBe(true);
    expect(limiter.take('feed', T0)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('rounds the wait up to whole seconds, never below 1', () => {
    const limiter = new RateLimiter({ ratePerSecond: 0.25, burst: 1 });
    expect(limiter.take('slow', T0).ok).toBe(true);
    expect(limiter.take('slow', T0)).toEqual({ ok: false, retryAfterSeconds: 4 });
    expect(limiter.take('slow', T0 + 1_500)).toEqual({ ok: false, retryAfterSeconds: 3 });
    expect(limiter.take('slow', T0 + 3_999)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('slow', T0 + 4_000).ok).toBe(true);
  });

  it('refills at the configured rate, up to the burst', () => {
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 20 });
    takeMany(limiter, 'ed', 20, T0);
    expect(limiter.take('ed', T0).ok).toBe(false);
    // 500 ms at 10/s: 5 more requests.
    const later = takeMany(limiter, 'ed', 6, T0 + 500);
    expect(later.map((decision) => decision.ok)).toEqual([true, true, true, true, true, false]);
    // A long pause refills to the burst and no further.
    const afterPause = takeMany(limiter, 'ed', 21, T0 + 3_600_000);
    expect(afterPause.filter((decision) => decision.ok)).toHaveLength(20);
  });

  it('keeps a bucket per key', () => {
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1 });
    expect(limiter.take('a', T0).ok).toBe(true);
    expect(limiter.take('a', T0).ok).toBe(false);
    expect(limiter.take('b', T0).ok).toBe(true);
  });

  it('does not mint tokens when the clock steps backwards', () => {
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1 });
    expect(limiter.take('a', T0).ok).toBe(true);
    expect(limiter.take('a', T0 - 10_000).ok).toBe(false);
    expect(limiter.take('a', T0 + 1_000).ok).toBe(true);
  });

  it('drops buckets idle for a minute', () => {
    const limiter = new RateLimiter({ ratePerSecond: 50, burst: 200 });
    for (let i = 0; i < 1_000; i++) limiter.take(`credential-${i}`, T0);
    expect(limiter.size).toBe(1_000);
    limiter.take('busy', T0 + 59_000);
    expect(limiter.size).toBe(1_001);
    limiter.take('busy', T0 + 61_000);
    expect(limiter.size).toBe(1);
  });

  it('a dropped bucket comes back full, as if it had never gone', () => {
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 3 });
    takeMany(limiter, 'a', 3, T0);
    limiter.take('other', T0 + 120_000);
    expect(limiter.size).toBe(1);
    expect(takeMany(limiter, 'a', 4, T0 + 120_000).map((decision) => decision.ok)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('keeps a slowly refilling bucket until it is full again', () => {
    // 600 requests at 5 a second take two minutes to refill: dropping after one would hand out a free burst.
    const limiter = new RateLimiter({ ratePerSecond: 5, burst: 600 });
    takeMany(limiter, 'a', 600, T0);
    limiter.take('other', T0 + 90_000);
    expect(limiter.size).toBe(2);
    expect(takeMany(limiter, 'a', 451, T0 + 90_000).filter((decision) => decision.ok)).toHaveLength(450);
  });

  it('refuses a nonsensical configuration', () => {
    expect(() => new RateLimiter({ ratePerSecond: 0, burst: 10 })).toThrow();
    expect(() => new RateLimiter({ ratePerSecond: 10, burst: 0 })).toThrow();
  });
});
