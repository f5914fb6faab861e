import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DURATION_CAP_MINUTES,
  type DurationTargets,
  fitDurationModel,
  sampleDurationMinutes,
} from './duration-model';
import { Random } from './random';

function sample(targets: DurationTargets, count: number, seed = 1): number[] {
  const model = fitDurationModel(targets);
  const random = new Random(seed);
  return Array.from({ length: count }, () => sampleDurationMinutes(model, random));
}

function shareOver(values: readonly number[], minutes: number): number {
  return values.filter((value) => value > minutes).length / values.length;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

// Real winter 2025/26 figures (handover_daily.csv, 24 Nov 2025 to 29 Mar 2026, rounded).
const BIRMINGHAM: DurationTargets = {
  over15: 0.822,
  over30: 0.468,
  over45: 0.298,
  over60: 0.254,
  meanMinutes: 69.2,
};
const LEEDS: DurationTargets = {
  over15: 0.483,
  over30: 0.103,
  over45: 0.017,
  over60: 0.007,
  meanMinutes: 17.2,
};

describe('fitDurationModel', () => {
  it.each([
    ['a trust with long waits (RRK)', BIRMINGHAM],
    ['a trust near the standard (RR8)', LEEDS],
  ])('matches the shares over each threshold and the mean of %s', (_name, targets) => {
    const values = sample(targets, 100_000);
    expect(shareOver(values, 15)).toBeCloseTo(targets.over15, 2);
    expect(shareOver(values, 30)).toBeCloseTo(targets.over30, 2);
    expect(shareOver(values, 45)).toBeCloseTo(targets.over45 ?? 0, 2);
    expect(shareOver(values, 60)).toBeCloseTo(targets.over60, 2);
    expect(mean(values) / (targets.meanMinutes ?? 1)).toBeCloseTo(1, 1);
    expect(fitDurationModel(targets).meanMinutes).toBeCloseTo(targets.meanMinutes ?? 0, 0);
  });

  it('keeps a long tail that is rare beyond 3 hours for most trusts', () => {
    const leeds = sample(LEEDS, 50_000);
    expect(shareOver(leeds, 180)).toBeLessThan(0.002);
    // Birmingham's real mean of 69 minutes with a quarter over an hour needs many very long waits.
    const birmingham = sample(BIRMINGHAM, 50_000);
    expect(shareOver(birmingham, 180)).toBeGreaterThan(0.05);
  });

  it('continues the last band when no mean is published', () => {
    const model = fitDurationModel({ over15: 0.6, over30: 0.25, over60: 0.05 });
    const values = sample({ over15: 0.6, over30: 0.25, over60: 0.05 }, 50_000);
    expect(shareOver(values, 60)).toBeCloseTo(0.05, 2);
    expect(model.meanMinutes).toBeGreaterThan(15);
    expect(model.meanMinutes).toBeLessThan(40);
  });

  it('nests published shares that are not nested (over 45 below over 60 on some days)', () => {
    const values = sample({ over15: 0.5, over30: 0.2, over45: 0.05, over60: 0.08 }, 50_000);
    expect(shareOver(values, 45)).toBeCloseTo(0.08, 2);
    expect(shareOver(values, 60)).toBeCloseTo(0.08, 2);
  });

  it('draws only durations from 3 minutes to the cap, for any shares', () => {
    const share = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        share,
        share,
        share,
        fc.option(fc.double({ min: 1, max: 400, noNaN: true })),
        (a, b, c, m) => {
          const [over60, over30, over15] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
          const targets: DurationTargets = { over15, over30, over60 };
          if (m !== null) targets.meanMinutes = m;
          for (const value of sample(targets, 200, Math.round(a * 1000))) {
            expect(value).toBeGreaterThanOrEqual(3);
            expect(value).toBeLessThanOrEqual(DURATION_CAP_MINUTES);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
