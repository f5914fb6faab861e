import { ENGLAND_2025 } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { areaFigures, emptyAggregate } from '../../shared/lib/area-figures';
import type { AreaRow } from './drill-down';
import { axisStillFits, lostBars } from './hours-lost-chart';

const HOUR = 3_600_000;

function row(code: string, todayMs: number, nowMs: number): AreaRow {
  const figures = {
    ...areaFigures(emptyAggregate(code), ENGLAND_2025),
    hoursLostTodayMs: todayMs,
    hoursLostNowMs: nowMs,
  };
  return { code, name: `Area ${code}`, href: `/x/${code}`, pressure: 'none', figures };
}

describe('hours lost chart', () => {
  it('draws the areas losing most, completed and held now apart, to the tenth of an hour', () => {
    const { bars, more } = lostBars(
      [row('a', 2 * HOUR, 0.5 * HOUR), row('b', 5 * HOUR + 61_000, HOUR), row('c', 0, 0)],
      2,
    );
    expect(bars.map((bar) => bar.code)).toEqual(['b', 'a']);
    expect(bars[0]).toMatchObject({
      completed: 4,
      now: 1,
      completedText: '4 h 01 min',
      totalText: '5 h 01 min',
    });
    expect(bars[1]).toMatchObject({ completed: 1.5, now: 0.5, nowText: '0 h 30 min' });
    expect(more).toBe(1);
  });

  it('keeps its hour axis while the longest bar stays in the top step', () => {
    const ticks = [0, 80, 160, 240, 320];
    expect(axisStillFits(ticks, 300)).toBe(true);
    expect(axisStillFits(ticks, 320)).toBe(true);
    expect(axisStillFits(ticks, 321)).toBe(false);
    expect(axisStillFits(ticks, 240)).toBe(false);
    expect(axisStillFits([], 1)).toBe(false);
  });
});
