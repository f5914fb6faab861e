import type { AmbulanceTrust, Site } from '@handover/domain';
import { type Calibration, trustCalibration } from './calibration';
import { conveyorsOf } from './conveyance';
import { siteTraffic } from './site-traffic';
import type { GeneratedEvent, TimedEvent } from './wire-events';

/**
 * Simulated national handover traffic: deterministic from a seed, calibrated per trust to real NHS
 * England winter figures, and written as the exact events the server accepts. Pure: no clock, no I/O.
 */

/** The organisation fields the generator reads; the domain's Organisations has them. */
export interface TrafficOrganisations {
  sites: readonly Pick<Site, 'code' | 'trustCode' | 'regionCode' | 'lat' | 'lon'>[];
  ambulanceTrusts: readonly Pick<AmbulanceTrust, 'code' | 'regionCode'>[];
}

export interface GenerateTrafficOptions {
  seed: number;
  /** Handovers arriving in [from, to) (epoch ms) are generated; their later events may fall after `to`. */
  from: number;
  to: number;
  organisations: TrafficOrganisations;
  calibration: Calibration;
  /** Limit to these site codes (default: every site). A site's traffic does not depend on the others. */
  sites?: readonly string[];
  /**
   * Drop events after this instant: handovers still open then stay open, and calling again with a later
   * `now` (same other options) reveals the rest of the same traffic.
   */
  now?: number;
}

// Arrivals in the hours before `from` are simulated, not emitted, so the first patients meet the queue a
// real ED would have rather than an empty one.
const WARM_UP_MS = 6 * 3_600_000;

/** Every event of the window's traffic, sorted by `at` (ties in causal order). */
export function generateTraffic(options: GenerateTrafficOptions): GeneratedEvent[] {
  const { from, to, organisations, calibration } = options;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
    throw new RangeError(`Traffic window must have from < to, got ${from} and ${to}`);
  }
  const sites = chosenSites(organisations, options.sites);
  const siteCountOfTrust = countBy(organisations.sites, (site) => site.trustCode);

  const timed: TimedEvent[] = [];
  for (const site of sites) {
    const trust = trustCalibration(calibration, site.trustCode);
    timed.push(
      ...siteTraffic({
        seed: options.seed,
        siteCode: site.code,
        conveyors: conveyorsOf(site, organisations.ambulanceTrusts),
        calibration: trust,
        // No per-site figures are published: a trust's handovers are shared equally between its EDs.
        dailyHandovers: trust.dailyHandovers / (siteCountOfTrust.get(site.trustCode) ?? 1),
        weekdayFactors: calibration.weekdayFactors,
        warmUpFrom: from - WARM_UP_MS,
        from,
        to,
      }),
    );
  }
  const { now } = options;
  const visible = now === undefined ? timed : timed.filter((event) => event.atMs <= now);
  // Array sort is stable: events of one handover at the same instant keep their causal order.
  return visible.sort((a, b) => a.atMs - b.atMs).map((event) => event.generated);
}

function chosenSites(
  organisations: TrafficOrganisations,
  codes: readonly string[] | undefined,
): TrafficOrganisations['sites'] {
  if (codes === undefined) return organisations.sites;
  const known = new Map(organisations.sites.map((site) => [site.code, site]));
  // A code named twice would otherwise emit the same events (and eventIds) twice.
  return [...new Set(codes)].map((code) => {
    const site = known.get(code);
    if (site === undefined) throw new RangeError(`Unknown site code "${code}"`);
    return site;
  });
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
