import {
  type ComplianceMetrics,
  computeLiveFigures,
  emptyLiveFigures,
  emptyPartial,
  finaliseMetrics,
  type Handover,
  type LiveFigures,
  type MetricsPartial,
  mergeLiveFigures,
  mergePartials,
  type Period,
  partialForPeriod,
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

/** One pass to group by site, then the domain's figures per site. */
export function aggregateBySite(
  handovers: Iterable<Handover>,
  context: AggregateContext,
): Map<string, SiteAggregate> {
  const bySite = new Map<string, Handover[]>();
  for (const handover of handovers) {
    const list = bySite.get(handover.siteCode);
    if (list === undefined) bySite.set(handover.siteCode, [handover]);
    else list.push(handover);
  }
  const result = new Map<string, SiteAggregate>();
  for (const [siteCode, list] of bySite) result.set(siteCode, aggregateOf(siteCode, list, context));
  return result;
}

function aggregateOf(
  siteCode: string,
  handovers: readonly Handover[],
  context: AggregateContext,
): SiteAggregate {
  const { now, thresholds, today } = context;
  return {
    siteCode,
    held: computeLiveFigures(
      handovers.filter((handover) => handover.state === 'waiting'),
      now,
      thresholds,
    ),
    patients: computeLiveFigures(handovers, now, thresholds),
    today: partialForPeriod(handovers, today, { now, thresholds }),
  };
}

/** The figures of a group of sites (a trust, a region, England). */
export function mergeSiteAggregates(code: string, parts: Iterable<SiteAggregate>): SiteAggregate {
  let held = emptyLiveFigures();
  let patients = emptyLiveFigures();
  let today = emptyPartial();
  for (const part of parts) {
    held = mergeLiveFigures(held, part.held);
    patients = mergeLiveFigures(patients, part.patients);
    today = mergePartials(today, part.today);
  }
  return { siteCode: code, held, patients, today };
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
  today: ComplianceMetrics;
}

export function areaFigures(aggregate: SiteAggregate, thresholds: Thresholds): AreaFigures {
  const today = finaliseMetrics(aggregate.today, thresholds);
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
