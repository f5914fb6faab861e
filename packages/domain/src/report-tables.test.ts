import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Handover } from './handover';
import { HourlyFactStore } from './hourly-fact-store';
import { computeMetrics, emptyPartial } from './metrics';
import {
  buildReportTables,
  ENGLAND_CODE,
  groupRows,
  mergeAllPartials,
  REPORT_LEVELS,
  type ReportLevel,
  UNKNOWN_CODE,
} from './report-tables';
import { handoversArb } from './test-support/random-handovers';
import { referenceOrganisations } from './test-support/reference-data';
import { ENGLAND_2025, ENGLAND_THRESHOLDS, HOUR_MS } from './thresholds';

const orgs = referenceOrganisations();
const T0 = Date.parse('2026-01-12T00:00:00Z');
const thresholds = ENGLAND_2025;
const period = { start: T0, end: T0 + 24 * HOUR_MS };
const asAt = T0 + 30 * HOUR_MS;
// Two sites of one trust, sites in other trusts and regions, and a site missing from the reference data.
const SITES = ['RRK15', 'RRK97', 'R0B01', 'RC971', 'R1H12', 'ZZZ99'];
const AMBULANCE_TRUSTS = ['RYA', 'RX6', 'RRU'];

function tablesOf(handovers: readonly Handover[]) {
  const store = new HourlyFactStore(ENGLAND_THRESHOLDS);
  for (const handover of handovers) store.replace(undefined, handover);
  return store.partialsByGroup(period, asAt);
}

/** Does a handover count in the row of `level` with `code`? The definition the merges must honour. */
function belongs(handover: Handover, level: ReportLevel, code: string): boolean {
  const site = orgs.site(handover.siteCode);
  switch (level) {
    case 'england':
      return true;
    case 'region':
      return (site?.regionCode ?? UNKNOWN_CODE) === code;
    case 'acute_trust':
      return (site?.trustCode ?? UNKNOWN_CODE) === code;
    case 'site':
      return handover.siteCode === code;
    case 'ambulance_trust':
      return handover.ambulanceTrustCode === code;
  }
}

const handoversOnSites = handoversArb({ base: T0, sites: SITES, ambulanceTrusts: AMBULANCE_TRUSTS }, 60);

describe('report tables', () => {
  it('gives every row the metrics of the union of its handovers, at every level', () => {
    fc.assert(
      fc.property(handoversOnSites, (handovers) => {
        const rows = buildReportTables(tablesOf(handovers), orgs, thresholds);
        for (const row of rows) {
          const members = handovers.filter((h) => belongs(h, row.level, row.code));
          expect(row.metrics, `${row.level} ${row.code}`).toEqual(
            computeMetrics(members, period, { now: asAt, thresholds }),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('lists every organisation once, England first, each trust followed by its sites', () => {
    const rows = buildReportTables([], orgs, thresholds);
    const count = (level: ReportLevel) => rows.filter((row) => row.level === level).length;
    expect(count('england')).toBe(1);
    expect(count('region')).toBe(7);
    expect(count('acute_trust')).toBe(orgs.acuteTrusts.length);
    expect(count('site')).toBe(orgs.sites.length);
    expect(count('ambulance_trust')).toBe(orgs.ambulanceTrusts.length);
    expect(rows[0]).toMatchObject({
      level: 'england',
      code: ENGLAND_CODE,
      name: 'England',
      regionCode: null,
    });
    const rrk = rows.findIndex((row) => row.level === 'acute_trust' && row.code === 'RRK');
    expect(rows.slice(rrk, rrk + 4).map((row) => `${row.level}:${row.code}`)).toEqual([
      'acute_trust:RRK',
      'site:RRK98',
      'site:RRK97',
      'site:RRK15',
    ]);
    expect(rows[rrk + 1]).toMatchObject({
      name: 'Good Hope Hospital',
      acuteTrustCode: 'RRK',
      regionCode: 'Y60',
    });
    expect(rows.find((row) => row.code === 'RYA')).toMatchObject({
      level: 'ambulance_trust',
      acuteTrustCode: null,
      regionCode: 'Y60',
    });
    expect(rows.every((row) => row.metrics.allHandovers === 0)).toBe(true);
  });

  it('puts a site missing from the reference data under an UNKNOWN trust and region, still in England', () => {
    const arrived: Handover = {
      handoverId: 'h',
      siteCode: 'ZZZ99',
      ambulanceTrustCode: 'ZZ9',
      callsign: 'X 1',
      state: 'waiting',
      preAlerted: false,
      arrivedAt: T0 + HOUR_MS,
      releaseRequests: [],
      corrections: [],
      eventIds: [],
      lastCursor: '1-0',
    };
    const rows = buildReportTables(tablesOf([arrived]), orgs, thresholds);
    const find = (level: ReportLevel, code: string) => rows.find((r) => r.level === level && r.code === code);
    expect(find('site', 'ZZZ99')).toMatchObject({ name: 'ZZZ99', acuteTrustCode: UNKNOWN_CODE });
    expect(find('acute_trust', UNKNOWN_CODE)?.metrics.allHandovers).toBe(1);
    expect(find('region', UNKNOWN_CODE)?.metrics.allHandovers).toBe(1);
    expect(find('ambulance_trust', 'ZZ9')).toMatchObject({ name: 'ZZ9', regionCode: null });
    expect(find('england', ENGLAND_CODE)?.metrics.allHandovers).toBe(1);
    expect(rows.at(-1)?.code).toBe('ZZ9');
  });

  it('groups by any one level, only organisations with handovers, with the same figures as the tables', () => {
    fc.assert(
      fc.property(handoversOnSites, (handovers) => {
        const groups = tablesOf(handovers);
        const tables = buildReportTables(groups, orgs, thresholds);
        for (const level of REPORT_LEVELS) {
          const rows = groupRows(groups, level, orgs, thresholds);
          for (const row of rows) {
            expect(row.metrics.allHandovers).toBeGreaterThan(0);
            expect(row).toEqual(tables.find((t) => t.level === level && t.code === row.code));
          }
          const withData = tables.filter((t) => t.level === level && t.metrics.allHandovers > 0);
          // Same organisations; the tables order sites under their trusts, groupRows by name alone.
          expect(rows.map((row) => row.code).sort()).toEqual(withData.map((row) => row.code).sort());
        }
      }),
      { numRuns: 40 },
    );
  });

  it('merges no partials into an empty one', () => {
    expect(mergeAllPartials([])).toEqual(emptyPartial());
  });
});
