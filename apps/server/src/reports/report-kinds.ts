import {
  addDays,
  calendarDay,
  type DailyReturnStatus,
  dailyReturnCsv,
  type LocalDate,
  latestCutoffAtOrBefore,
  localDateOf,
  type Organisations,
  type Period,
  type ReportTable,
  reportPeriod,
  tableCsv,
} from '@handover/domain';
import { type PlaceOfKey, placeOfDailyReturnKey, placeOfReportKey } from './report-scope';
import type { ReportService } from './report-service';

/**
 * The two reports that are frozen and versioned: the 16:00 report and the daily return. Each says when
 * a report falls due (is frozen), how it is built as at a moment, and how it is written as CSV.
 */

export type ReportKindName = '1600' | 'daily-return';

/** The report dated `date` falls due, and is frozen, at `at`. */
export interface Due {
  date: LocalDate;
  at: number;
}

/** A report built as at a moment, ready to store. */
export interface BuiltVersion {
  period: Period;
  thresholdsVersion: string;
  table: ReportTable;
  /** The daily return's own status; the 16:00 report's follows from its version. */
  status?: DailyReturnStatus;
}

/** What a CSV download says about the version it holds (a provisional report has no version). */
export interface CsvMeta {
  date: LocalDate;
  period: Period;
  asAt: number;
  version: number | null;
  status: string;
}

export interface ReportKind {
  name: ReportKindName;
  /** Documents live in `<collection>.<YYYY-MM>` (one collection per month of report dates). */
  collection: string;
  dueOf(date: LocalDate): Due;
  /** The most recent report due at or before `now`. */
  latestDue(now: number): Due;
  build(date: LocalDate, asAt: number): BuiltVersion;
  /** A stored version's status: 'frozen' / 'revised' for the 16:00 report, 'provisional' / 'final' for the return. */
  statusOf(version: number, built: BuiltVersion): string;
  csv(table: ReportTable, meta: CsvMeta): string;
  /** File name of a download, without extension. */
  fileName(meta: CsvMeta): string;
  /** Where the row with this key sits (for scoping). */
  placeOfKey: PlaceOfKey;
}

const iso = (instant: number) => new Date(instant).toISOString();

export function report1600Kind(service: ReportService, orgs: Organisations): ReportKind {
  const options = service.periodOptions;
  const dueOf = (date: LocalDate): Due => ({ date, at: reportPeriod(date, options).end });
  return {
    name: '1600',
    collection: 'reports-1600',
    dueOf,
    latestDue: (now) => {
      const { reportDate } = latestCutoffAtOrBefore(now, options.cutoff);
      return dueOf(reportDate);
    },
    build: (date, asAt) => {
      const built = service.report1600(date, asAt);
      return { period: built.period, thresholdsVersion: built.thresholds.version, table: built.table };
    },
    statusOf: (version) => (version === 1 ? 'frozen' : 'revised'),
    csv: (table, meta) =>
      tableCsv(table, [
        ['report_date', meta.date],
        ['period_start', iso(meta.period.start)],
        ['period_end', iso(meta.period.end)],
        ['as_at', iso(meta.asAt)],
        ['version', meta.version],
        ['status', meta.status],
      ]),
    fileName: (meta) =>
      `handover-report-1600-${meta.date}-${meta.version === null ? meta.status : `v${meta.version}`}`,
    placeOfKey: (key) => placeOfReportKey(key, orgs),
  };
}

export function dailyReturnKind(service: ReportService, orgs: Organisations): ReportKind {
  const dueOf = (date: LocalDate): Due => ({ date, at: calendarDay(date).end });
  return {
    name: 'daily-return',
    collection: 'daily-returns',
    dueOf,
    // Yesterday's return fell due at today's midnight, which is never after now.
    latestDue: (now) => dueOf(addDays(localDateOf(now), -1)),
    build: (date, asAt) => {
      const built = service.dailyReturn(date, asAt);
      return {
        period: built.period,
        thresholdsVersion: built.thresholds.version,
        table: built.table,
        status: built.status,
      };
    },
    statusOf: (_, built) => built.status ?? 'provisional',
    csv: (table, meta) =>
      dailyReturnCsv(table, {
        date: meta.date,
        version: meta.version,
        status: meta.status === 'final' ? 'final' : 'provisional',
      }),
    fileName: (meta) =>
      `handover-daily-return-${meta.date}-${meta.version === null ? 'live' : `v${meta.version}`}`,
    placeOfKey: (key) => placeOfDailyReturnKey(key, orgs),
  };
}
