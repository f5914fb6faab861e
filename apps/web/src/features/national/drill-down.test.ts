import { calendarDay, ENGLAND_2025, localDateOf } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { aggregateBySite } from '../../shared/lib/area-figures';
import { buildDirectory } from '../../stores/organisations-store';
import { MINUTE, T0, waitingHandover } from '../../test-support/handover-fixtures';
import {
  crumbsFor,
  mapSitesOf,
  regionRows,
  scopeOf,
  siteHandoverRows,
  siteRows,
  titleOf,
  trustRows,
} from './drill-down';

const NOW = T0 + 5 * 60 * MINUTE;
const context = { now: NOW, thresholds: ENGLAND_2025, today: calendarDay(localDateOf(NOW)) };

const site = (code: string, trustCode: string, regionCode: string, name: string) => ({
  code,
  name,
  trustCode,
  regionCode,
  postcode: '',
  lat: 52,
  lon: -1,
});
const directory = buildDirectory({
  attribution: 'test',
  regions: [
    { code: 'Y56', name: 'London' },
    { code: 'Y60', name: 'Midlands' },
  ],
  ambulanceTrusts: [
    {
      code: 'RYA',
      name: 'WEST MIDLANDS AMBULANCE SERVICE UNIVERSITY NHS FOUNDATION TRUST',
      regionCode: 'Y60',
    },
  ],
  acuteTrusts: [
    {
      code: 'RRK',
      name: 'UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST',
      regionCode: 'Y60',
      type1AttendancesMar2026: null,
    },
    {
      code: 'RKB',
      name: 'UNIVERSITY HOSPITALS COVENTRY AND WARWICKSHIRE NHS TRUST',
      regionCode: 'Y60',
      type1AttendancesMar2026: null,
    },
    { code: 'R1H', name: 'BARTS HEALTH NHS TRUST', regionCode: 'Y56', type1AttendancesMar2026: null },
  ],
  sites: [
    site('RRK15', 'RRK', 'Y60', 'QUEEN ELIZABETH HOSPITAL BIRMINGHAM'),
    site('RRK97', 'RRK', 'Y60', 'HEARTLANDS HOSPITAL'),
    site('RKB01', 'RKB', 'Y60', 'UNIVERSITY HOSPITAL COVENTRY'),
    site('R1H12', 'R1H', 'Y56', 'THE ROYAL LONDON HOSPITAL'),
  ],
});

const handovers = [
  waitingHandover('a', NOW - 70 * MINUTE, { siteCode: 'RRK15', callsign: 'WM1' }),
  waitingHandover('b', NOW - 20 * MINUTE, { siteCode: 'RRK97', callsign: 'WM2' }),
  waitingHandover('c', NOW - 100 * MINUTE, {
    siteCode: 'RRK97',
    callsign: 'WM3',
    state: 'closed',
    crewHandedOverAt: NOW - 60 * MINUTE,
    edHandedOverAt: NOW - 58 * MINUTE,
    clearedAt: NOW - 50 * MINUTE,
  }),
  waitingHandover('d', NOW - 10 * MINUTE, { siteCode: 'R1H12', callsign: 'LA9', ambulanceTrustCode: 'RRU' }),
  waitingHandover('e', NOW - 30 * MINUTE, { siteCode: 'RRK15', state: 'cancelled', callsign: 'WM5' }),
];
const sites = aggregateBySite(handovers, context);

describe('drill-down selectors', () => {
  it('England -> regions: every region, the union of its sites', () => {
    const rows = regionRows(sites, directory, ENGLAND_2025);
    expect(rows.map((row) => [row.code, row.name, row.href, row.figures.heldNow, row.pressure])).toEqual([
      ['Y56', 'London', '/region/Y56', 1, 'on_target'],
      ['Y60', 'Midlands', '/region/Y60', 2, 'over_60'],
    ]);
    const midlands = rows[1];
    // c took 40 minutes by the crew's stamp (25 lost); a and b wait 70 and 20 (55 and 5 lost).
    expect(midlands?.figures.hoursLostTodayMs).toBe((25 + 55 + 5) * MINUTE);
  });

  it('region -> acute trusts, with quiet trusts listed and the region named only on the England list', () => {
    const midlands = trustRows(sites, directory, ENGLAND_2025, 'Y60');
    expect(midlands.map((row) => [row.code, row.name, row.href, row.figures.heldNow, row.parent])).toEqual([
      ['RRK', 'University Hospitals Birmingham', '/trust/RRK', 2, undefined],
      ['RKB', 'University Hospitals Coventry and Warwickshire', '/trust/RKB', 0, undefined],
    ]);
    const england = trustRows(sites, directory, ENGLAND_2025);
    expect(england.map((row) => [row.code, row.parent])).toEqual([
      ['RRK', 'Midlands'],
      ['RKB', 'Midlands'],
      ['R1H', 'London'],
    ]);
  });

  it('keeps only names and links between refreshes: the figures are the sites given each time', () => {
    expect(trustRows(sites, directory, ENGLAND_2025, 'Y60')[0]?.figures.heldNow).toBe(2);
    const quieter = aggregateBySite(
      handovers.filter((handover) => handover.handoverId !== 'a'),
      context,
    );
    expect(trustRows(quieter, directory, ENGLAND_2025, 'Y60')[0]?.figures.heldNow).toBe(1);
    expect(regionRows(new Map(), directory, ENGLAND_2025).map((row) => row.figures.heldNow)).toEqual([0, 0]);
  });

  it('acute trust -> sites, each linking to its list of handovers', () => {
    const rows = siteRows(sites, directory, ENGLAND_2025, 'RRK');
    expect(rows.map((row) => [row.code, row.name, row.href, row.figures.heldNow])).toEqual([
      ['RRK15', 'Queen Elizabeth Hospital Birmingham', '/trust/RRK?site=RRK15', 1],
      ['RRK97', 'Heartlands Hospital', '/trust/RRK?site=RRK97', 1],
    ]);
  });

  it('site -> its handovers, newest first, without cancelled ones and with nothing but operational facts', () => {
    const rows = siteHandoverRows(handovers, 'RRK97', NOW, ENGLAND_2025);
    expect(rows.map((row) => row.handoverId)).toEqual(['b', 'c']);
    expect(rows[1]).toEqual({
      handoverId: 'c',
      callsign: 'WM3',
      ambulanceTrustCode: 'RYA',
      state: 'closed',
      arrivedAt: NOW - 100 * MINUTE,
      // The reported time is the crew's stamp.
      handedOverAt: NOW - 60 * MINUTE,
      clearedAt: NOW - 50 * MINUTE,
      clockMs: 40 * MINUTE,
      band: 'over_30',
    });
    expect(siteHandoverRows(handovers, 'RRK15', NOW, ENGLAND_2025).map((row) => row.handoverId)).toEqual([
      'a',
    ]);
  });

  it('maps every site of the scope with its pressure, quiet ones included', () => {
    const dots = mapSitesOf(sites, directory, ENGLAND_2025, 'Y60');
    expect(dots.map((dot) => [dot.code, dot.pressure, dot.heldNow])).toEqual([
      ['RRK15', 'over_60', 1],
      ['RRK97', 'over_15', 1],
      ['RKB01', 'none', 0],
    ]);
    expect(mapSitesOf(sites, directory, ENGLAND_2025)).toHaveLength(4);
  });

  it('names each level, finds the way back up, and the live scope each page asks for', () => {
    expect(titleOf('england', 'ENG', directory)).toBe('England');
    expect(titleOf('region', 'Y60', directory)).toBe('Midlands');
    expect(titleOf('trust', 'RRK', directory)).toBe('University Hospitals Birmingham');
    expect(titleOf('trust', 'XYZ', null)).toBe('Trust XYZ');
    expect(crumbsFor('england', 'ENG', directory)).toEqual([]);
    expect(crumbsFor('region', 'Y60', directory)).toEqual([{ to: '/national', label: 'England' }]);
    expect(crumbsFor('trust', 'RRK', directory)).toEqual([
      { to: '/national', label: 'England' },
      { to: '/region/Y60', label: 'Midlands' },
    ]);
    expect(scopeOf('england', 'ENG')).toEqual({ kind: 'england' });
    expect(scopeOf('region', 'Y60')).toEqual({ kind: 'region', code: 'Y60' });
    expect(scopeOf('trust', 'RRK')).toEqual({ kind: 'acute_trust', code: 'RRK' });
  });
});
