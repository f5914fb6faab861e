import type { Handover } from './handover';
import { handoverTime, isDisputed } from './handover-times';
import { addTimings, countsInMetrics, type MetricsContext, type MetricsPartial } from './metrics';
import type { Thresholds } from './thresholds';

/**
 * A handover reduced to exactly what its contribution to the compliance metrics depends on: where it
 * arrived, who conveyed it, and its timings as offsets from arrival. Nothing identifies a patient, crew
 * or callsign. The reports engine keeps one fact per handover instead of the handover itself (see
 * hourly-fact-store.ts), and `addFactToPartial` adds a fact exactly as `addHandover` adds the handover:
 * the two are checked against each other on random handovers (handover-facts.test.ts).
 *
 * A fact does not depend on any `now`: whether a handover with no handover time is still open or
 * already "time unknown" (stale) is decided when the fact is added, as at the moment the caller asks.
 */
export interface HandoverFact {
  siteCode: string;
  ambulanceTrustCode: string;
  arrivedAt: number;
  /** Reported handover time minus arrival (ms); NaN while there is none. */
  handoverMs: number;
  /** Clear minus arrival (ms); NaN while the crew has not cleared. */
  clearMs: number;
  closed: boolean;
  /** Judged when the fact is made, by the thresholds in force at arrival. */
  disputed: boolean;
  corrected: boolean;
  releaseRequests: number;
  releaseReleased: number;
  /** Response times of the answered release requests (ms, at least 0), in request order. */
  releaseResponseMs: readonly number[];
}

/** The fact of a handover that counts in the metrics; undefined for cancelled or never-arrived ones. */
export function factOf(handover: Handover, thresholds: Thresholds): HandoverFact | undefined {
  const { arrivedAt } = handover;
  if (!countsInMetrics(handover) || arrivedAt === undefined) return undefined;
  const stoppedAt = handoverTime(handover);
  const responses: number[] = [];
  let released = 0;
  for (const request of handover.releaseRequests) {
    if (request.respondedAt === undefined) continue;
    responses.push(Math.max(0, request.respondedAt - request.requestedAt));
    if (request.outcome === 'released') released++;
  }
  return {
    siteCode: handover.siteCode,
    ambulanceTrustCode: handover.ambulanceTrustCode,
    arrivedAt,
    handoverMs: stoppedAt === undefined ? Number.NaN : stoppedAt - arrivedAt,
    clearMs: handover.clearedAt === undefined ? Number.NaN : handover.clearedAt - arrivedAt,
    closed: handover.state === 'closed',
    disputed: isDisputed(handover, thresholds),
    corrected: handover.corrections.length > 0,
    releaseRequests: handover.releaseRequests.length,
    releaseReleased: released,
    releaseResponseMs: responses,
  };
}

/** True when two facts contribute identically (NaN timings compare equal). */
export function sameFact(a: HandoverFact, b: HandoverFact): boolean {
  return (
    a.siteCode === b.siteCode &&
    a.ambulanceTrustCode === b.ambulanceTrustCode &&
    a.arrivedAt === b.arrivedAt &&
    Object.is(a.handoverMs, b.handoverMs) &&
    Object.is(a.clearMs, b.clearMs) &&
    a.closed === b.closed &&
    a.disputed === b.disputed &&
    a.corrected === b.corrected &&
    a.releaseRequests === b.releaseRequests &&
    a.releaseReleased === b.releaseReleased &&
    a.releaseResponseMs.length === b.releaseResponseMs.length &&
    a.releaseResponseMs.every((value, index) => value === b.releaseResponseMs[index])
  );
}

/** Adds one fact to `partial`, in place, exactly as `addHandover` adds its handover as at `context.now`. */
export function addFactToPartial(partial: MetricsPartial, fact: HandoverFact, context: MetricsContext): void {
  addTimings(partial, fact.arrivedAt, fact.handoverMs, fact.clearMs, fact.closed, context);
  partial.releaseRequests += fact.releaseRequests;
  partial.releaseAnswered += fact.releaseResponseMs.length;
  partial.releaseReleased += fact.releaseReleased;
  for (const responseMs of fact.releaseResponseMs) partial.releaseResponseMs.push(responseMs);
  if (fact.disputed) partial.disputed++;
  if (fact.corrected) partial.corrected++;
}
