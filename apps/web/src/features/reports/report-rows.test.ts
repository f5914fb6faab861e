import { describe, expect, it } from 'vitest';
import { distributionBins, shareBars } from './report-chart-data';
import { formatCompactPeriod } from './report-dates';
import {
  AMBULANCE_ROW,
  ENGLAND_ROW,
  england1600,
  HEARTLANDS_ROW,
  QEHB_ROW,
  REGION_ROW,
  REPORT_1600_COLUMNS,
  TRUST_ROW,
} from './report-fixtures';
import { footerLines, pageFooterCss, parseScopeText } from './report-meta';
import {
  bandMinutesOf,
  breakdownRows,
  columnLabel,
  formatChangeValue,
  formatDuration,
  formatHours,
  headlineRows,
  sectionsOf,
} from './report-rows';

describe('report rows', () => {
  it('reads the band minutes from the column names', () => {
    expect(bandMinutesOf(REPORT_1600_COLUMNS)).toEqual([15, 30, 45, 60]);
  });

  it('splits the rows into sections and picks the headline of each scope', () => {
    const all = sectionsOf(england1600().rows);
    expect(all.england).toBe(ENGLAND_ROW);
    expect(all.trusts).toEqual([{ trustCode: 'RRK', trust: TRUST_ROW, sites: [HEARTLANDS_ROW, QEHB_ROW] }]);
    expect(headlineRows(all)).toEqual([ENGLAND_ROW]);
    expect(breakdownRows(all)).toEqual({ level: 'region', rows: [REGION_ROW] });

    const region = sectionsOf([REGION_ROW, TRUST_ROW, HEARTLANDS_ROW, QEHB_ROW, AMBULANCE_ROW]);
    expect(headlineRows(region)).toEqual([REGION_ROW]);
    expect(breakdownRows(region)).toEqual({ level: 'acute_trust', rows: [TRUST_ROW] });

    const trust = sectionsOf([TRUST_ROW, HEARTLANDS_ROW, QEHB_ROW]);
    expect(headlineRows(trust)).toEqual([TRUST_ROW]);
    expect(breakdownRows(trust)).toEqual({ level: 'site', rows: [HEARTLANDS_ROW, QEHB_ROW] });

    // Sites of a site credential: no row adds them up, so each is a headline.
    const sites = sectionsOf([QEHB_ROW]);
    expect(sites.trusts).toEqual([{ trustCode: 'RRK', trust: null, sites: [QEHB_ROW] }]);
    expect(headlineRows(sites)).toEqual([QEHB_ROW]);
    expect(breakdownRows(sites).rows).toEqual([]);

    expect(headlineRows(sectionsOf([AMBULANCE_ROW]))).toEqual([AMBULANCE_ROW]);
  });

  it('formats hours to one place and durations as h:mm:ss', () => {
    expect(formatHours(3446.62611)).toBe('3,446.6');
    expect(formatHours(0)).toBe('0.0');
    expect(formatHours(null)).toBe('–');
    expect(formatDuration(1719441)).toBe('0:28:39');
    expect(formatDuration(1719500)).toBe('0:28:40');
    expect(formatDuration(3 * 3_600_000 + 5_000)).toBe('3:00:05');
    expect(formatDuration(null)).toBe('–');
  });

  it('names and formats any changed column', () => {
    expect(columnLabel('over_45_minutes', 15)).toBe('Over 45 minutes');
    expect(columnLabel('hours_lost', 15)).toBe('Hours lost (beyond 15 min)');
    expect(columnLabel('release_requests', 15)).toBe('Release requests');
    expect(columnLabel('within_45_minutes_pct', 15)).toBe('Within 45 minutes (%)');
    expect(formatChangeValue('within_15_minutes_pct', 33.7)).toBe('33.7%');
    expect(formatChangeValue('total_hours', 6396.32028)).toBe('6396.32028');
    expect(formatChangeValue('all_handovers', 13768)).toBe('13,768');
    expect(formatChangeValue('mean_handover_ms', null)).toBe('–');
  });
});

describe('chart figures', () => {
  it('splits the nested over counts into bars that add up to the known handovers', () => {
    const bins = distributionBins(ENGLAND_ROW, REPORT_1600_COLUMNS);
    expect(bins).toEqual([
      { label: 'Within 15 min', band: 'on_target', count: 13392 - 8876 },
      { label: '15–30 min', band: 'over_15', count: 8876 - 3681 },
      { label: '30–45 min', band: 'over_30', count: 3681 - 1805 },
      { label: '45–60 min', band: 'release_due', count: 1805 - 1112 },
      { label: 'Over 60 min', band: 'over_60', count: 1112 },
    ]);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(13392);
  });

  it('leaves out of the share chart those with no known handovers, and names them', () => {
    const empty = { ...QEHB_ROW, within_15_minutes_pct: null, handover_time_known: 0 };
    const { bars, withoutTimes } = shareBars([TRUST_ROW, empty], REPORT_1600_COLUMNS);
    expect(bars).toEqual([{ code: 'RRK', label: 'University Hospitals Birmingham', pct: 16.7, known: 198 }]);
    expect(withoutTimes).toEqual(['Queen Elizabeth Hospital Birmingham']);
  });
});

describe('report meta', () => {
  it('writes the footer line and the page margin CSS, quoting safely', () => {
    const lines = footerLines(england1600());
    expect(lines[0]).toBe(
      '16:00 report, 12 Jan 2026 · Period 16:00 11 Jan to 16:00 12 Jan 2026 (UK time) · Version 2 (revised) · As at 17:00, 12 Jan 2026',
    );
    expect(lines[1]).toBe(
      'Contains public sector information licensed under the Open Government Licence v3.0.',
    );
    const css = pageFooterCss(['a "quoted" \\ line', 'second']);
    expect(css).toContain('content: "a \\"quoted\\" \\\\ line" "\\A" "second";');
    expect(css).toContain('counter(page)');
  });

  it('writes a period across a new year with both years', () => {
    expect(formatCompactPeriod({ start: '2025-12-31T16:00:00.000Z', end: '2026-01-01T16:00:00.000Z' })).toBe(
      '16:00 31 Dec 2025 to 16:00 1 Jan 2026',
    );
    // London summer time: 16:00 BST is 15:00 UTC.
    expect(formatCompactPeriod({ start: '2026-07-01T15:00:00.000Z', end: '2026-07-02T15:00:00.000Z' })).toBe(
      '16:00 1 Jul to 16:00 2 Jul 2026',
    );
  });

  it('reads the scope the API states', () => {
    expect(parseScopeText('england')).toEqual({ kind: 'england' });
    expect(parseScopeText('acute_trust:RRK')).toEqual({ kind: 'acute_trust', code: 'RRK' });
    expect(parseScopeText('sites:RRK15,RRK97')).toEqual({ kind: 'sites', codes: ['RRK15', 'RRK97'] });
    expect(parseScopeText('region:')).toBeNull();
    expect(parseScopeText('nonsense')).toBeNull();
  });
});
