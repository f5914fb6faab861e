import { type CsvValue, toCsv } from './csv';

/**
 * A report as stored and downloaded: named columns and rows of plain cells (text, numbers, empty), the
 * same values in the JSON answer, the frozen snapshot and the CSV, so the three can never disagree.
 * Pure.
 */
export interface ReportTable {
  columns: readonly string[];
  /** The columns whose cells, together, identify a row. */
  keyColumns: readonly string[];
  rows: readonly (readonly CsvValue[])[];
}

/** One leading CSV column with the same value on every row (report date, version...). */
export type LeadingColumn = readonly [name: string, value: CsvValue];

/** A row's identity: its key cells joined with '/' (e.g. 'site/RRK15'). */
export function rowKey(table: Pick<ReportTable, 'columns' | 'keyColumns'>, row: readonly CsvValue[]): string {
  return table.keyColumns.map((column) => String(row[table.columns.indexOf(column)] ?? '')).join('/');
}

/** Rows as objects keyed by column name (the JSON form). */
export function tableRecords(table: ReportTable): Record<string, CsvValue>[] {
  return table.rows.map((row) => {
    const record: Record<string, CsvValue> = {};
    table.columns.forEach((column, index) => {
      record[column] = row[index] ?? null;
    });
    return record;
  });
}

/** The CSV text: the leading columns, then the table's own, in order; CRLF line ends (RFC 4180). */
export function tableCsv(table: ReportTable, leading: readonly LeadingColumn[] = []): string {
  const header = [...leading.map(([name]) => name), ...table.columns];
  const values = leading.map(([, value]) => value);
  return toCsv(
    header,
    table.rows.map((row) => [...values, ...row]),
  );
}
