import type { Handover } from './handover';
import { isClockRunning } from './handover-times';
import { isStale, lostBeyond } from './metrics';
import { HOUR_MS, isOver, type Thresholds } from './thresholds';

/**
 * Live figures for a site at `now` (DOMAIN.md section 5, last item). Every field is a count, a sum or a
 * maximum, so site figures roll up to trust, region and England with `mergeLiveFigures`.
 */
export interface LiveFigures {
  /** Patients whose clock is running (waiting or cohorted), stale ones excluded. */
  waitingNow: number;
  /** Longest elapsed time among those waiting; null when nobody waits. */
  longestWaitMs: number | null;
  /** Time beyond the hours-lost basis, summed over those waiting. */
  hoursLostNowMs: number;
  /** Non-cancelled arrivals in (now - 1 hour, now]. */
  arrivalsLastHour: number;
  /** Pre-alerted, not yet arrived. */
  inbound: number;
  /** Waiting patients whose crew has already cleared. */
  cohortedNow: number;
  /** Waiting patients over each of `thresholds.bandMinutes` (strictly over, nested). */
  over15Now: number;
  over30Now: number;
  over45Now: number;
  over60Now: number;
}

export function emptyLiveFigures(): LiveFigures {
  return {
    waitingNow: 0,
    longestWaitMs: null,
    hoursLostNowMs: 0,
    arrivalsLastHour: 0,
    inbound: 0,
    cohortedNow: 0,
    over15Now: 0,
    over30Now: 0,
    over45Now: 0,
    over60Now: 0,
  };
}

/** One pass over a site's handovers (any state; cancelled ones count nowhere). */
export function computeLiveFigures(
  handovers: Iterable<Handover>,
  now: number,
  thresholds: Thresholds,
): LiveFigures {
  const figures = emptyLiveFigures();
  for (const handover of handovers) addToLiveFigures(figures, handover, now, thresholds);
  return figures;
}

/**
 * Adds one handover to `figures` in place, as `computeLiveFigures` counts it: screens that fold
 * thousands of handovers into hundreds of groups on every refresh keep one accumulator per group.
 */
export function addToLiveFigures(
  figures: LiveFigures,
  handover: Handover,
  now: number,
  thresholds: Thresholds,
): void {
  if (handover.state === 'cancelled') return;
  if (handover.state === 'inbound') figures.inbound++;
  const { arrivedAt } = handover;
  if (arrivedAt === undefined) return;
  if (arrivedAt > now - HOUR_MS && arrivedAt <= now) figures.arrivalsLastHour++;
  // A stale clock is a missing stamp, not a patient still waiting: it would swamp the live figures.
  if (!isClockRunning(handover) || isStale(arrivedAt, now, thresholds)) return;
  const elapsedMs = Math.max(0, now - arrivedAt);
  const [b1, b2, b3, b4] = thresholds.bandMinutes;
  figures.waitingNow++;
  if (handover.state === 'cohorted') figures.cohortedNow++;
  if (figures.longestWaitMs === null || elapsedMs > figures.longestWaitMs) figures.longestWaitMs = elapsedMs;
  figures.hoursLostNowMs += lostBeyond(elapsedMs, thresholds.hoursLostBasisMinutes);
  if (isOver(elapsedMs, b1)) figures.over15Now++;
  if (isOver(elapsedMs, b2)) figures.over30Now++;
  if (isOver(elapsedMs, b3)) figures.over45Now++;
  if (isOver(elapsedMs, b4)) figures.over60Now++;
}

/** Figures for the union of two groups (computed at the same `now`): the longest wait is the max, the rest sum. */
export function mergeLiveFigures(a: LiveFigures, b: LiveFigures): LiveFigures {
  const merged = { ...a };
  addLiveFigures(merged, b);
  return merged;
}

/** `into` becomes `mergeLiveFigures(into, from)`, in place. */
export function addLiveFigures(into: LiveFigures, from: LiveFigures): void {
  into.waitingNow += from.waitingNow;
  if (
    from.longestWaitMs !== null &&
    (into.longestWaitMs === null || from.longestWaitMs > into.longestWaitMs)
  ) {
    into.longestWaitMs = from.longestWaitMs;
  }
  into.hoursLostNowMs += from.hoursLostNowMs;
  into.arrivalsLastHour += from.arrivalsLastHour;
  into.inbound += from.inbound;
  into.cohortedNow += from.cohortedNow;
  into.over15Now += from.over15Now;
  into.over30Now += from.over30Now;
  into.over45Now += from.over45Now;
  into.over60Now += from.over60Now;
}
