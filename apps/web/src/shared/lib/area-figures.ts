import {
  addHandover,
  addLiveFigures,
  addPartial,
  addToLiveFigures,
  type ComplianceCounts,
  emptyLiveFigures,
  emptyPartial,
  finaliseCounts,
  type Handover,
  inPeriod,
  type LiveFigures,
  type MetricsPartial,
  type Period,
  type Thresholds,
} from '@handover/domain';

/**
 * Live and today's figures per site, computed once per refresh from every handover on the page and
 * rolled up to trusts, regions and England by MERGING (never averaging), so any group's figures equal
 * those of the union of its sites' handovers.
 *
 * Control rooms and NHS England watch ambulances held: a patient handed to a cohort nurse (crew
 * cleared, clock still running) no longer holds a crew, so "held" figures count the waiting state only
 * and cohorted patients are counted beside them.
 */
export interface SiteAggregate {
  siteCode: string;
  /** Crews held now: the domain's live figures over handovers still in the `waiting` state. */
  held: LiveFigures;
  /** Every patient whose clock runs (cohorted included), plus inbound and arrivals in the last hour. */
  patients: LiveFigures;
  /** Handovers that arrived in the period (today), as a mergeable partial. */
  today: MetricsPartial;
}

export interface AggregateContext {
  now: number;
  thresholds: Thresholds;
  /** The period "today" means (a London calendar day). */
  today: Period;
}

/**
 * One pass over the handovers, each added straight into its site's figures (no list per site, no copy
 * per state): the national view folds 2,000 open handovers, and a day's finished ones, every refresh.
 */
export function aggregateBySite(
  handovers: Iterable<Handover>,
  context: AggregateContext,
): Map<string, SiteAggregate> {
  const { now, thresholds, today } = context;
  const metrics = { now, thresholds };
  const result = new Map<string, SiteAggregate>();
  for (const handover of handovers) {
    let aggregate = result.get(handover.siteCode);
    if (aggregate === undefined) {
      aggregate = emptyAggregate(handover.siteCode);
      result.set(handover.siteCode, aggregate);
    }
    addToLiveFigures(aggregate.patients, handover, now, thresholds);
    if (handover.state === 'waiting') addToLiveFigures(aggregate.held, handover, now, thresholds);
    const { arrivedAt } = handover;
    if (arrivedAt !== undefined && inPeriod(today, arrivedAt))
      addHandover(aggregate.today, handover, metrics);
  }
  return result;
}

/**
 * The figures of a group of sites (a trust, a region, England), added into one new aggregate: the
 * parts are left unchanged, and merging many parts stays linear in their durations.
 */
export function mergeSiteAggregates(code: string, parts: Iterable<SiteAggregate>): SiteAggregate {
  const merged = emptyAggregate(code);
  for (const part of parts) {
    addLiveFigures(merged.held, part.held);
    addLiveFigures(merged.patients, part.patients);
    addPartial(merged.today, part.today);
  }
  return merged;
}

/** What a row or a headline shows for an area, derived from its aggregate. */
export interface AreaFigures {
  heldNow: number;
  longestWaitMs: number | null;
  over45Now: number;
  over60Now: number;
  hoursLostNowMs: number;
  /**
   * Time lost today: beyond the basis for today's completed handovers plus that of crews held now, so
   * the figure does not jump when a long wait is finally handed over (as on the wall display).
   */
  hoursLostTodayMs: number;
  cohortedNow: number;
  inbound: number;
  today: ComplianceCounts;
}

export function areaFigures(aggregate: SiteAggregate, thresholds: Thresholds): AreaFigures {
  const today = finaliseCounts(aggregate.today, thresholds);
  const { held, patients } = aggregate;
  return {
    heldNow: held.waitingNow,
    longestWaitMs: held.longestWaitMs,
    over45Now: held.over45Now,
    over60Now: held.over60Now,
    hoursLostNowMs: held.hoursLostNowMs,
    hoursLostTodayMs: today.hoursLost.ms + held.hoursLostNowMs,
    cohortedNow: patients.cohortedNow,
    inbound: patients.inbound,
    today,
  };
}

/** A site or group with no handovers at all (listed so that quiet places still show). */
export function emptyAggregate(code: string): SiteAggregate {
  return { siteCode: code, held: emptyLiveFigures(), patients: emptyLiveFigures(), today: emptyPartial() };
}
