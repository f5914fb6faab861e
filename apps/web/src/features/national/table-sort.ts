import { pressureRank } from '../../shared/lib/pressure';
import type { AreaRow } from './drill-down';

export const SORT_KEYS = [
  'name',
  'pressure',
  'handovers',
  'within15',
  'over60',
  'hoursLost',
  'waitingNow',
  'longestWait',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface SortOrder {
  key: SortKey;
  direction: SortDirection;
}

/** The value a column sorts by; null (nothing to measure) always sorts last, whichever the direction. */
function sortValue(row: AreaRow, key: SortKey): number | string | null {
  const { figures } = row;
  switch (key) {
    case 'name':
      return row.name;
    case 'pressure':
      return pressureRank(row.pressure);
    case 'handovers':
      return figures.today.allHandovers;
    case 'within15':
      return figures.today.within15Share;
    case 'over60':
      return figures.today.over60;
    case 'hoursLost':
      return figures.hoursLostTodayMs;
    case 'waitingNow':
      return figures.heldNow;
    case 'longestWait':
      return figures.longestWaitMs;
  }
}

/** The default locale's order of names (one collator: String#localeCompare sets one up per call). */
const byName = new Intl.Collator().compare;

/** A sorted copy; ties keep name order so the table does not shuffle between refreshes. */
export function sortRows(rows: readonly AreaRow[], order: SortOrder): AreaRow[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, order.key);
    const y = sortValue(b, order.key);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (typeof x === 'string' || typeof y === 'string') {
      const compared = byName(String(x), String(y));
      if (compared !== 0) return sign * compared;
    } else if (x !== y) {
      return sign * (x - y);
    }
    return byName(a.name, b.name);
  });
}

/**
 * Clicking a column: the same column flips direction; a new one starts where its worst is on top
 * (lowest share within 15 minutes, most of everything else, names A to Z).
 */
export function nextOrder(current: SortOrder, key: SortKey): SortOrder {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: key === 'name' || key === 'within15' ? 'ascending' : 'descending' };
}
