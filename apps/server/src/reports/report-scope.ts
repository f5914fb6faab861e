import {
  type Organisations,
  type ReportLevel,
  type ReportTable,
  rowIdentity,
  rowKey,
  type TableRevision,
} from '@handover/domain';
import type { Scope } from '@handover/protocol';

/**
 * Which report rows a credential sees. Frozen reports are national; each reader gets the rows of its
 * scope: England everything; a region the rows inside it (and the ambulance trusts based in it) but not
 * England; an acute trust its own row and its sites'; a site credential its sites' rows; an ambulance
 * trust its own row (its conveyances split by site come from the compliance query).
 */

/** Where a row sits in the organisation model. */
export interface RowPlace {
  level: ReportLevel;
  code: string;
  acuteTrustCode: string | null;
  regionCode: string | null;
}

export function rowVisible(scope: Scope, row: RowPlace): boolean {
  switch (scope.kind) {
    case 'england':
      return true;
    case 'region':
      return row.level !== 'england' && row.regionCode === scope.code;
    case 'acute_trust':
      return (row.level === 'acute_trust' || row.level === 'site') && row.acuteTrustCode === scope.code;
    case 'sites':
      return row.level === 'site' && scope.codes.includes(row.code);
    case 'ambulance_trust':
      return row.level === 'ambulance_trust' && row.code === scope.code;
  }
}

/** The place of a 16:00 report row from its key, 'site/RRK15'. */
export function placeOfReportKey(key: string, orgs: Organisations): RowPlace {
  const [level = 'england', code = ''] = key.split('/') as [ReportLevel, string];
  return rowIdentity(level, code, orgs);
}

/** The place of a daily return row from its key, 'RRK/RRK15' (a trust row: 'RRK/'). */
export function placeOfDailyReturnKey(key: string, orgs: Organisations): RowPlace {
  const [trust = '', site = ''] = key.split('/');
  return site === '' ? rowIdentity('acute_trust', trust, orgs) : rowIdentity('site', site, orgs);
}

export type PlaceOfKey = (key: string) => RowPlace;

export function visibleTable(table: ReportTable, scope: Scope, placeOf: PlaceOfKey): ReportTable {
  if (scope.kind === 'england') return table;
  return { ...table, rows: table.rows.filter((row) => rowVisible(scope, placeOf(rowKey(table, row)))) };
}

/** A revision reduced to the rows the scope sees (the whole new table is never passed on). */
export function visibleChanges(revision: TableRevision | undefined, scope: Scope, placeOf: PlaceOfKey) {
  const seen = (key: string) => rowVisible(scope, placeOf(key));
  return {
    changes: (revision?.changes ?? []).filter((change) => seen(change.row)),
    rowsAdded: (revision?.rowsAdded ?? []).filter(seen),
    rowsRemoved: (revision?.rowsRemoved ?? []).filter(seen),
  };
}
