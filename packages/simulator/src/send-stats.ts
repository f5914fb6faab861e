import type { Sender } from './wire-events';

/** What became of the events handed to an ApiSender, so far. */
export interface SendStats {
  /** Handed to the sender (including skipped ones). */
  submitted: number;
  /** Posted at least once (a retried event counts once). */
  sent: number;
  /** Recorded now (201). */
  accepted: number;
  /** Already recorded, by an earlier run or by an attempt whose answer was lost (200): delivered too. */
  duplicates: number;
  /** Refused by the server (4xx), by error code. */
  rejected: number;
  rejectedByCode: Record<string, number>;
  /** Given up after the last retry, or stopped: not known to be recorded (a later run may send them). */
  failed: number;
  failedByReason: Record<string, number>;
  /** Never posted: no credential for the role that sends them. */
  skipped: number;
  skippedByRole: Partial<Record<Sender, number>>;
  /** Left in the queue when the sender was shut down. */
  unsent: number;
  /** Re-posts of a batch after a failure. */
  retries: number;
  /** HTTP requests made, retries included. */
  requests: number;
  /** From the first event handed over to now. */
  elapsedMs: number;
  /** Answered events (accepted, duplicate or rejected) per second of `elapsedMs`. */
  eventsPerSecond: number;
}

export function emptyStats(): SendStats {
  return {
    submitted: 0,
    sent: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    rejectedByCode: {},
    failed: 0,
    failedByReason: {},
    skipped: 0,
    skippedByRole: {},
    unsent: 0,
    retries: 0,
    requests: 0,
    elapsedMs: 0,
    eventsPerSecond: 0,
  };
}

/** Events the server has answered for: delivered (accepted or duplicate) or refused. */
export function answered(stats: SendStats): number {
  return stats.accepted + stats.duplicates + stats.rejected;
}

export function countInto<K extends string>(counts: Partial<Record<K, number>>, key: K, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}
