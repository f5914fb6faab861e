import type { Handover } from './handover';
import { handoverTime, isDisputed } from './handover-times';
import { inPeriod, type Period } from './period';
import { HOUR_MS, isOver, MINUTE_MS, type Thresholds } from './thresholds';

/**
 * Compliance metrics for a group of handovers over a period (DOMAIN.md section 5).
 *
 * Built as a mergeable accumulator so the reports engine can keep one partial per site per hour and
 * combine them into any group and period: every field of a partial is an exact count, an exact sum of
 * whole milliseconds, or a list of durations (for percentiles). Shares, means and percentiles are derived
 * only in `finaliseMetrics`, so finalise(merge(a, b)) equals the metrics of the union exactly.
 *
 * A partial is computed "as at" a moment `now`: whether a handover without a handover time is still open
 * or already unknown (stale) depends on it. Partials merged together should share `now` and thresholds.
 */

/** When the partial is computed as at, and the rules it is judged by. */
export interface MetricsContext {
  now: number;
  thresholds: Thresholds;
}

/** Hours-lost bases always offered alongside the thresholds' own basis (AACE: beyond 15, 30 and 60 min). */
const LOST_BASIS_MINUTES = { over15: 15, over30: 30, over60: 60 } as const;

/** The running totals behind `ComplianceMetrics`. Mutable on purpose: `addHandover` updates it in place. */
export interface MetricsPartial {
  known: number;
  unknown: number;
  stillOpen: number;
  /** Known handovers over each of `thresholds.bandMinutes`, in the same order (strictly over). */
  overBands: [number, number, number, number];
  /** Known handovers over `thresholds.maximumMinutes` (the 45-minute standard). */
  overMaximum: number;
  totalHandoverMs: number;
  /** Time beyond `thresholds.hoursLostBasisMinutes`, summed over known handovers. */
  lostBasisMs: number;
  lostOver15Ms: number;
  lostOver30Ms: number;
  lostOver60Ms: number;
  /** Durations of known handovers, unsorted (order follows add and merge order). */
  knownDurationsMs: number[];
  handoverToClearCount: number;
  handoverToClearTotalMs: number;
  handoverToClearWithinTarget: number;
  turnaroundCount: number;
  turnaroundTotalMs: number;
  turnaroundWithinTarget: number;
  releaseRequests: number;
  releaseAnswered: number;
  releaseReleased: number;
  /** Response times of answered release requests, unsorted. */
  releaseResponseMs: number[];
  cohorted: number;
  disputed: number;
  corrected: number;
  closed: number;
  /** Closed handovers with arrival, handover time and clear all recorded. */
  closedComplete: number;
}

export interface ComplianceMetrics {
  thresholdsVersion: string;
  /** The minutes behind over15 / over30 / over45 / over60 (England: 15, 30, 45, 60). */
  bandMinutes: readonly [number, number, number, number];
  /** known + unknown + stillOpen. */
  allHandovers: number;
  known: number;
  unknown: number;
  stillOpen: number;
  /** Nested by construction: over60 <= over45 <= over30 <= over15 <= known. */
  over15: number;
  over30: number;
  over45: number;
  over60: number;
  /** (known - over15) / known, a fraction 0..1; null when nothing is known. */
  within15Share: number | null;
  /** Known handovers not over `thresholds.maximumMinutes`, as a fraction of known. */
  within45Share: number | null;
  totalHandoverMs: number;
  totalHours: number;
  meanMs: number | null;
  medianMs: number | null;
  p90Ms: number | null;
  p95Ms: number | null;
  /** Hours lost by the thresholds' basis: always shown with its basis. */
  hoursLost: { basisMinutes: number; ms: number; hours: number };
  /** Hours lost beyond 15, 30 and 60 minutes, whatever the thresholds' basis. */
  lostMs: { over15: number; over30: number; over60: number };
  /** Clear minus handover time, for handovers with both (a crew clearing first counts as 0). */
  handoverToClear: {
    targetMinutes: number;
    count: number;
    meanMs: number | null;
    within15Share: number | null;
  };
  /** Clear minus arrival, for cleared handovers. */
  turnaround: { targetMinutes: number; count: number; meanMs: number | null; within30Share: number | null };
  releaseRequests: { count: number; answered: number; released: number; medianResponseMs: number | null };
  /** Crew cleared with no handover time, or before it. */
  cohorted: number;
  disputed: number;
  /** Handovers with at least one correction. */
  corrected: number;
  closedCount: number;
  /** Share of closed handovers with arrival, handover time and clear all recorded; null when none closed. */
  dataCompleteShare: number | null;
}

export function emptyPartial(): MetricsPartial {
  return {
    known: 0,
    unknown: 0,
    stillOpen: 0,
    overBands: [0, 0, 0, 0],
    overMaximum: 0,
    totalHandoverMs: 0,
    lostBasisMs: 0,
    lostOver15Ms: 0,
    lostOver30Ms: 0,
    lostOver60Ms: 0,
    knownDurationsMs: [],
    handoverToClearCount: 0,
    handoverToClearTotalMs: 0,
    handoverToClearWithinTarget: 0,
    turnaroundCount: 0,
    turnaroundTotalMs: 0,
    turnaroundWithinTarget: 0,
    releaseRequests: 0,
    releaseAnswered: 0,
    releaseReleased: 0,
    releaseResponseMs: [],
    cohorted: 0,
    disputed: 0,
    corrected: 0,
    closed: 0,
    closedComplete: 0,
  };
}

/** Cancelled handovers and those that never arrived (inbound) are excluded from every metric. */
export function countsInMetrics(handover: Handover): boolean {
  return handover.state !== 'cancelled' && handover.state !== 'inbound' && handover.arrivedAt !== undefined;
}

/** An open handover with no handover time this long after arrival counts as "time unknown". */
export function isStale(arrivedAt: number, now: number, thresholds: Thresholds): boolean {
  return now - arrivedAt > thresholds.staleAfterHours * HOUR_MS;
}

/**
 * Adds one handover to `partial`, in place (the hot path: no allocation beyond pushing a duration).
 * Ignores cancelled and never-arrived handovers; choosing the period is the caller's job.
 */
export function addHandover(partial: MetricsPartial, handover: Handover, context: MetricsContext): void {
  const { arrivedAt, clearedAt } = handover;
  if (!countsInMetrics(handover) || arrivedAt === undefined) return;
  const stoppedAt = handoverTime(handover);
  addTimings(
    partial,
    arrivedAt,
    stoppedAt === undefined ? Number.NaN : stoppedAt - arrivedAt,
    clearedAt === undefined ? Number.NaN : clearedAt - arrivedAt,
    handover.state === 'closed',
    context,
  );
  addReleaseRequests(partial, handover);
  if (isDisputed(handover, context.thresholds)) partial.disputed++;
  if (handover.corrections.length > 0) partial.corrected++;
}

/**
 * Adds a handover's timings to `partial`, in place: `handoverMs` (reported handover time) and `clearMs`
 * as offsets from arrival, NaN while not recorded. The one place both `addHandover` and the reports
 * engine's facts (handover-facts.ts) count timings, so the two always agree. Offsets are whole ms, so
 * clearMs - handoverMs is the clear minus the handover time exactly.
 */
export function addTimings(
  partial: MetricsPartial,
  arrivedAt: number,
  handoverMs: number,
  clearMs: number,
  closed: boolean,
  context: MetricsContext,
): void {
  const { now, thresholds } = context;
  const known = !Number.isNaN(handoverMs);
  const cleared = !Number.isNaN(clearMs);

  if (known) addKnownDuration(partial, Math.max(0, handoverMs), thresholds);
  else if (closed || isStale(arrivedAt, now, thresholds)) partial.unknown++;
  // Includes cohorted handovers: the crew has left but the patient's clock is still running.
  else partial.stillOpen++;

  if (closed) {
    partial.closed++;
    if (known && cleared) partial.closedComplete++;
  }
  if (!cleared) return;

  const clearedFirst = !known || clearMs < handoverMs;
  if (clearedFirst) partial.cohorted++;

  const turnaroundMs = Math.max(0, clearMs);
  partial.turnaroundCount++;
  partial.turnaroundTotalMs += turnaroundMs;
  if (!isOver(turnaroundMs, thresholds.turnaroundMinutes)) partial.turnaroundWithinTarget++;

  // Handover to clear measures the crew's time after handover; a crew that cleared first (cohorted)
  // had none, so it is left out rather than counted as an instant clear.
  if (clearedFirst) return;
  const handoverToClearMs = clearMs - handoverMs;
  partial.handoverToClearCount++;
  partial.handoverToClearTotalMs += handoverToClearMs;
  if (!isOver(handoverToClearMs, thresholds.handoverToClearMinutes)) partial.handoverToClearWithinTarget++;
}

function addKnownDuration(partial: MetricsPartial, durationMs: number, thresholds: Thresholds): void {
  partial.known++;
  partial.totalHandoverMs += durationMs;
  partial.knownDurationsMs.push(durationMs);
  const [b1, b2, b3, b4] = thresholds.bandMinutes;
  const bands = partial.overBands;
  if (isOver(durationMs, b1)) bands[0]++;
  if (isOver(durationMs, b2)) bands[1]++;
  if (isOver(durationMs, b3)) bands[2]++;
  if (isOver(durationMs, b4)) bands[3]++;
  if (isOver(durationMs, thresholds.maximumMinutes)) partial.overMaximum++;
  partial.lostBasisMs += lostBeyond(durationMs, thresholds.hoursLostBasisMinutes);
  partial.lostOver15Ms += lostBeyond(durationMs, LOST_BASIS_MINUTES.over15);
  partial.lostOver30Ms += lostBeyond(durationMs, LOST_BASIS_MINUTES.over30);
  partial.lostOver60Ms += lostBeyond(durationMs, LOST_BASIS_MINUTES.over60);
}

/** Time beyond the basis: max(0, d - T). */
export function lostBeyond(durationMs: number, basisMinutes: number): number {
  return Math.max(0, durationMs - basisMinutes * MINUTE_MS);
}

function addReleaseRequests(partial: MetricsPartial, handover: Handover): void {
  const requests = handover.releaseRequests;
  partial.releaseRequests += requests.length;
  for (let i = 0; i < requests.length; i++) {
    const request = requests[i];
    if (request?.respondedAt === undefined) continue;
    partial.releaseAnswered++;
    partial.releaseResponseMs.push(Math.max(0, request.respondedAt - request.requestedAt));
    if (request.outcome === 'released') partial.releaseReleased++;
  }
}

/** A new partial for the union of the two groups; neither input is changed. */
export function mergePartials(a: MetricsPartial, b: MetricsPartial): MetricsPartial {
  const merged: MetricsPartial = {
    ...a,
    overBands: [...a.overBands],
    knownDurationsMs: [...a.knownDurationsMs],
    releaseResponseMs: [...a.releaseResponseMs],
  };
  addPartial(merged, b);
  return merged;
}

/** `into` becomes `mergePartials(into, from)`, in place (durations appended in the same order). */
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

/** ComplianceMetrics without the percentiles: everything that needs no sort of the durations. */
export type ComplianceCounts = Omit<ComplianceMetrics, 'medianMs' | 'p90Ms' | 'p95Ms' | 'releaseRequests'> & {
  releaseRequests: Omit<ComplianceMetrics['releaseRequests'], 'medianResponseMs'>;
};

/** Derives shares, means and percentiles. `thresholds` only labels the result: counts were judged when added. */
export function finaliseMetrics(partial: MetricsPartial, thresholds: Thresholds): ComplianceMetrics {
  const counts = finaliseCounts(partial, thresholds);
  const durations = sortedCopy(partial.knownDurationsMs);
  return {
    ...counts,
    medianMs: percentileNearestRank(durations, 50) ?? null,
    p90Ms: percentileNearestRank(durations, 90) ?? null,
    p95Ms: percentileNearestRank(durations, 95) ?? null,
    releaseRequests: {
      ...counts.releaseRequests,
      medianResponseMs: percentileNearestRank(sortedCopy(partial.releaseResponseMs), 50) ?? null,
    },
  };
}

/**
 * Shares, counts and means without the percentiles, which sort every duration: what a live screen
 * shows on each refresh (a national one sorts a day's durations per area otherwise).
 */
export function finaliseCounts(partial: MetricsPartial, thresholds: Thresholds): ComplianceCounts {
  const { known, unknown, stillOpen, overBands } = partial;
  const [over15, over30, over45, over60] = overBands;
  return {
    thresholdsVersion: thresholds.version,
    bandMinutes: thresholds.bandMinutes,
    allHandovers: known + unknown + stillOpen,
    known,
    unknown,
    stillOpen,
    over15,
    over30,
    over45,
    over60,
    within15Share: ratio(known - over15, known),
    within45Share: ratio(known - partial.overMaximum, known),
    totalHandoverMs: partial.totalHandoverMs,
    totalHours: partial.totalHandoverMs / HOUR_MS,
    meanMs: ratio(partial.totalHandoverMs, known),
    hoursLost: {
      basisMinutes: thresholds.hoursLostBasisMinutes,
      ms: partial.lostBasisMs,
      hours: partial.lostBasisMs / HOUR_MS,
    },
    lostMs: { over15: partial.lostOver15Ms, over30: partial.lostOver30Ms, over60: partial.lostOver60Ms },
    handoverToClear: {
      targetMinutes: thresholds.handoverToClearMinutes,
      count: partial.handoverToClearCount,
      meanMs: ratio(partial.handoverToClearTotalMs, partial.handoverToClearCount),
      within15Share: ratio(partial.handoverToClearWithinTarget, partial.handoverToClearCount),
    },
    turnaround: {
      targetMinutes: thresholds.turnaroundMinutes,
      count: partial.turnaroundCount,
      meanMs: ratio(partial.turnaroundTotalMs, partial.turnaroundCount),
      within30Share: ratio(partial.turnaroundWithinTarget, partial.turnaroundCount),
    },
    releaseRequests: {
      count: partial.releaseRequests,
      answered: partial.releaseAnswered,
      released: partial.releaseReleased,
    },
    cohorted: partial.cohorted,
    disputed: partial.disputed,
    corrected: partial.corrected,
    closedCount: partial.closed,
    dataCompleteShare: ratio(partial.closedComplete, partial.closed),
  };
}

/** The partial of the handovers that arrived in `period` (cancelled and never-arrived excluded). */
export function partialForPeriod(
  handovers: Iterable<Handover>,
  period: Period,
  context: MetricsContext,
): MetricsPartial {
  const partial = emptyPartial();
  for (const handover of handovers) {
    if (handover.arrivedAt !== undefined && inPeriod(period, handover.arrivedAt)) {
      addHandover(partial, handover, context);
    }
  }
  return partial;
}

/** Every section 5 metric for the handovers that arrived in `period`, as at `context.now`. */
export function computeMetrics(
  handovers: Iterable<Handover>,
  period: Period,
  context: MetricsContext,
): ComplianceMetrics {
  return finaliseMetrics(partialForPeriod(handovers, period, context), context.thresholds);
}

/**
 * Nearest-rank percentile of values sorted ascending: d[ceil(p/100 x n)], 1-based (p = 0 gives the
 * smallest). Undefined when there are no values.
 */
export function percentileNearestRank(sortedAscending: ArrayLike<number>, p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Percentile must be within 0..100, got ${p}`);
  const n = sortedAscending.length;
  if (n === 0) return undefined;
  // p x n / 100 rather than p / 100 x n: an integer product divides exactly, so ceil never overshoots.
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sortedAscending[rank - 1];
}

/** Typed-array sort is numeric and much faster than Array#sort with a comparator on millions of values. */
function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
