import { ENGLAND_2025 } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { areaFigures, emptyAggregate } from '../../shared/lib/area-figures';
import { filterRows } from './area-table';
import type { AreaRow } from './drill-down';
import { nextOrder, sortRows } from './table-sort';

function row(
  name: string,
  patch: {
    within15: number | null;
    hoursLost: number;
    waiting: number;
    over60: number;
    longest: number | null;
  },
): AreaRow {
  const base = areaFigures(emptyAggregate(name), ENGLAND_2025);
  return {
    code: name,
    name,
    href: `/trust/${name}`,
    parent: name === 'Barts' ? 'London' : 'Midlands',
    pressure: 'none',
    figures: {
      ...base,
      heldNow: patch.waiting,
      longestWaitMs: patch.longest,
      hoursLostTodayMs: patch.hoursLost,
      today: { ...base.today, within15Share: patch.within15, over60: patch.over60 },
    },
  };
}

const rows = [
  row('Barts', { within15: 0.4, hoursLost: 30, waiting: 5, over60: 2, longest: 50 }),
  row('Aintree', { within15: null, hoursLost: 0, waiting: 0, over60: 0, longest: null }),
  row('Coventry', { within15: 0.7, hoursLost: 90, waiting: 2, over60: 7, longest: 20 }),
  row('Derby', { within15: 0.4, hoursLost: 60, waiting: 9, over60: 1, longest: 80 }),
];
const names = (sorted: AreaRow[]) => sorted.map((r) => r.name);

describe('national table sorting', () => {
  it('sorts by each column both ways', () => {
    expect(names(sortRows(rows, { key: 'hoursLost', direction: 'descending' }))).toEqual([
      'Coventry',
      'Derby',
      'Barts',
      'Aintree',
    ]);
    expect(names(sortRows(rows, { key: 'waitingNow', direction: 'ascending' }))).toEqual([
      'Aintree',
      'Coventry',
      'Barts',
      'Derby',
    ]);
    expect(names(sortRows(rows, { key: 'over60', direction: 'descending' }))).toEqual([
      'Coventry',
      'Barts',
      'Derby',
      'Aintree',
    ]);
    expect(names(sortRows(rows, { key: 'name', direction: 'descending' }))).toEqual([
      'Derby',
      'Coventry',
      'Barts',
      'Aintree',
    ]);
  });

  it('keeps rows with nothing to measure last in either direction, and ties in name order', () => {
    expect(names(sortRows(rows, { key: 'within15', direction: 'ascending' }))).toEqual([
      'Barts',
      'Derby',
      'Coventry',
      'Aintree',
    ]);
    expect(names(sortRows(rows, { key: 'within15', direction: 'descending' }))).toEqual([
      'Coventry',
      'Barts',
      'Derby',
      'Aintree',
    ]);
    expect(names(sortRows(rows, { key: 'longestWait', direction: 'ascending' }))).toEqual([
      'Coventry',
      'Barts',
      'Derby',
      'Aintree',
    ]);
  });

  it('flips the same column, and starts a new one with the worst on top', () => {
    const byLost = { key: 'hoursLost', direction: 'descending' } as const;
    expect(nextOrder(byLost, 'hoursLost')).toEqual({ key: 'hoursLost', direction: 'ascending' });
    expect(nextOrder(byLost, 'within15')).toEqual({ key: 'within15', direction: 'ascending' });
    expect(nextOrder(byLost, 'waitingNow')).toEqual({ key: 'waitingNow', direction: 'descending' });
    expect(nextOrder(byLost, 'name')).toEqual({ key: 'name', direction: 'ascending' });
  });

  it('never changes the rows it is given, and finds rows by name or region', () => {
    const before = names([...rows]);
    sortRows(rows, { key: 'hoursLost', direction: 'ascending' });
    expect(names([...rows])).toEqual(before);
    expect(filterRows(rows, ' der ').map((r) => r.name)).toEqual(['Derby']);
    expect(filterRows(rows, 'london').map((r) => r.name)).toEqual(['Barts']);
    expect(filterRows(rows, '')).toBe(rows);
  });
});
