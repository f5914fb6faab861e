/**
 * When and how long to wait before posting a batch again. Only failures that say nothing about the
 * events themselves are retried: the connection (the answer may have been lost after the server
 * recorded them), the rate limit, and the server or store being briefly unavailable. Re-posting the same
 * events is safe because the server is idempotent by eventId.
 */

export interface RetryPolicy {
  /** Posts of one batch in all, the first included. */
  maxAttempts: number;
  /** The first backoff; it doubles each attempt, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 200, maxDelayMs: 30_000 };

/** 429 (rate limit), and 5xx: 503 is the store or a draining server, 500 a write race worth another go. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * The wait before attempt `attempt + 1`. A Retry-After from the server is honoured (plus up to 10% so
 * the batches it refused together do not return together); otherwise exponential backoff with jitter
 * over the upper half of the step, so concurrent batches spread out but none retries too eagerly.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs + random() * Math.min(retryAfterMs * 0.1, 1_000);
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return step / 2 + (random() * step) / 2;
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
