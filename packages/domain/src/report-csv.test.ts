import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from './csv';
import { HourlyFactStore } from './hourly-fact-store';
import { build1600Report } from './report-builders';
import { reportColumns } from './report-csv';
import { tableCsv } from './report-table';
import { handoversArb } from './test-support/random-handovers';
import { referenceOrganisations } from './test-support/reference-data';
import { ENGLAND_2025, ENGLAND_THRESHOLDS, HOUR_MS } from './thresholds';

const orgs = referenceOrganisations();
const reportStart = Date.parse('2026-01-11T16:00:00Z');

describe('16:00 report CSV', () => {
  it('has the documented, stable column order for England', () => {
    expect(reportColumns(ENGLAND_2025).map((column) => column.name)).toEqual([
      'level',
      'code',
      'name',
      'acute_trust_code',
      'region_code',
      'all_handovers',
      'handover_time_known',
      'over_15_minutes',
      'over_30_minutes',
      'over_45_minutes',
      'over_60_minutes',
      'handover_time_unknown',
      'still_open',
      'within_15_minutes_pct',
      'within_45_minutes_pct',
      'total_handover_ms',
      'total_hours',
      'mean_handover_ms',
      'median_handover_ms',
      'p90_handover_ms',
      'p95_handover_ms',
      'hours_lost_basis_minutes',
      'hours_lost',
      'lost_beyond_15_minutes_ms',
      'lost_beyond_30_minutes_ms',
      'lost_beyond_60_minutes_ms',
      'handover_to_clear_count',
      'handover_to_clear_mean_ms',
      'handover_to_clear_within_15_minutes_pct',
      'turnaround_count',
      'turnaround_mean_ms',
      'turnaround_within_30_minutes_pct',
      'release_requests',
      'release_answered',
      'release_released',
      'release_median_response_ms',
      'cohorted',
      'disputed',
      'corrected',
      'closed',
      'data_complete_pct',
      'thresholds_version',
    ]);
    expect(reportColumns(ENGLAND_2025).every((column) => column.description.length > 0)).toBe(true);
  });

  it('names band columns from the thresholds', () => {
    const names = reportColumns({ ...ENGLAND_2025, bandMinutes: [10, 20, 30, 90] }).map((c) => c.name);
    expect(names).toContain('over_90_minutes');
    expect(names).toContain('within_10_minutes_pct');
  });

  it('parsed back gives the same numbers as the report rows, on every row and column', () => {
    fc.assert(
      fc.property(
        handoversArb(
          { base: reportStart, sites: ['RRK15', 'RRK97', 'RC971', 'R1H12'], ambulanceTrusts: ['RYA', 'RRU'] },
          60,
        ),
        (handovers) => {
          const facts = new HourlyFactStore(ENGLAND_THRESHOLDS);
          for (const handover of handovers) facts.replace(undefined, handover);
          const report = build1600Report(facts, orgs, '2026-01-12', reportStart + 30 * HOUR_MS);
          const text = tableCsv(report.table, [['report_date', '2026-01-12']]);
          const records = parseCsvRecords(text);
          expect(records).toHaveLength(report.rows.length);
          records.forEach((record, index) => {
            const cells = report.table.rows[index] ?? [];
            expect(record.report_date).toBe('2026-01-12');
            report.table.columns.forEach((column, c) => {
              const cell = cells[c] ?? null;
              const field = record[column] ?? '';
              if (typeof cell === 'number') expect(Number(field)).toBe(cell);
              else expect(field).toBe(cell ?? '');
            });
            // And the numbers are the row's metrics.
            const metrics = report.rows[index]?.metrics;
            expect(Number(record.handover_time_known)).toBe(metrics?.known);
            expect(Number(record.total_handover_ms)).toBe(metrics?.totalHandoverMs);
            expect(record.median_handover_ms).toBe(
              metrics?.medianMs === null ? '' : String(metrics?.medianMs),
            );
          });
        },
      ),
      { numRuns: 10 },
    );
  });
});
