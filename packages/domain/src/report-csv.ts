import type { CsvValue } from './csv';
import type { ComplianceMetrics } from './metrics';
import { decimalHours, percent, wholeMs } from './report-format';
import type { ReportTable } from './report-table';
import type { ReportRow } from './report-tables';
import type { Thresholds } from './thresholds';

/**
 * The columns of the 16:00 report and its CSV, in their documented, stable order (docs/reports.md).
 * Counts and `_ms` sums are exact integers; `_ms` means and percentiles are whole milliseconds;
 * `_pct` are percentages to one decimal place; `total_hours` and `hours_lost` are decimal hours to 5
 * places. Band columns are named from the thresholds (England: 15, 30, 45, 60 minutes). Pure.
 */

export interface ReportColumn {
  name: string;
  description: string;
  cell: (row: ReportRow) => CsvValue;
}

/** The rows of this table are identified by level and code ('site/RRK15', 'england/ENG'). */
export const REPORT_KEY_COLUMNS = ['level', 'code'] as const;

export function reportColumns(thresholds: Thresholds): ReportColumn[] {
  const [b1, b2, b3, b4] = thresholds.bandMinutes;
  const m = (row: ReportRow): ComplianceMetrics => row.metrics;
  const column = (name: string, description: string, cell: (row: ReportRow) => CsvValue): ReportColumn => ({
    name,
    description,
    cell,
  });
  return [
    column('level', 'england, region, acute_trust, site or ambulance_trust', (row) => row.level),
    column('code', 'ODS code (ENG for England)', (row) => row.code),
    column('name', 'Organisation name', (row) => row.name),
    column(
      'acute_trust_code',
      "A site's acute trust; an acute trust's own code",
      (row) => row.acuteTrustCode,
    ),
    column('region_code', 'NHS England region (an ambulance trust: its own region)', (row) => row.regionCode),
    column('all_handovers', 'Known + unknown + still open', (row) => m(row).allHandovers),
    column('handover_time_known', 'Handovers with a handover time', (row) => m(row).known),
    column(`over_${b1}_minutes`, `Known, duration strictly over ${b1} minutes`, (row) => m(row).over15),
    column(`over_${b2}_minutes`, `Known, duration strictly over ${b2} minutes`, (row) => m(row).over30),
    column(`over_${b3}_minutes`, `Known, duration strictly over ${b3} minutes`, (row) => m(row).over45),
    column(`over_${b4}_minutes`, `Known, duration strictly over ${b4} minutes`, (row) => m(row).over60),
    column('handover_time_unknown', 'Closed or stale without a handover time', (row) => m(row).unknown),
    column('still_open', 'Neither handed over nor stale at the as-at time', (row) => m(row).stillOpen),
    column(`within_${b1}_minutes_pct`, `(known - over ${b1}) / known`, (row) =>
      percent(m(row).within15Share, m(row).known),
    ),
    column(`within_${thresholds.maximumMinutes}_minutes_pct`, 'Known not over the maximum / known', (row) =>
      percent(m(row).within45Share, m(row).known),
    ),
    column('total_handover_ms', 'Sum of durations of known handovers', (row) => m(row).totalHandoverMs),
    column('total_hours', 'total_handover_ms in decimal hours', (row) =>
      decimalHours(m(row).totalHandoverMs),
    ),
    column('mean_handover_ms', 'total / known', (row) => wholeMs(m(row).meanMs)),
    column('median_handover_ms', 'Nearest rank', (row) => m(row).medianMs),
    column('p90_handover_ms', 'Nearest rank', (row) => m(row).p90Ms),
    column('p95_handover_ms', 'Nearest rank', (row) => m(row).p95Ms),
    column('hours_lost_basis_minutes', 'T of hours lost', (row) => m(row).hoursLost.basisMinutes),
    column('hours_lost', 'Sum of max(0, d - T) in decimal hours', (row) => decimalHours(m(row).hoursLost.ms)),
    column('lost_beyond_15_minutes_ms', 'Sum of max(0, d - 15 min)', (row) => m(row).lostMs.over15),
    column('lost_beyond_30_minutes_ms', 'Sum of max(0, d - 30 min)', (row) => m(row).lostMs.over30),
    column('lost_beyond_60_minutes_ms', 'Sum of max(0, d - 60 min)', (row) => m(row).lostMs.over60),
    column('handover_to_clear_count', 'Handed over, then cleared', (row) => m(row).handoverToClear.count),
    column('handover_to_clear_mean_ms', 'Mean of clear - handover', (row) =>
      wholeMs(m(row).handoverToClear.meanMs),
    ),
    column(
      `handover_to_clear_within_${thresholds.handoverToClearMinutes}_minutes_pct`,
      'Share of handover_to_clear_count',
      (row) => percent(m(row).handoverToClear.within15Share, m(row).handoverToClear.count),
    ),
    column('turnaround_count', 'Cleared handovers', (row) => m(row).turnaround.count),
    column('turnaround_mean_ms', 'Mean of clear - arrival', (row) => wholeMs(m(row).turnaround.meanMs)),
    column(
      `turnaround_within_${thresholds.turnaroundMinutes}_minutes_pct`,
      'Share of turnaround_count',
      (row) => percent(m(row).turnaround.within30Share, m(row).turnaround.count),
    ),
    column('release_requests', 'Release to Respond requests', (row) => m(row).releaseRequests.count),
    column('release_answered', 'Requests answered', (row) => m(row).releaseRequests.answered),
    column('release_released', 'Answered: released', (row) => m(row).releaseRequests.released),
    column('release_median_response_ms', 'Nearest rank', (row) => m(row).releaseRequests.medianResponseMs),
    column('cohorted', 'Crew cleared before handover', (row) => m(row).cohorted),
    column('disputed', 'Crew and ED stamps differ by more than the dispute limit', (row) => m(row).disputed),
    column('corrected', 'Handovers with at least one correction', (row) => m(row).corrected),
    column('closed', 'Closed handovers', (row) => m(row).closedCount),
    column('data_complete_pct', 'Closed with arrival, handover and clear recorded', (row) =>
      percent(m(row).dataCompleteShare, m(row).closedCount),
    ),
    column('thresholds_version', 'The rules the row was judged by', (row) => row.metrics.thresholdsVersion),
  ];
}

/** The report rows as a table of cells (the stored and downloaded form). */
export function reportTable(rows: readonly ReportRow[], thresholds: Thresholds): ReportTable {
  const columns = reportColumns(thresholds);
  return {
    columns: columns.map((column) => column.name),
    keyColumns: REPORT_KEY_COLUMNS,
    rows: rows.map((row) => columns.map((column) => column.cell(row))),
  };
}
