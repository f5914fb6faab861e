import { type Handover, handoverTime, isStale, type Thresholds } from '@handover/domain';
import {
  type AggregateContext,
  type AreaFigures,
  aggregateBySite,
  areaFigures,
  mergeSiteAggregates,
} from '../../shared/lib/area-figures';
import { byPressure, type Pressure, pressureOf } from '../../shared/lib/pressure';
import type { OrganisationDirectory } from '../../stores/organisations-store';

/** One hospital in the control room's list. */
export interface ControlSiteRow {
  siteCode: string;
  name: string;
  /** The acute trust running it, when the reference data knows the site. */
  trustName: string | undefined;
  pressure: Pressure;
  figures: AreaFigures;
  /** Crews handed over but not yet clear: still at the hospital, no longer held. */
  awaitingClear: number;
}

export interface ControlView {
  /** Every crew of the trust, wherever it is. */
  totals: AreaFigures;
  /** Sites where the trust has a crew now (held or not yet clear), most pressed first. */
  active: ControlSiteRow[];
  /** Other sites its crews went to today, quiet now. */
  quiet: ControlSiteRow[];
  /** Crews held now (clock running, crew still with the patient), longest first. */
  held: Handover[];
}

/** Handed-over crews older than this are presumed gone without a clear stamp (as on the wall display). */
const AWAITING_CLEAR_WINDOW_MS = 2 * 3_600_000;

/**
 * The control room's picture from the handovers of its ambulance trust (the live scope holds only
 * those): one aggregation per site, then the sort by pressure.
 */
export function controlView(
  handovers: Iterable<Handover>,
  context: AggregateContext,
  directory: OrganisationDirectory | null,
): ControlView {
  const list = [...handovers];
  const bySite = aggregateBySite(list, context);
  const { now, thresholds } = context;

  const awaitingClear = new Map<string, number>();
  const held: Handover[] = [];
  for (const handover of list) {
    if (isHeld(handover, now, thresholds)) held.push(handover);
    else if (isAwaitingClear(handover, now)) {
      awaitingClear.set(handover.siteCode, (awaitingClear.get(handover.siteCode) ?? 0) + 1);
    }
  }
  held.sort((a, b) => (a.arrivedAt ?? 0) - (b.arrivedAt ?? 0));

  const active: ControlSiteRow[] = [];
  const quiet: ControlSiteRow[] = [];
  for (const aggregate of bySite.values()) {
    const figures = areaFigures(aggregate, thresholds);
    const site = directory?.site(aggregate.siteCode);
    const row: ControlSiteRow = {
      siteCode: aggregate.siteCode,
      name: site?.name ?? aggregate.siteCode,
      trustName: site === undefined ? undefined : directory?.acuteTrust(site.trustCode)?.name,
      pressure: pressureOf(figures.longestWaitMs, thresholds),
      figures,
      awaitingClear: awaitingClear.get(aggregate.siteCode) ?? 0,
    };
    if (figures.heldNow > 0 || row.awaitingClear > 0) active.push(row);
    else if (figures.today.allHandovers > 0) quiet.push(row);
  }
  active.sort(byPressure);
  quiet.sort((a, b) => a.name.localeCompare(b.name));
  return {
    totals: areaFigures(mergeSiteAggregates('all', bySite.values()), thresholds),
    active,
    quiet,
    held,
  };
}

/** A crew still with its patient, clock running; a stale clock is a missing stamp, not a crew held. */
export function isHeld(handover: Handover, now: number, thresholds: Thresholds): boolean {
  return (
    handover.state === 'waiting' &&
    handover.arrivedAt !== undefined &&
    !isStale(handover.arrivedAt, now, thresholds)
  );
}

function isAwaitingClear(handover: Handover, now: number): boolean {
  if (handover.state !== 'handed_over') return false;
  const stoppedAt = handoverTime(handover) ?? handover.arrivedAt ?? 0;
  return now - stoppedAt <= AWAITING_CLEAR_WINDOW_MS;
}
