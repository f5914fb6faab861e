import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { type ReportTable, rowKey, tableCsv, tableRecords } from './report-table';

const table: ReportTable = {
  columns: ['level', 'code', 'name', 'known'],
  keyColumns: ['level', 'code'],
  rows: [
    ['site', 'RRK15', 'Queen Elizabeth, Birmingham', 2],
    ['site', 'RRK97', 'Heartlands "main"', null],
  ],
};

describe('report table', () => {
  it('keys rows by their key cells', () => {
    expect(rowKey(table, table.rows[0] ?? [])).toBe('site/RRK15');
  });

  it('gives rows as records', () => {
    expect(tableRecords(table)[1]).toEqual({
      level: 'site',
      code: 'RRK97',
      name: 'Heartlands "main"',
      known: null,
    });
  });

  it('writes CSV with leading columns, quoting what needs it, and reads back the same cells', () => {
    const text = tableCsv(table, [
      ['report_date', '2026-01-12'],
      ['version', 1],
    ]);
    expect(text.split('\r\n')[0]).toBe('report_date,version,level,code,name,known');
    expect(text.split('\r\n')[1]).toBe('2026-01-12,1,site,RRK15,"Queen Elizabeth, Birmingham",2');
    expect(parseCsv(text)[2]).toEqual(['2026-01-12', '1', 'site', 'RRK97', 'Heartlands "main"', '']);
    expect(tableCsv(table)).toMatch(/^level,code,name,known\r\n/);
  });
});
