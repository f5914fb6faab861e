import { calendarDay } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { londonHour } from './london-clock';
import { Random } from './random';
import { arrivalsPerHour, hourlyShape, poissonArrivals } from './traffic-model';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const FLAT_WEEK = [1, 1, 1, 1, 1, 1, 1];

describe('hourlyShape', () => {
  it.each([0, 1, 2, 3, 4, 5, 6])('averages 1 over the 24 hours of weekday %i', (weekday) => {
    const total = HOURS.reduce((sum, hour) => sum + hourlyShape(weekday, hour), 0);
    expect(total / 24).toBeCloseTo(1, 6);
  });

  it('is lowest in the small hours and rises from 08:00', () => {
    for (const weekday of [0, 1, 3, 6]) {
      const shape = HOURS.map((hour) => hourlyShape(weekday, hour));
      const lowest = shape.indexOf(Math.min(...shape));
      expect(lowest).toBeGreaterThanOrEqual(3);
      expect(lowest).toBeLessThanOrEqual(5);
      expect(hourlyShape(weekday, 9)).toBeGreaterThan(hourlyShape(weekday, 8));
      expect(hourlyShape(weekday, 8)).toBeGreaterThan(hourlyShape(weekday, 7));
    }
  });

  it("peaks on Monday 10:00 to 12:00 at about twice the day's average hourly rate", () => {
    // DOMAIN.md section 7: about 500 an hour nationally, about 1,000 at the Monday-morning peak.
    const mondayPeak = (hourlyShape(1, 10) + hourlyShape(1, 11)) / 2;
    expect(mondayPeak).toBeGreaterThan(1.8);
    expect(mondayPeak).toBeLessThan(2.2);
    expect(hourlyShape(3, 11)).toBeLessThan(mondayPeak);
    expect(hourlyShape(6, 11)).toBeLessThan(hourlyShape(3, 11));
  });
});

describe('arrivalsPerHour', () => {
  it('spreads a daily volume over the hours of a London day, by the weekday factor', () => {
    const { start } = calendarDay('2026-01-14'); // a Wednesday
    const perHour = HOURS.map((hour) => arrivalsPerHour(240, FLAT_WEEK, start + hour * 3_600_000));
    expect(perHour.reduce((sum, rate) => sum + rate, 0)).toBeCloseTo(240, 6);
    const busierWednesday = [1, 1, 1, 1.1, 1, 1, 1];
    expect(arrivalsPerHour(240, busierWednesday, start)).toBeCloseTo((perHour[0] ?? 0) * 1.1, 6);
  });

  it('follows the wall clock in summer time', () => {
    const july = calendarDay('2026-07-13'); // a Monday, BST
    expect(londonHour(july.start)).toEqual({ hour: 0, weekday: 1, offsetMinutes: 60 });
    const tenLocal = july.start + 10 * 3_600_000;
    expect(arrivalsPerHour(24, FLAT_WEEK, tenLocal)).toBeCloseTo(hourlyShape(1, 10), 6);
  });
});

describe('poissonArrivals', () => {
  it('gives sorted whole-second instants within the window, about as many as the rate says', () => {
    const from = Date.UTC(2026, 0, 12, 0, 0, 0, 500);
    const to = from + 48 * 3_600_000;
    const arrivals = poissonArrivals(new Random(1), () => 50, from, to);
    expect(arrivals.length).toBeGreaterThan(2400 * 0.93);
    expect(arrivals.length).toBeLessThan(2400 * 1.07);
    expect(
      arrivals.every((at, i) => at >= from && at < to && at % 1000 === 0 && at >= (arrivals[i - 1] ?? 0)),
    ).toBe(true);
  });

  it('covers a short clock-change day without gaps or doubling', () => {
    const spring = calendarDay('2026-03-29'); // 23 hours long
    expect(spring.end - spring.start).toBe(23 * 3_600_000);
    const arrivals = poissonArrivals(new Random(2), () => 100, spring.start, spring.end);
    expect(arrivals.length / 2300).toBeCloseTo(1, 1);
  });
});
