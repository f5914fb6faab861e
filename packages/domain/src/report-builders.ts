import { type DailyReturnStatus, dailyReturnStatus, dailyReturnTable } from './daily-return';
import type { HourlyFactStore } from './hourly-fact-store';
import type { Organisations } from './organisations';
import type { Period } from './period';
import { calendarDay, type LocalDate, type ReportPeriodOptions, reportPeriod } from './periods';
import { reportTable } from './report-csv';
import type { ReportTable } from './report-table';
import { buildReportTables, type ReportRow } from './report-tables';
import type { Thresholds } from './thresholds';

/** The two national reports, built from the fact store as at a moment. Pure: `asAt` is passed in. */

export interface BuiltReport {
  period: Period;
  asAt: number;
  /** The rules in force at the start of the period, which label the table (see thresholds.ts). */
  thresholds: Thresholds;
  rows: ReportRow[];
  table: ReportTable;
}

function nationalRows(facts: HourlyFactStore, orgs: Organisations, period: Period, asAt: number) {
  const thresholds = facts.thresholdsFor(period.start);
  const rows = buildReportTables(facts.partialsByGroup(period, asAt), orgs, thresholds);
  return { thresholds, rows };
}

/**
 * The 16:00 report dated `reportDate`: the period ending at the cut-off on that date (reportPeriod: 24
 * wall-clock hours by default, so 23 or 25 real hours on the days the clocks change), every level.
 */
export function build1600Report(
  facts: HourlyFactStore,
  orgs: Organisations,
  reportDate: LocalDate,
  asAt: number,
  options: ReportPeriodOptions = {},
): BuiltReport {
  const period = reportPeriod(reportDate, options);
  const { thresholds, rows } = nationalRows(facts, orgs, period, asAt);
  return { period, asAt, thresholds, rows, table: reportTable(rows, thresholds) };
}

/** The daily return for the London calendar day `date`, per acute trust and site. */
export function buildDailyReturn(
  facts: HourlyFactStore,
  orgs: Organisations,
  date: LocalDate,
  asAt: number,
): BuiltReport & { status: DailyReturnStatus } {
  const period = calendarDay(date);
  const { thresholds, rows } = nationalRows(facts, orgs, period, asAt);
  const table = dailyReturnTable(rows, orgs);
  return { period, asAt, thresholds, rows, table, status: dailyReturnStatus(table) };
}
