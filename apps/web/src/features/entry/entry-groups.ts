import { type Handover, isStale, type Thresholds } from '@handover/domain';
import { isCrewPresumedGone } from '../../shared/lib/crew-gone';

/** The tablet's list in the order staff work through it: what is here now, what is coming, what to check. */
export interface EntryGroups {
  /** Arrived within the last day and still needing a stamp, longest here first: what "At the ED now" counts. */
  atEd: Handover[];
  /** Pre-alerts that have not arrived, soonest first. */
  expected: Handover[];
  /**
   * Open for longer than thresholds.staleAfterHours (the wall display leaves these out): almost always a
   * missed stamp. Listed last, so they stay reachable for a fix without pushing today's arrivals down.
   */
  older: Handover[];
}

const LISTED_STATES = new Set(['inbound', 'waiting', 'cohorted', 'handed_over']);

/** Ambulances at the site still needing a stamp from ED staff, grouped and ordered for the tablet. */
export function entryGroups(
  handovers: Iterable<Handover>,
  siteCode: string,
  now: number,
  thresholds: Thresholds,
): EntryGroups {
  const groups: EntryGroups = { atEd: [], expected: [], older: [] };
  for (const handover of handovers) {
    if (
      handover.siteCode !== siteCode ||
      !LISTED_STATES.has(handover.state) ||
      isCrewPresumedGone(handover, now)
    ) {
      continue;
    }
    // A pre-alert expected more than a day ago is as stale as a clock started then.
    const since = handover.arrivedAt ?? handover.expectedAt;
    if (since !== undefined && isStale(since, now, thresholds)) groups.older.push(handover);
    else if (handover.arrivedAt === undefined) groups.expected.push(handover);
    else groups.atEd.push(handover);
  }
  groups.atEd.sort((a, b) => (a.arrivedAt ?? 0) - (b.arrivedAt ?? 0));
  groups.expected.sort((a, b) => (a.expectedAt ?? 0) - (b.expectedAt ?? 0));
  groups.older.sort((a, b) => (a.arrivedAt ?? a.expectedAt ?? 0) - (b.arrivedAt ?? b.expectedAt ?? 0));
  return groups;
}
