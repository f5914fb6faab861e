/**
 * Reconnect delays: exponential from 0.5 s, capped at 15 s, jittered from the first retry on, so
 * thousands of screens that lose their server together do not all come back in the same millisecond.
 */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 15_000;

/** The delay before reconnect attempt `attempt` (1 for the first retry); `random` is in [0, 1). */
export function reconnectDelay(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(1, attempt));
  return Math.round(BACKOFF_BASE_MS + random * (ceiling - BACKOFF_BASE_MS));
}
