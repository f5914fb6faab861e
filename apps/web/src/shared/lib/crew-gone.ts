import { type Handover, handoverTime } from '@handover/domain';

/** Handed-over crews older than this are presumed gone without a clear stamp. */
const AWAITING_CLEAR_WINDOW_MS = 2 * 3_600_000;

/**
 * A crew handed over long enough ago to have left without pressing clear: the wall display and the
 * entry tablet stop listing it.
 */
export function isCrewPresumedGone(handover: Handover, now: number): boolean {
  if (handover.state !== 'handed_over') return false;
  const stoppedAt = handoverTime(handover) ?? handover.arrivedAt ?? 0;
  return now - stoppedAt > AWAITING_CLEAR_WINDOW_MS;
}
