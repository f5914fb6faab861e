import type { Handover } from './handover';
import { isClockRunning } from './handover-times';
import type { LiveFigures } from './live-figures';
import { isStale, lostBeyond, type MetricsPartial } from './metrics';
import { HOUR_MS, isOver, type Thresholds } from './thresholds';

/**
 * In-place counterparts of `computeLiveFigures`, `mergeLiveFigures` and `mergePartials`, for screens
 * that fold thousands of handovers into hundreds of groups on every refresh: one accumulator per group,
 * updated where it is, instead of a new object (and new duration lists) at every step. Results equal
 * those of the functions they stand for (tested against them).
 */

/** Adds one handover to `figures` as `computeLiveFigures` counts it (cancelled ones count nowhere). */
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

/** `into` becomes `mergeLiveFigures(into, from)`. */
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

/** `into` becomes `mergePartials(into, from)` (durations appended in the same order). */
export function addPartial(into: MetricsPartial, from: MetricsPartial): void {
  into.known += from.known;
  into.unknown += from.unknown;
  into.stillOpen += from.stillOpen;
  into.overBands[0] += from.overBands[0];
  into.overBands[1] += from.overBands[1];
  into.overBands[2] += from.overBands[2];
  into.overBands[3] += from.overBands[3];
  into.overMaximum += from.overMaximum;
  into.totalHandoverMs += from.totalHandoverMs;
  into.lostBasisMs += from.lostBasisMs;
  into.lostOver15Ms += from.lostOver15Ms;
  into.lostOver30Ms += from.lostOver30Ms;
  into.lostOver60Ms += from.lostOver60Ms;
  for (const duration of from.knownDurationsMs) into.knownDurationsMs.push(duration);
  into.handoverToClearCount += from.handoverToClearCount;
  into.handoverToClearTotalMs += from.handoverToClearTotalMs;
  into.handoverToClearWithinTarget += from.handoverToClearWithinTarget;
  into.turnaroundCount += from.turnaroundCount;
  into.turnaroundTotalMs += from.turnaroundTotalMs;
  into.turnaroundWithinTarget += from.turnaroundWithinTarget;
  into.releaseRequests += from.releaseRequests;
  into.releaseAnswered += from.releaseAnswered;
  into.releaseReleased += from.releaseReleased;
  for (const response of from.releaseResponseMs) into.releaseResponseMs.push(response);
  into.cohorted += from.cohorted;
  into.disputed += from.disputed;
  into.corrected += from.corrected;
  into.closed += from.closed;
  into.closedComplete += from.closedComplete;
}
