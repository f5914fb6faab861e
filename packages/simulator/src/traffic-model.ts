import { londonHour } from './london-clock';
import type { Random } from './random';

/**
 * When ambulances arrive: a nonhomogeneous Poisson process whose rate follows the London wall clock.
 * Conveyances are lowest around 04:00, climb from 08:00 and peak late morning; Monday's late morning is
 * the week's busiest (GP and NHS 111 referrals from the weekend), about twice the day's average hourly
 * rate (DOMAIN.md section 7: about 500 an hour nationally, about 1,000 at the Monday-morning peak).
 * Weekends are flatter, and the weekday factors from the real data scale the whole day.
 *
 * The shapes are relative weights per local hour; they are normalised so each day's shape averages 1.
 */
const TUESDAY_TO_FRIDAY = [
  0.62, 0.52, 0.45, 0.4, 0.37, 0.38, 0.46, 0.62, 0.9, 1.25, 1.5, 1.58, 1.55, 1.48, 1.42, 1.38, 1.34, 1.3,
  1.24, 1.16, 1.06, 0.95, 0.84, 0.72,
];
const MONDAY = [
  0.62, 0.52, 0.45, 0.4, 0.37, 0.38, 0.46, 0.62, 0.9, 1.55, 2.0, 2.05, 1.85, 1.6, 1.42, 1.38, 1.34, 1.3, 1.24,
  1.16, 1.06, 0.95, 0.84, 0.72,
];
const WEEKEND = [
  0.72, 0.62, 0.54, 0.48, 0.44, 0.44, 0.5, 0.6, 0.78, 1.02, 1.24, 1.34, 1.38, 1.36, 1.33, 1.3, 1.28, 1.25,
  1.21, 1.15, 1.08, 0.98, 0.88, 0.78,
];

const HOUR_MS = 3_600_000;

function normalised(weights: readonly number[]): readonly number[] {
  const mean = weights.reduce((sum, weight) => sum + weight, 0) / weights.length;
  return weights.map((weight) => weight / mean);
}

const SHAPES = {
  monday: normalised(MONDAY),
  tuesdayToFriday: normalised(TUESDAY_TO_FRIDAY),
  weekend: normalised(WEEKEND),
} as const;

/** Relative arrival rate at a local hour of a weekday (0 = Sunday); each day's 24 values average 1. */
export function hourlyShape(weekday: number, hour: number): number {
  const shape =
    weekday === 1 ? SHAPES.monday : weekday === 0 || weekday === 6 ? SHAPES.weekend : SHAPES.tuesdayToFriday;
  return shape[hour] ?? 1;
}

/**
 * Expected arrivals per hour at an instant for a place that averages `dailyArrivals` a day, given the
 * weekday factors (index 0 = Sunday, averaging 1).
 */
export function arrivalsPerHour(
  dailyArrivals: number,
  weekdayFactors: readonly number[],
  instant: number,
): number {
  const { hour, weekday } = londonHour(instant);
  return (dailyArrivals / 24) * (weekdayFactors[weekday] ?? 1) * hourlyShape(weekday, hour);
}

/**
 * Arrival instants (whole seconds) in [from, to), sorted, from a Poisson process whose rate (per hour) is constant
 * within each UTC hour. London's offset changes only on a whole UTC hour, so each such hour is one
 * local hour and the piecewise rate follows the wall clock exactly, across clock changes too.
 */
export function poissonArrivals(
  random: Random,
  ratePerHourAt: (instant: number) => number,
  from: number,
  to: number,
): number[] {
  const arrivals: number[] = [];
  for (let start = from; start < to; ) {
    const end = Math.min(to, (Math.floor(start / HOUR_MS) + 1) * HOUR_MS);
    const count = random.poisson((ratePerHourAt(start) * (end - start)) / HOUR_MS);
    const bucket: number[] = [];
    for (let i = 0; i < count; i += 1) {
      // Whole seconds, as every timestamp the simulator writes; rounding up keeps it at or after `from`.
      const instant = Math.ceil(random.uniform(start, end) / 1000) * 1000;
      if (instant < end) bucket.push(instant);
    }
    arrivals.push(...bucket.sort((a, b) => a - b));
    start = end;
  }
  return arrivals;
}
