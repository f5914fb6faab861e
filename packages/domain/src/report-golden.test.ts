import { describe, expect, it } from 'vitest';
import type { CsvValue } from './csv';
import { HourlyFactStore } from './hourly-fact-store';
import { build1600Report, buildDailyReturn } from './report-builders';
import { applyRevision, diffTables } from './report-revisions';
import { type ReportTable, rowKey } from './report-table';
import { EventLog } from './test-support/event-log';
import { referenceOrganisations } from './test-support/reference-data';
import { ENGLAND_THRESHOLDS, MINUTE_MS } from './thresholds';

/**
 * Golden scenarios: small days whose every expected figure is worked out by hand in the comments.
 * Events are played in recording order; "frozen" tables are built as at the cut-off from the events
 * recorded by then, exactly as the server freezes the 16:00 report.
 */

const orgs = referenceOrganisations();
const M = MINUTE_MS;
const at = (iso: string) => Date.parse(iso);

/** The cells of one row of a table as an object, for readable expectations. */
function row(table: ReportTable, key: string): Record<string, CsvValue> {
  const found = table.rows.find((r) => rowKey(table, r) === key);
  if (found === undefined) throw new Error(`No row ${key}`);
  return Object.fromEntries(table.columns.map((column, index) => [column, found[index] ?? null]));
}

describe('golden: the 16:00 report on the day the clocks go forward (Sunday 29 March 2026)', () => {
  // Period: Saturday 28 March 16:00 GMT (16:00Z) to Sunday 29 March 16:00 BST (15:00Z) = 23 real hours.
  const cutoff = at('2026-03-29T15:00:00Z');
  const facts = new HourlyFactStore(ENGLAND_THRESHOLDS);
  const log = new EventLog(facts);

  // RRK15 (trust RRK, Midlands), conveyed by RYA unless said otherwise.
  const a = log.arrive(at('2026-03-28T15:59:59Z')); // 1 s before the period: excluded
  log.handOver(a, at('2026-03-28T16:09:59Z'));
  const b = log.arrive(at('2026-03-28T16:00:00Z')); // exactly the start: included
  log.handOver(b, at('2026-03-28T16:12:00Z')); // 12 min
  const c = log.arrive(at('2026-03-28T23:50:00Z')); // spans midnight
  log.handOver(c, at('2026-03-29T00:20:00Z')); // exactly 30 min: over 15, not over 30
  const d = log.arrive(at('2026-03-29T00:30:00Z')); // 00:30 GMT
  log.follow(d, 'release_requested', at('2026-03-29T00:50:00Z'), {});
  log.follow(d, 'release_responded', at('2026-03-29T00:55:00Z'), { outcome: 'released' }); // 5 min
  log.handOver(d, at('2026-03-29T01:30:00Z')); // 02:30 BST on the wall, 60 real minutes: not over 60
  log.arrive(at('2026-03-28T17:00:00Z')); // i: never stamped, open at the cut-off (22 h)
  const j = log.arrive(at('2026-03-29T08:00:00Z'));
  log.handOver(j, at('2026-03-29T08:40:00Z')); // 40 min, corrected to 14 min after the freeze
  const e = log.arrive(at('2026-03-29T10:00:00Z'));
  log.follow(e, 'cleared', at('2026-03-29T10:20:00Z'), {}); // crew leaves first: cohorted
  log.follow(e, 'handed_over', at('2026-03-29T10:50:00Z'), { by: 'ed' }); // 50 min, turnaround 20
  const f = log.arrive(at('2026-03-29T12:00:00Z'));
  log.handOver(f, at('2026-03-29T12:10:00Z'), at('2026-03-29T12:20:00Z')); // crew 10 min, ED 20: disputed
  log.follow(f, 'cleared', at('2026-03-29T12:25:00Z'), {}); // handover to clear 15 min, turnaround 25
  const h = log.arrive(at('2026-03-29T13:00:00Z'));
  log.follow(h, 'cancelled', at('2026-03-29T13:05:00Z'), { reason: 'entered_in_error' }); // excluded
  const g = log.arrive(at('2026-03-29T14:50:00Z')); // 15:50 BST, spans the cut-off
  // RRK97 (trust RRK), conveyed across the border by RX6.
  const k = log.arrive(at('2026-03-29T09:00:00Z'), { site: 'RRK97', ambulanceTrust: 'RX6' });
  log.handOver(k, at('2026-03-29T09:16:00Z')); // 16 min
  // RC971 (trust RC9, East of England), conveyed by RYC.
  const l = log.arrive(at('2026-03-29T14:59:59Z'), { site: 'RC971', ambulanceTrust: 'RYC' });

  const frozen = build1600Report(facts, orgs, '2026-03-29', cutoff);

  // After the cut-off.
  const m = log.arrive(at('2026-03-29T15:00:00Z'), { site: 'RC971', ambulanceTrust: 'RYC' }); // next period
  log.handOver(l, at('2026-03-29T15:05:00Z')); // 5 min 1 s
  log.handOver(m, at('2026-03-29T15:10:00Z'));
  log.handOver(g, at('2026-03-29T15:20:00Z')); // 30 min
  log.follow(j, 'corrected', at('2026-03-29T17:00:00Z'), {
    field: 'crewHandedOverAt',
    value: '2026-03-29T08:14:00Z',
    reason: 'Pressed late',
  });
  const revised = build1600Report(facts, orgs, '2026-03-29', at('2026-03-30T18:00:00Z'));

  it('covers 23 real hours', () => {
    expect(frozen.period).toEqual({ start: at('2026-03-28T16:00:00Z'), end: cutoff });
  });

  it('freezes RRK15 as known at the cut-off', () => {
    // In the period: b c d e f g i j (a before it, h cancelled). Known: b 12, c 30, d 60, e 50, f 10, j 40.
    // Still open: g (arrived 10 min before the cut-off), i (22 h, not yet stale). All = 6 + 0 + 2 = 8.
    expect(row(frozen.table, 'site/RRK15')).toMatchObject({
      name: 'Queen Elizabeth Hospital Birmingham',
      acute_trust_code: 'RRK',
      region_code: 'Y60',
      all_handovers: 8,
      handover_time_known: 6,
      over_15_minutes: 4, // c 30, d 60, e 50, j 40
      over_30_minutes: 3, // d, e, j (c is exactly 30: not over)
      over_45_minutes: 2, // d, e
      over_60_minutes: 0, // d is exactly 60: not over
      handover_time_unknown: 0,
      still_open: 2,
      within_15_minutes_pct: 33.3, // (6 - 4) / 6
      within_45_minutes_pct: 66.7, // (6 - 2) / 6
      total_handover_ms: 202 * M, // 12 + 30 + 60 + 50 + 10 + 40
      total_hours: 3.36667, // 202 / 60
      mean_handover_ms: 2_020_000, // 202 / 6 = 33 min 40 s
      median_handover_ms: 30 * M, // sorted 10 12 30 40 50 60, rank ceil(3) = 3
      p90_handover_ms: 60 * M, // rank ceil(5.4) = 6
      p95_handover_ms: 60 * M,
      hours_lost_basis_minutes: 15,
      hours_lost: 2, // beyond 15: 15 + 45 + 35 + 25 = 120 min
      lost_beyond_15_minutes_ms: 120 * M,
      lost_beyond_30_minutes_ms: 60 * M, // 30 + 20 + 10
      lost_beyond_60_minutes_ms: 0,
      handover_to_clear_count: 1, // f: 12:10 to 12:25 (e cleared before its handover)
      handover_to_clear_mean_ms: 15 * M,
      handover_to_clear_within_15_minutes_pct: 100, // exactly 15 is not over
      turnaround_count: 2, // e 20, f 25
      turnaround_mean_ms: 22.5 * M,
      turnaround_within_30_minutes_pct: 100,
      release_requests: 1,
      release_answered: 1,
      release_released: 1,
      release_median_response_ms: 5 * M,
      cohorted: 1, // e
      disputed: 1, // f: crew and ED 10 min apart
      corrected: 0,
      closed: 2, // e, f
      data_complete_pct: 100,
      thresholds_version: 'england-2025-26',
    });
  });

  it('merges the sites into the trust, region and England, and splits by ambulance trust', () => {
    // RRK = RRK15 + RRK97 (k: 16 min) + RRK98 (nothing). Known 7, total 218 min, mean 218/7 min.
    expect(row(frozen.table, 'acute_trust/RRK')).toMatchObject({
      all_handovers: 9,
      handover_time_known: 7,
      over_15_minutes: 5,
      still_open: 2,
      total_handover_ms: 218 * M,
      mean_handover_ms: 1_868_571, // 13,080,000 / 7 = 1,868,571.43
      median_handover_ms: 30 * M, // 10 12 16 30 40 50 60: rank ceil(3.5) = 4
    });
    expect(row(frozen.table, 'site/RRK98')).toMatchObject({ all_handovers: 0, mean_handover_ms: null });
    expect(row(frozen.table, 'region/Y60')).toMatchObject({ all_handovers: 9, handover_time_known: 7 });
    // RC971: l is open at the cut-off; m arrived at the cut-off, so belongs to the next report.
    expect(row(frozen.table, 'acute_trust/RC9')).toMatchObject({ all_handovers: 1, still_open: 1 });
    expect(row(frozen.table, 'region/Y61')).toMatchObject({ all_handovers: 1, still_open: 1 });
    expect(row(frozen.table, 'england/ENG')).toMatchObject({
      all_handovers: 10,
      handover_time_known: 7,
      still_open: 3,
    });
    expect(row(frozen.table, 'ambulance_trust/RYA')).toMatchObject({
      all_handovers: 8,
      handover_time_known: 6,
    });
    expect(row(frozen.table, 'ambulance_trust/RX6')).toMatchObject({ all_handovers: 1, over_15_minutes: 1 });
    expect(row(frozen.table, 'ambulance_trust/RYC')).toMatchObject({ all_handovers: 1, still_open: 1 });
    expect(row(frozen.table, 'ambulance_trust/RRU')).toMatchObject({ all_handovers: 0 });
  });

  it('revises RRK15 once the open handovers close, go stale or are corrected', () => {
    // g handed over at 30 min; i is now 49 h old without a stamp: unknown; j corrected from 40 to 14 min.
    // Known: b 12, c 30, d 60, e 50, f 10, g 30, j 14 = 206 min.
    expect(row(revised.table, 'site/RRK15')).toMatchObject({
      all_handovers: 8,
      handover_time_known: 7,
      handover_time_unknown: 1,
      still_open: 0,
      over_15_minutes: 4, // c, d, e, g
      over_30_minutes: 2, // d, e
      over_45_minutes: 2,
      total_handover_ms: 206 * M,
      corrected: 1,
    });
    const revision = diffTables(frozen.table, revised.table);
    const changed = (key: string) =>
      revision?.changes.filter((change) => change.row === key).map((c) => c.column);
    expect(changed('site/RRK15')).toEqual(
      expect.arrayContaining([
        'handover_time_known',
        'still_open',
        'handover_time_unknown',
        'over_30_minutes',
      ]),
    );
    expect(revision?.changes).toContainEqual({
      row: 'site/RRK15',
      column: 'still_open',
      before: 2,
      after: 0,
    });
    expect(changed('site/RRK97')).toEqual([]);
    // The revision alone, applied to the frozen table, gives the revised one.
    expect(revision && applyRevision(frozen.table, revision)).toEqual(revised.table);
  });

  it('gives the daily return of 29 March (23 hours) and of 28 March', () => {
    const sunday = buildDailyReturn(facts, orgs, '2026-03-29', at('2026-03-31T12:00:00Z'));
    expect(sunday.period).toEqual({ start: at('2026-03-29T00:00:00Z'), end: at('2026-03-29T23:00:00Z') });
    expect(sunday.status).toBe('final');
    // RRK15 on the 29th: d 60, e 50, f 10, g 30, j 14 (c arrived on the 28th). 164 min.
    expect(row(sunday.table, 'RRK/RRK15')).toMatchObject({
      'Handover time known': 5,
      'Over 15 minutes': 3,
      'Over 30 minutes': 2,
      'Over 45 minutes': 2,
      'Over 60 minutes': 0,
      'Handover time unknown': 0,
      'All handovers': 5,
      'Total hours': 2.73333,
      Mean: '0:32:48', // 164 / 5 = 32.8 min
    });
    // RRK: + k 16 min = 180 min over 6 handovers: exactly 3 hours, mean 30 min.
    expect(row(sunday.table, 'RRK/')).toMatchObject({
      Region: 'Midlands',
      'Trust name': 'University Hospitals Birmingham NHS Foundation Trust',
      'Site code': '',
      'Handover time known': 6,
      'Over 15 minutes': 4,
      'Total hours': 3,
      Mean: '0:30:00',
    });
    // RC9: l 5 min 1 s (301 s) and m 10 min (600 s) = 901 s = 0.250277 h; mean 450.5 s.
    expect(row(sunday.table, 'RC9/')).toMatchObject({ 'Total hours': 0.25028, Mean: '0:07:30.500000' });

    // The 28th: a 10 (15:59:59 to 16:09:59), b 12, c 30 known; i unknown (stale). 52 min.
    const saturday = buildDailyReturn(facts, orgs, '2026-03-28', at('2026-03-31T12:00:00Z'));
    expect(row(saturday.table, 'RRK/RRK15')).toMatchObject({
      'Handover time known': 3,
      'Over 15 minutes': 1,
      'Over 30 minutes': 0,
      'Handover time unknown': 1,
      'All handovers': 4,
      'Total hours': 0.86667, // 3,120,000 ms / 3,600,000
      Mean: '0:17:20', // 52 / 3 min = 1,040,000 ms
    });
  });

  it('is provisional while a handover of the day is still open', () => {
    const early = buildDailyReturn(facts, orgs, '2026-03-28', at('2026-03-29T00:00:00Z'));
    // i (arrived 17:00Z on the 28th) is open until 24 h after arrival.
    expect(early.status).toBe('provisional');
    expect(row(early.table, 'RRK/RRK15')).toMatchObject({ 'Still open': 1, 'All handovers': 4 });
  });
});

describe('golden: the 16:00 report on the day the clocks go back (Sunday 25 October 2026)', () => {
  // Period: Saturday 24 October 16:00 BST (15:00Z) to Sunday 25 October 16:00 GMT (16:00Z) = 25 real hours.
  const cutoff = at('2026-10-25T16:00:00Z');
  const facts = new HourlyFactStore(ENGLAND_THRESHOLDS);
  const log = new EventLog(facts);
  log.arrive(at('2026-10-24T15:00:00Z')); // n: the first instant; never stamped: 25 h old at the cut-off
  const o = log.arrive(at('2026-10-25T00:30:00Z')); // 01:30 BST, the first 01:30
  log.handOver(o, at('2026-10-25T01:10:00Z')); // 01:10 GMT, after the clocks went back: 40 real minutes
  const p = log.arrive(at('2026-10-25T01:30:00Z')); // 01:30 GMT, the second 01:30
  log.handOver(p, at('2026-10-25T01:45:00Z')); // exactly 15 min: not over 15
  const q = log.arrive(at('2026-10-25T15:59:59.999Z')); // the last millisecond of the period
  const frozen = build1600Report(facts, orgs, '2026-10-25', cutoff);
  log.handOver(q, at('2026-10-25T16:05:00Z')); // 5 min 0.001 s
  const r = log.arrive(at('2026-10-25T16:00:00Z')); // the cut-off itself: the next report's
  log.handOver(r, at('2026-10-25T16:20:00Z'));

  it('covers 25 real hours', () => {
    expect(frozen.period).toEqual({ start: at('2026-10-24T15:00:00Z'), end: cutoff });
  });

  it('counts a 25-hour-old unstamped handover as unknown at the cut-off', () => {
    // n unknown (stale after 24 h); o 40, p 15 known; q open. Total 55 min.
    expect(row(frozen.table, 'site/RRK15')).toMatchObject({
      all_handovers: 4,
      handover_time_known: 2,
      handover_time_unknown: 1,
      still_open: 1,
      over_15_minutes: 1,
      over_30_minutes: 1,
      over_45_minutes: 0,
      within_15_minutes_pct: 50,
      total_handover_ms: 55 * M,
      mean_handover_ms: 27.5 * M,
    });
  });

  it('gives the 25-hour daily return of 25 October', () => {
    const sunday = buildDailyReturn(facts, orgs, '2026-10-25', at('2026-10-27T12:00:00Z'));
    expect(sunday.period).toEqual({ start: at('2026-10-24T23:00:00Z'), end: at('2026-10-26T00:00:00Z') });
    // o 40, p 15, q 5:00.001, r 20 = 4,800,001 ms; mean 1,200,000.25 ms.
    expect(row(sunday.table, 'RRK/RRK15')).toMatchObject({
      'Handover time known': 4,
      'Over 15 minutes': 2, // o, r
      'Over 30 minutes': 1, // o
      'All handovers': 4,
      'Total hours': 1.33333,
      Mean: '0:20:00',
    });
  });
});
