import type { Handover } from './handover';
import { MINUTE_MS, type Thresholds } from './thresholds';

/**
 * The reported handover time: the crew's stamp when present (the national collection is
 * ambulance-recorded), else the ED's.
 */
export function handoverTime(handover: Handover): number | undefined {
  return handover.crewHandedOverAt ?? handover.edHandedOverAt;
}

/** Both parties stamped and their stamps differ by more than the dispute limit (5 minutes). */
export function isDisputed(handover: Handover, thresholds: Thresholds): boolean {
  const { crewHandedOverAt: crew, edHandedOverAt: ed } = handover;
  if (crew === undefined || ed === undefined) return false;
  return Math.abs(crew - ed) > thresholds.disputeMinutes * MINUTE_MS;
}

/** Duration from arrival to the reported handover time, when both are known. */
export function handoverDuration(handover: Handover): number | undefined {
  const stopped = handoverTime(handover);
  if (stopped === undefined || handover.arrivedAt === undefined) return undefined;
  return stopped - handover.arrivedAt;
}

/** Still waiting for clinical handover (the clock runs): waiting or cohorted. */
export function isClockRunning(handover: Handover): boolean {
  return handover.state === 'waiting' || handover.state === 'cohorted';
}
