import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, reconnectDelay } from './backoff';

describe('reconnect backoff', () => {
  it('spreads the first retry of 5,000 screens evenly over 0.5 to 1 s, never all in the same millisecond', () => {
    const screens = 5_000;
    const delays = Array.from({ length: screens }, (_, i) => reconnectDelay(1, i / screens));
    expect(Math.min(...delays)).toBe(500);
    expect(Math.max(...delays)).toBe(1_000);
    const perMs = new Map<number, number>();
    for (const delay of delays) perMs.set(delay, (perMs.get(delay) ?? 0) + 1);
    // 5,000 over 500 ms: about 10 a millisecond, as an even spread gives.
    expect(perMs.size).toBeGreaterThanOrEqual(500);
    expect(Math.max(...perMs.values())).toBeLessThanOrEqual(11);
  });

  it('doubles its ceiling each attempt up to 15 s, and never retries sooner than 0.5 s', () => {
    const longest = [1, 2, 3, 4, 5, 6, 20].map((attempt) => reconnectDelay(attempt, 0.999_999));
    expect(longest).toEqual([1_000, 2_000, 4_000, 8_000, BACKOFF_CAP_MS, BACKOFF_CAP_MS, BACKOFF_CAP_MS]);
    for (const attempt of [1, 2, 5, 20]) expect(reconnectDelay(attempt, 0)).toBe(BACKOFF_BASE_MS);
  });
});
