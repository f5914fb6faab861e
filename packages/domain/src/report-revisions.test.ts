import { describe, expect, it } from 'vitest';
import { applyRevision, diffTables } from './report-revisions';
import type { ReportTable } from './report-table';

const v1: ReportTable = {
  columns: ['level', 'code', 'known', 'mean'],
  keyColumns: ['level', 'code'],
  rows: [
    ['england', 'ENG', 3, 600],
    ['site', 'RRK15', 2, 450],
    ['site', 'RRK97', 1, null],
  ],
};

describe('report revisions', () => {
  it('finds no revision between equal tables', () => {
    expect(diffTables(v1, structuredClone(v1))).toBeUndefined();
  });

  it('lists changed cells by row key and column, and applying them gives the new table', () => {
    const v2: ReportTable = {
      ...v1,
      rows: [
        ['england', 'ENG', 4, 700],
        ['site', 'RRK15', 2, 450],
        ['site', 'RRK97', 2, 900],
      ],
    };
    const revision = diffTables(v1, v2);
    expect(revision).toEqual({
      changes: [
        { row: 'england/ENG', column: 'known', before: 3, after: 4 },
        { row: 'england/ENG', column: 'mean', before: 600, after: 700 },
        { row: 'site/RRK97', column: 'known', before: 1, after: 2 },
        { row: 'site/RRK97', column: 'mean', before: null, after: 900 },
      ],
      rowsAdded: [],
      rowsRemoved: [],
    });
    expect(applyRevision(v1, revision ?? { changes: [], rowsAdded: [], rowsRemoved: [] })).toEqual(v2);
  });

  it('carries the whole table when rows come or go or the columns change', () => {
    const added: ReportTable = { ...v1, rows: [...v1.rows, ['site', 'RRK98', 0, null]] };
    const revision = diffTables(v1, added);
    expect(revision).toMatchObject({ changes: [], rowsAdded: ['site/RRK98'], rowsRemoved: [], table: added });
    expect(revision && applyRevision(v1, revision)).toEqual(added);

    const removed = diffTables(added, v1);
    expect(removed).toMatchObject({ rowsAdded: [], rowsRemoved: ['site/RRK98'], table: v1 });

    const reordered = diffTables(v1, { ...v1, rows: [...v1.rows].reverse() });
    expect(reordered?.changes).toEqual([]);
    expect(reordered?.table?.rows[0]).toEqual(['site', 'RRK97', 1, null]);

    const renamed: ReportTable = { ...v1, columns: ['level', 'code', 'known', 'mean_ms'] };
    expect(diffTables(v1, renamed)).toMatchObject({
      changes: [
        { row: 'england/ENG', column: 'mean_ms', before: null, after: 600 },
        { row: 'site/RRK15', column: 'mean_ms', before: null, after: 450 },
      ],
      table: renamed,
    });
  });

  it('refuses a change to a column the table does not have', () => {
    expect(() =>
      applyRevision(v1, {
        changes: [{ row: 'site/RRK15', column: 'nope', before: 1, after: 2 }],
        rowsAdded: [],
        rowsRemoved: [],
      }),
    ).toThrow(/unknown column "nope"/);
  });
});
