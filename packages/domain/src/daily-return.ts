import { type CsvValue, toCsv } from './csv';
import type { Organisations } from './organisations';
import { clockDuration, decimalHours } from './report-format';
import type { ReportTable } from './report-table';
import type { ReportRow } from './report-tables';

/**
 * The daily return in NHS England's sitrep convention (DOMAIN.md section 6): one London calendar day,
 * a row per acute trust followed by a row per site, with NHS England's exact column names and formats
 * (`Total hours` in decimal hours to 5 places, `Mean` as H:MM:SS.ffffff). Pure.
 *
 * NHS England's `All handovers` is known + unknown because its data has nothing still open; ours also
 * counts handovers still open (DOMAIN.md section 5), shown in the extra `Still open` column, and the
 * return is provisional while that is above zero anywhere.
 */

/** NHS England's handover columns, names and order exactly as published. */
export const NHS_HANDOVER_COLUMNS = [
  'Handover time known',
  'Over 15 minutes',
  'Over 30 minutes',
  'Over 45 minutes',
  'Over 60 minutes',
  'Handover time unknown',
  'All handovers',
  'Total hours',
  'Mean',
] as const;

/** The stored table's columns (the CSV adds Date, Version and Status). */
export const DAILY_RETURN_COLUMNS = [
  'Region',
  'Trust code',
  'Trust name',
  'Site code',
  'Site name',
  ...NHS_HANDOVER_COLUMNS,
  'Still open',
] as const;

export const DAILY_RETURN_KEY_COLUMNS = ['Trust code', 'Site code'] as const;

export type DailyReturnStatus = 'provisional' | 'final';

/** The daily return's table from report rows (the acute trust and site rows are used, in order). */
export function dailyReturnTable(rows: readonly ReportRow[], orgs: Organisations): ReportTable {
  const trustNames = new Map(
    rows.filter((row) => row.level === 'acute_trust').map((row) => [row.code, row.name] as const),
  );
  const cells = rows.flatMap((row): CsvValue[][] => {
    if (row.level !== 'acute_trust' && row.level !== 'site') return [];
    const trustCode = row.acuteTrustCode ?? '';
    const trustName = trustNames.get(trustCode) ?? trustCode;
    const m = row.metrics;
    return [
      [
        orgs.region(row.regionCode ?? '')?.name ?? row.regionCode,
        trustCode,
        trustName,
        row.level === 'site' ? row.code : '',
        row.level === 'site' ? row.name : '',
        m.known,
        m.over15,
        m.over30,
        m.over45,
        m.over60,
        m.unknown,
        m.allHandovers,
        decimalHours(m.totalHandoverMs),
        clockDuration(m.meanMs),
        m.stillOpen,
      ],
    ];
  });
  return { columns: DAILY_RETURN_COLUMNS, keyColumns: DAILY_RETURN_KEY_COLUMNS, rows: cells };
}

/** Provisional while any handover of the day is still open. */
export function dailyReturnStatus(table: ReportTable): DailyReturnStatus {
  const index = table.columns.indexOf('Still open');
  return table.rows.some((row) => Number(row[index] ?? 0) > 0) ? 'provisional' : 'final';
}

/**
 * The CSV: the table's columns with `Date` after `Site name` (where NHS England puts it after the trust),
 * and `Version` and `Status` last, so NHS England's nine columns keep their names and order.
 */
export function dailyReturnCsv(
  table: ReportTable,
  meta: { date: string; version: number | null; status: DailyReturnStatus },
): string {
  const dateAt = table.columns.indexOf('Site name') + 1;
  const header = [
    ...table.columns.slice(0, dateAt),
    'Date',
    ...table.columns.slice(dateAt),
    'Version',
    'Status',
  ];
  return toCsv(
    header,
    table.rows.map((row) => [
      ...row.slice(0, dateAt),
      meta.date,
      ...row.slice(dateAt),
      meta.version,
      meta.status,
    ]),
  );
}
