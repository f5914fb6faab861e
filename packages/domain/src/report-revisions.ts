import type { CsvValue } from './csv';
import { type ReportTable, rowKey } from './report-table';

/**
 * Revisions of a frozen report: what changed between two versions of a table, cell by cell, so a
 * revised version lists exactly what moved and can be stored as that list alone. Pure.
 */

export interface CellChange {
  /** The row's key (see rowKey), e.g. 'site/RRK15'. */
  row: string;
  column: string;
  before: CsvValue;
  after: CsvValue;
}

export interface TableRevision {
  /** Cells that differ in rows present in both versions, in row then column order. */
  changes: CellChange[];
  rowsAdded: string[];
  rowsRemoved: string[];
  /**
   * The whole new table, present only when rows were added or removed or the columns changed: a plain
   * list of cell changes cannot say where a new row goes.
   */
  table?: ReportTable;
}

/** The revision that turns `before` into `after`; undefined when they are identical. */
export function diffTables(before: ReportTable, after: ReportTable): TableRevision | undefined {
  const sameColumns =
    before.columns.length === after.columns.length &&
    before.columns.every((column, index) => column === after.columns[index]) &&
    before.keyColumns.join('\n') === after.keyColumns.join('\n');
  const beforeRows = new Map(before.rows.map((row) => [rowKey(before, row), row]));
  const afterKeys = new Set(after.rows.map((row) => rowKey(after, row)));
  const changes: CellChange[] = [];
  const rowsAdded: string[] = [];
  for (const row of after.rows) {
    const key = rowKey(after, row);
    const old = beforeRows.get(key);
    if (old === undefined) {
      rowsAdded.push(key);
      continue;
    }
    after.columns.forEach((column, index) => {
      const beforeIndex = sameColumns ? index : before.columns.indexOf(column);
      const was = beforeIndex === -1 ? null : (old[beforeIndex] ?? null);
      const now = row[index] ?? null;
      if (was !== now) changes.push({ row: key, column, before: was, after: now });
    });
  }
  const rowsRemoved = [...beforeRows.keys()].filter((key) => !afterKeys.has(key));
  const sameOrder = rowsAdded.length === 0 && rowsRemoved.length === 0 && sameRowOrder(before, after);
  if (sameColumns && sameOrder && changes.length === 0) return undefined;
  return sameColumns && sameOrder
    ? { changes, rowsAdded, rowsRemoved }
    : { changes, rowsAdded, rowsRemoved, table: after };
}

function sameRowOrder(before: ReportTable, after: ReportTable): boolean {
  return before.rows.every((row, index) => {
    const other = after.rows[index];
    return other !== undefined && rowKey(before, row) === rowKey(after, other);
  });
}

/** The table after a revision (the inputs are not changed). */
export function applyRevision(table: ReportTable, revision: TableRevision): ReportTable {
  if (revision.table !== undefined) return revision.table;
  const byRow = new Map<string, CellChange[]>();
  for (const change of revision.changes) {
    const list = byRow.get(change.row);
    if (list === undefined) byRow.set(change.row, [change]);
    else list.push(change);
  }
  const rows = table.rows.map((row) => {
    const changes = byRow.get(rowKey(table, row));
    if (changes === undefined) return row;
    const changed = [...row];
    for (const change of changes) {
      const index = table.columns.indexOf(change.column);
      if (index === -1) throw new RangeError(`Revision names an unknown column "${change.column}"`);
      changed[index] = change.after;
    }
    return changed;
  });
  return { ...table, rows };
}
