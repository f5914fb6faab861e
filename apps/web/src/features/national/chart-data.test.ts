import { calendarDay, ENGLAND_2025 } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { MINUTE, waitingHandover } from '../../test-support/handover-fixtures';
import { handoverTimeBins, hourlyCompliance, hourlyRows, hoursOf, niceTicks } from './chart-data';

describe('chart data', () => {
  it('splits a London day into its hours, 23 or 25 when the clocks change', () => {
    expect(hoursOf(calendarDay('2026-01-12')).map((hour) => hour.label)).toHaveLength(24);
    expect(hoursOf(calendarDay('2026-03-29'))).toHaveLength(23);
    const autumn = hoursOf(calendarDay('2026-10-25'));
    expect(autumn).toHaveLength(25);
    expect(autumn.slice(0, 3).map((hour) => hour.label)).toEqual(['00:00', '01:00', '01:00']);
  });

  it('gives each hour of arrival the share handed over within 15 minutes', () => {
    const day = calendarDay('2026-01-12');
    const at = (hour: number, minute = 0) => day.start + hour * 60 * MINUTE + minute * MINUTE;
    const handed = (id: string, arrived: number, minutes: number) =>
      waitingHandover(id, arrived, { state: 'handed_over', edHandedOverAt: arrived + minutes * MINUTE });
    const points = hourlyCompliance(
      [
        handed('a', at(7, 5), 10),
        handed('b', at(7, 30), 15),
        handed('c', at(7, 59), 16),
        handed('d', at(9), 40),
        waitingHandover('open', at(9, 30)),
        handed('yesterday', day.start - MINUTE, 5),
      ],
      day,
      at(10),
      ENGLAND_2025,
    );
    expect(points).toHaveLength(24);
    expect(points[7]).toMatchObject({ label: '07:00', known: 3 });
    expect(points[7]?.within15Share).toBeCloseTo(2 / 3, 10);
    expect(points[9]).toMatchObject({ label: '09:00', within15Share: 0, known: 1 });
    expect(points[8]).toMatchObject({ within15Share: null, known: 0 });
    expect(points[0]?.known).toBe(0);
  });

  it('draws the hourly shares in percent to one decimal, today only up to the hour now', () => {
    const point = (label: string, share: number | null) => ({
      label,
      start: 0,
      within15Share: share,
      known: 1,
    });
    const rows = hourlyRows(
      [point('07:00', 2 / 3), point('08:00', null), point('09:00', 1)],
      new Map([['07:00', 0.5]]),
      1,
    );
    expect(rows).toEqual([
      { label: '07:00', today: 66.7, yesterday: 50 },
      { label: '08:00', today: null, yesterday: null },
      { label: '09:00', today: null, yesterday: null },
    ]);
    expect(hourlyRows([point('07:00', 0.25)], undefined, 0)).toEqual([
      { label: '07:00', today: 25, yesterday: null },
    ]);
  });

  it('counts handover times into 5-minute bars, exactly 15:00 within target, the rest in one last bar', () => {
    const bins = handoverTimeBins(
      [0, 15 * MINUTE, 15 * MINUTE + 1, 44 * MINUTE, 61 * MINUTE, 119 * MINUTE, 121 * MINUTE, 600 * MINUTE],
      ENGLAND_2025,
    );
    expect(bins).toHaveLength(25);
    const count = (from: number) => bins.find((bin) => bin.from === from)?.count;
    expect(count(0)).toBe(1);
    expect(count(10)).toBe(1);
    expect(count(15)).toBe(1);
    expect(count(40)).toBe(1);
    expect(count(60)).toBe(1);
    expect(count(115)).toBe(1);
    expect(bins.at(-1)).toMatchObject({ from: 120, to: null, count: 2, band: 'over_60' });
    expect(bins.map((bin) => bin.band).slice(0, 13)).toEqual([
      'on_target',
      'on_target',
      'on_target',
      'over_15',
      'over_15',
      'over_15',
      'over_30',
      'over_30',
      'over_30',
      'release_due',
      'release_due',
      'release_due',
      'over_60',
    ]);
  });

  it('picks round axis steps', () => {
    expect(niceTicks(380)).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(14)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
