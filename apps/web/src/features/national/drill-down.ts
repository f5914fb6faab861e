import {
  type Band,
  bandAt,
  clockAt,
  type Handover,
  type HandoverState,
  handoverTime,
  type Thresholds,
} from '@handover/domain';
import type { Scope } from '@handover/protocol';
import {
  type AreaFigures,
  areaFigures,
  mergeSiteAggregates,
  type SiteAggregate,
} from '../../shared/lib/area-figures';
import { type Pressure, pressureOf } from '../../shared/lib/pressure';
import { shortTrustName } from '../../shared/lib/trust-names';
import type { Crumb } from '../../shared/ui/breadcrumbs';
import type { OrganisationDirectory } from '../../stores/organisations-store';

/**
 * The drill-down England -> region -> acute trust -> site -> handovers, as pure selectors over the
 * per-site aggregates (computed once per refresh) and the reference data. Quiet places are listed too,
 * so a trust with nothing happening reads as quiet rather than missing.
 */
export type Level = 'england' | 'region' | 'trust';

/** One row of a drill-down table, and a bar or a dot of the charts and the map. */
export interface AreaRow {
  code: string;
  name: string;
  /** The page this row drills down to. */
  href: string;
  /** The row's region (trusts on the England page). */
  parent?: string;
  pressure: Pressure;
  figures: AreaFigures;
}

export function scopeOf(level: Level, code: string): Scope {
  switch (level) {
    case 'england':
      return { kind: 'england' };
    case 'region':
      return { kind: 'region', code };
    case 'trust':
      return { kind: 'acute_trust', code };
  }
}

/** What a row shows that comes from the reference data alone: worked out once per directory. */
interface AreaEntry {
  code: string;
  name: string;
  href: string;
  parent?: string;
  siteCodes: readonly string[];
}

function rowOf(entry: AreaEntry, sites: ReadonlyMap<string, SiteAggregate>, thresholds: Thresholds): AreaRow {
  // A site with no handovers adds nothing to the merge: only those with an aggregate are merged.
  const parts: SiteAggregate[] = [];
  for (const siteCode of entry.siteCodes) {
    const aggregate = sites.get(siteCode);
    if (aggregate !== undefined) parts.push(aggregate);
  }
  const figures = areaFigures(mergeSiteAggregates(entry.code, parts), thresholds);
  return {
    code: entry.code,
    name: entry.name,
    href: entry.href,
    ...(entry.parent === undefined ? {} : { parent: entry.parent }),
    pressure: pressureOf(figures.longestWaitMs, thresholds),
    figures,
  };
}

/**
 * Entries by directory and key: the reference data does not change between refreshes, so names,
 * links and which sites make up each area are worked out once, not every few seconds.
 */
const entriesCache = new WeakMap<OrganisationDirectory, Map<string, readonly AreaEntry[]>>();

function cachedEntries(
  directory: OrganisationDirectory,
  key: string,
  build: () => readonly AreaEntry[],
): readonly AreaEntry[] {
  let byKey = entriesCache.get(directory);
  if (byKey === undefined) {
    byKey = new Map();
    entriesCache.set(directory, byKey);
  }
  let entries = byKey.get(key);
  if (entries === undefined) {
    entries = build();
    byKey.set(key, entries);
  }
  return entries;
}

/** The seven regions, each the union of its sites. */
export function regionRows(
  sites: ReadonlyMap<string, SiteAggregate>,
  directory: OrganisationDirectory,
  thresholds: Thresholds,
): AreaRow[] {
  const entries = cachedEntries(directory, 'regions', () =>
    directory.regions.map((region) => ({
      code: region.code,
      name: region.name,
      href: `/region/${region.code}`,
      siteCodes: directory.sites.filter((site) => site.regionCode === region.code).map((site) => site.code),
    })),
  );
  return entries.map((entry) => rowOf(entry, sites, thresholds));
}

/** Acute trusts (of one region, or all of England), each the union of its sites. */
export function trustRows(
  sites: ReadonlyMap<string, SiteAggregate>,
  directory: OrganisationDirectory,
  thresholds: Thresholds,
  regionCode?: string,
): AreaRow[] {
  const entries = cachedEntries(directory, `trusts:${regionCode ?? ''}`, () => {
    const sitesOfTrust = new Map<string, string[]>();
    for (const site of directory.sites) {
      if (regionCode !== undefined && site.regionCode !== regionCode) continue;
      const list = sitesOfTrust.get(site.trustCode);
      if (list === undefined) sitesOfTrust.set(site.trustCode, [site.code]);
      else list.push(site.code);
    }
    return [...sitesOfTrust].map(([trustCode, siteCodes]) => {
      const trust = directory.acuteTrust(trustCode);
      const region = trust === undefined ? undefined : directory.region(trust.regionCode)?.name;
      const parent = regionCode === undefined ? region : undefined;
      return {
        code: trustCode,
        name: shortTrustName(trust?.name ?? trustCode),
        href: `/trust/${trustCode}`,
        ...(parent === undefined ? {} : { parent }),
        siteCodes,
      };
    });
  });
  return entries.map((entry) => rowOf(entry, sites, thresholds));
}

/** The sites of one acute trust; each links to its list of handovers. */
export function siteRows(
  sites: ReadonlyMap<string, SiteAggregate>,
  directory: OrganisationDirectory,
  thresholds: Thresholds,
  trustCode: string,
): AreaRow[] {
  const entries = cachedEntries(directory, `sites:${trustCode}`, () =>
    directory.sites
      .filter((site) => site.trustCode === trustCode)
      .map((site) => ({
        code: site.code,
        name: site.name,
        href: `/trust/${trustCode}?site=${site.code}`,
        siteCodes: [site.code],
      })),
  );
  return entries.map((entry) => rowOf(entry, sites, thresholds));
}

/** A dot of the map: a site where it is, with its pressure now. */
export interface MapSite {
  code: string;
  name: string;
  lat: number;
  lon: number;
  regionCode: string;
  pressure: Pressure;
  heldNow: number;
}

/** Every site in England (or in one region) for the map, quiet ones included. */
export function mapSitesOf(
  sites: ReadonlyMap<string, SiteAggregate>,
  directory: OrganisationDirectory,
  thresholds: Thresholds,
  regionCode?: string,
): MapSite[] {
  return directory.sites
    .filter((site) => regionCode === undefined || site.regionCode === regionCode)
    .map((site) => {
      const held = sites.get(site.code)?.held;
      return {
        code: site.code,
        name: site.name,
        lat: site.lat,
        lon: site.lon,
        regionCode: site.regionCode,
        pressure: pressureOf(held?.longestWaitMs ?? null, thresholds),
        heldNow: held?.waitingNow ?? 0,
      };
    });
}

/** One handover in a site's list: operational facts only, never anything about the patient. */
export interface SiteHandoverRow {
  handoverId: string;
  callsign: string;
  ambulanceTrustCode: string;
  state: HandoverState;
  arrivedAt: number;
  handedOverAt: number | undefined;
  clearedAt: number | undefined;
  /** Arrival to handover, or so far while waiting. */
  clockMs: number | undefined;
  band: Band | undefined;
}

/** The handovers that arrived at a site (cancelled ones left out), newest arrival first. */
export function siteHandoverRows(
  handovers: Iterable<Handover>,
  siteCode: string,
  now: number,
  thresholds: Thresholds,
): SiteHandoverRow[] {
  const rows: SiteHandoverRow[] = [];
  for (const handover of handovers) {
    const { arrivedAt } = handover;
    if (handover.siteCode !== siteCode || arrivedAt === undefined || handover.state === 'cancelled') continue;
    rows.push({
      handoverId: handover.handoverId,
      callsign: handover.callsign,
      ambulanceTrustCode: handover.ambulanceTrustCode,
      state: handover.state,
      arrivedAt,
      handedOverAt: handoverTime(handover),
      clearedAt: handover.clearedAt,
      clockMs: clockAt(handover, now),
      band: bandAt(handover, now, thresholds),
    });
  }
  return rows.sort((a, b) => b.arrivedAt - a.arrivedAt);
}

/** The way back up from a page of the drill-down. */
export function crumbsFor(level: Level, code: string, directory: OrganisationDirectory | null): Crumb[] {
  if (level === 'england') return [];
  const england: Crumb = { to: '/national', label: 'England' };
  if (level === 'region') return [england];
  const regionCode = directory?.acuteTrust(code)?.regionCode;
  if (regionCode === undefined) return [england];
  return [england, { to: `/region/${regionCode}`, label: directory?.region(regionCode)?.name ?? regionCode }];
}

/** The page's own name: "England", "Midlands", "University Hospitals Birmingham". */
export function titleOf(level: Level, code: string, directory: OrganisationDirectory | null): string {
  switch (level) {
    case 'england':
      return 'England';
    case 'region':
      return directory?.region(code)?.name ?? `Region ${code}`;
    case 'trust': {
      const name = directory?.acuteTrust(code)?.name;
      return name === undefined ? `Trust ${code}` : shortTrustName(name);
    }
  }
}
