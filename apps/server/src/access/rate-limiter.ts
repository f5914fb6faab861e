/**
 * A token bucket per key (a credential id): `burst` requests at once, refilled at `ratePerSecond`.
 * It counts requests, not events: a feed's batch of 500 events is one request. Pure: time is passed in.
 * Memory stays bounded: a bucket idle long enough to be full again is dropped, since a fresh bucket is
 * the same thing.
 */

export interface RateLimiterOptions {
  ratePerSecond: number;
  burst: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export const DEFAULT_RATE_LIMIT: RateLimiterOptions = { ratePerSecond: 50, burst: 200 };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MIN_IDLE_BEFORE_DROP_MS = 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly dropAfterMs: number;
  private lastSweepAt = Number.NEGATIVE_INFINITY;

  constructor(options: RateLimiterOptions = DEFAULT_RATE_LIMIT) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) {
      throw new Error('A rate limit needs ratePerSecond > 0 and burst >= 1');
    }
    this.ratePerMs = options.ratePerSecond / 1000;
    this.burst = options.burst;
    // Never drop a bucket before it has had time to refill completely.
    this.dropAfterMs = Math.max(MIN_IDLE_BEFORE_DROP_MS, options.burst / this.ratePerMs);
  }

  /** Takes one request's token for `key` at `now` (epoch ms). */
  take(key: string, now: number): RateDecision {
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    // A clock stepping backwards must not mint tokens nor leave a bucket stuck.
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed * this.ratePerMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);

    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const waitMs = (1 - bucket.tokens) / this.ratePerMs;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** How many buckets are held (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweepAt < this.dropAfterMs) return;
    this.lastSweepAt = now;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt >= this.dropAfterMs) this.buckets.delete(key);
    }
  }
}
