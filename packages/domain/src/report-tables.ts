import type { GroupPartial } from './hourly-fact-store';
import {
  type ComplianceMetrics,
  emptyPartial,
  finaliseMetrics,
  type MetricsPartial,
  mergePartials,
} from './metrics';
import { displayName, type Organisations } from './organisations';
import type { Thresholds } from './thresholds';

/**
 * Report tables: the metrics of every site, acute trust, ambulance trust, region and England, built by
 * MERGING the partials of (site, ambulance trust) groups, never by averaging figures, so that every
 * group's metrics equal the metrics of the union of its parts' handovers (DOMAIN.md section 5). Pure.
 */

export const REPORT_LEVELS = ['england', 'region', 'acute_trust', 'site', 'ambulance_trust'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];

/** The code of the England row. */
export const ENGLAND_CODE = 'ENG';
/** Trust and region of a site missing from the reference data (ingest refuses those, so rarely seen). */
export const UNKNOWN_CODE = 'UNKNOWN';

export interface ReportRow {
  level: ReportLevel;
  code: string;
  name: string;
  /** A site's acute trust; an acute trust's own code; null for the other levels. */
  acuteTrustCode: string | null;
  /** The region of a site, acute trust or region; an ambulance trust's own region; null for England. */
  regionCode: string | null;
  metrics: ComplianceMetrics;
}

/** Identity of a row apart from its metrics. */
type RowIdentity = Omit<ReportRow, 'metrics'>;

const NO_VALUES: readonly number[] = Object.freeze([]);

/**
 * Merges any number of partials: the counts and sums through `mergePartials` (the one definition of
 * merging), the duration lists concatenated once rather than copied at every pairwise step.
 */
export function mergeAllPartials(partials: readonly MetricsPartial[]): MetricsPartial {
  const [only] = partials;
  if (partials.length === 1 && only !== undefined) return only;
  let merged = emptyPartial();
  for (const partial of partials) {
    merged = mergePartials(merged, {
      ...partial,
      knownDurationsMs: NO_VALUES as number[],
      releaseResponseMs: NO_VALUES as number[],
    });
  }
  merged.knownDurationsMs = concatenated(partials.map((partial) => partial.knownDurationsMs));
  merged.releaseResponseMs = concatenated(partials.map((partial) => partial.releaseResponseMs));
  return merged;
}

function concatenated(lists: readonly (readonly number[])[]): number[] {
  let length = 0;
  for (const list of lists) length += list.length;
  // Sized once: growing by push would copy a national month's durations several times over.
  const all = new Array<number>(length);
  let at = 0;
  for (const list of lists) for (const value of list) all[at++] = value;
  return all;
}

/** Groups partials by a key and merges each group. */
function mergeBy<T>(items: readonly T[], keyOf: (item: T) => string, partialOf: (item: T) => MetricsPartial) {
  const lists = new Map<string, MetricsPartial[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = lists.get(key);
    if (list === undefined) lists.set(key, [partialOf(item)]);
    else list.push(partialOf(item));
  }
  const merged = new Map<string, MetricsPartial>();
  for (const [key, list] of lists) merged.set(key, mergeAllPartials(list));
  return merged;
}

function trustOfSite(siteCode: string, orgs: Organisations): string {
  return orgs.site(siteCode)?.trustCode ?? UNKNOWN_CODE;
}

function regionOfSite(siteCode: string, orgs: Organisations): string {
  return orgs.site(siteCode)?.regionCode ?? UNKNOWN_CODE;
}

/** The code of the row a group's handovers count in, at each level. */
function groupCodeAt(level: ReportLevel, group: GroupPartial, orgs: Organisations): string {
  switch (level) {
    case 'england':
      return ENGLAND_CODE;
    case 'region':
      return regionOfSite(group.siteCode, orgs);
    case 'acute_trust':
      return trustOfSite(group.siteCode, orgs);
    case 'site':
      return group.siteCode;
    case 'ambulance_trust':
      return group.ambulanceTrustCode;
  }
}

/** Name, trust and region of a row's organisation; a code missing from the reference data names itself. */
export function rowIdentity(level: ReportLevel, code: string, orgs: Organisations): RowIdentity {
  switch (level) {
    case 'england':
      return { level, code, name: 'England', acuteTrustCode: null, regionCode: null };
    case 'region':
      return { level, code, name: orgs.region(code)?.name ?? code, acuteTrustCode: null, regionCode: code };
    case 'acute_trust': {
      const trust = orgs.acuteTrust(code);
      return {
        level,
        code,
        name: trust === undefined ? code : displayName(trust.name),
        acuteTrustCode: code,
        regionCode: trust?.regionCode ?? UNKNOWN_CODE,
      };
    }
    case 'site': {
      const site = orgs.site(code);
      return {
        level,
        code,
        name: site === undefined ? code : displayName(site.name),
        acuteTrustCode: site?.trustCode ?? UNKNOWN_CODE,
        regionCode: site?.regionCode ?? UNKNOWN_CODE,
      };
    }
    case 'ambulance_trust': {
      const trust = orgs.ambulanceTrust(code);
      return {
        level,
        code,
        name: trust === undefined ? code : displayName(trust.name),
        acuteTrustCode: null,
        regionCode: trust?.regionCode ?? null,
      };
    }
  }
}

/** Codes of a level in the organisation model's order (by name), England's single code for England. */
function modelCodes(level: ReportLevel, orgs: Organisations): string[] {
  switch (level) {
    case 'england':
      return [ENGLAND_CODE];
    case 'region':
      return orgs.regions.map((region) => region.code);
    case 'acute_trust':
      return orgs.acuteTrusts.map((trust) => trust.code);
    case 'site':
      return orgs.sites.map((site) => site.code);
    case 'ambulance_trust':
      return orgs.ambulanceTrusts.map((trust) => trust.code);
  }
}

/** Model order first, then codes the model does not know, by code. */
function orderedCodes(level: ReportLevel, present: Iterable<string>, orgs: Organisations): string[] {
  const known = modelCodes(level, orgs);
  const inModel = new Set(known);
  const extra = [...present].filter((code) => !inModel.has(code)).sort();
  return [...known, ...extra];
}

/**
 * One row per organisation of `level` that has handovers in `groups`, in the organisation model's order
 * (by name; codes missing from the model last). For charts and the any-period compliance query.
 */
export function groupRows(
  groups: readonly GroupPartial[],
  level: ReportLevel,
  orgs: Organisations,
  thresholds: Thresholds,
): ReportRow[] {
  const merged = mergeBy(
    groups,
    (group) => groupCodeAt(level, group, orgs),
    (group) => group.partial,
  );
  return orderedCodes(level, merged.keys(), orgs).flatMap((code) => {
    const partial = merged.get(code);
    if (partial === undefined) return [];
    return [{ ...rowIdentity(level, code, orgs), metrics: finaliseMetrics(partial, thresholds) }];
  });
}

/**
 * The full national tables of the 16:00 report and the daily return: every organisation of the model,
 * including those with no handovers (zeros). Order: England; regions; each acute trust followed by its
 * sites; ambulance trusts (each list by name). Trusts merge their sites' partials, regions their
 * trusts', England its regions'; ambulance trusts merge the groups directly.
 */
export function buildReportTables(
  groups: readonly GroupPartial[],
  orgs: Organisations,
  thresholds: Thresholds,
): ReportRow[] {
  const bySite = mergeBy(
    groups,
    (group) => group.siteCode,
    (group) => group.partial,
  );
  const siteCodes = orderedCodes('site', bySite.keys(), orgs);
  const byTrust = mergeBy(
    siteCodes,
    (code) => trustOfSite(code, orgs),
    (code) => bySite.get(code) ?? emptyPartial(),
  );
  const trustCodes = orderedCodes('acute_trust', byTrust.keys(), orgs);
  const regionOfTrust = (code: string) => orgs.acuteTrust(code)?.regionCode ?? UNKNOWN_CODE;
  const byRegion = mergeBy(trustCodes, regionOfTrust, (code) => byTrust.get(code) ?? emptyPartial());
  const regionCodes = orderedCodes('region', byRegion.keys(), orgs);
  const england = mergeAllPartials(regionCodes.map((code) => byRegion.get(code) ?? emptyPartial()));
  const byAmbulanceTrust = mergeBy(
    groups,
    (group) => group.ambulanceTrustCode,
    (group) => group.partial,
  );

  const row = (level: ReportLevel, code: string, partial: MetricsPartial | undefined): ReportRow => ({
    ...rowIdentity(level, code, orgs),
    metrics: finaliseMetrics(partial ?? emptyPartial(), thresholds),
  });
  const sitesByTrust = new Map<string, string[]>();
  for (const code of siteCodes) {
    const trust = trustOfSite(code, orgs);
    const list = sitesByTrust.get(trust);
    if (list === undefined) sitesByTrust.set(trust, [code]);
    else list.push(code);
  }
  return [
    row('england', ENGLAND_CODE, england),
    ...regionCodes.map((code) => row('region', code, byRegion.get(code))),
    ...trustCodes.flatMap((trust) => [
      row('acute_trust', trust, byTrust.get(trust)),
      ...(sitesByTrust.get(trust) ?? []).map((site) => row('site', site, bySite.get(site))),
    ]),
    ...orderedCodes('ambulance_trust', byAmbulanceTrust.keys(), orgs).map((code) =>
      row('ambulance_trust', code, byAmbulanceTrust.get(code)),
    ),
  ];
}
