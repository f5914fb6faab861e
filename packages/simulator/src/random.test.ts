import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random, uuidV4 } from './random';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function draws(random: Random, count: number, draw: (random: Random) => number): number[] {
  return Array.from({ length: count }, () => draw(random));
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function variance(values: readonly number[]): number {
  const m = mean(values);
  return mean(values.map((value) => (value - m) ** 2));
}

describe('Random', () => {
  it('repeats the same sequence from the same seed, and another from another seed', () => {
    const first = draws(new Random(42), 20, (r) => r.uint32());
    expect(draws(new Random(42), 20, (r) => r.uint32())).toEqual(first);
    expect(draws(new Random(43), 20, (r) => r.uint32())).not.toEqual(first);
    expect(draws(new Random('42'), 20, (r) => r.uint32())).toEqual(first);
  });

  it('forks independent streams deterministically', () => {
    const a = new Random(1).fork('site');
    const b = new Random(1).fork('site');
    const c = new Random(1).fork('other');
    const first = draws(a, 10, (r) => r.uint32());
    expect(draws(b, 10, (r) => r.uint32())).toEqual(first);
    expect(draws(c, 10, (r) => r.uint32())).not.toEqual(first);
  });

  it('keeps next, uniform and integer within their ranges', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, min, span) => {
          const random = new Random(seed);
          for (let i = 0; i < 50; i += 1) {
            const unit = random.next();
            expect(unit).toBeGreaterThanOrEqual(0);
            expect(unit).toBeLessThan(1);
            const whole = random.integer(min, min + span);
            expect(Number.isInteger(whole)).toBe(true);
            expect(whole).toBeGreaterThanOrEqual(min);
            expect(whole).toBeLessThanOrEqual(min + span);
            const real = random.uniform(min, min + span + 1);
            expect(real).toBeGreaterThanOrEqual(min);
            expect(real).toBeLessThan(min + span + 1);
          }
        },
      ),
    );
  });

  it('reaches both ends of an integer range', () => {
    const values = new Set(draws(new Random(7), 500, (r) => r.integer(1, 5)));
    expect([...values].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('draws normals with the asked mean and standard deviation', () => {
    const values = draws(new Random(3), 40_000, (r) => r.normal(10, 2));
    expect(mean(values)).toBeCloseTo(10, 1);
    expect(Math.sqrt(variance(values))).toBeCloseTo(2, 1);
  });

  it('draws log-normals whose logarithm is normal', () => {
    const logs = draws(new Random(4), 40_000, (r) => Math.log(r.lognormal(2, 0.5)));
    expect(mean(logs)).toBeCloseTo(2, 1);
    expect(Math.sqrt(variance(logs))).toBeCloseTo(0.5, 1);
  });

  it('draws Poisson counts with mean and variance equal to the rate, small and large', () => {
    for (const rate of [0.3, 4, 75]) {
      const values = draws(new Random(rate), 20_000, (r) => r.poisson(rate));
      expect(values.every(Number.isInteger)).toBe(true);
      expect(mean(values) / rate).toBeCloseTo(1, 1);
      expect(variance(values) / rate).toBeCloseTo(1, 1);
    }
    expect(new Random(1).poisson(0)).toBe(0);
    expect(() => new Random(1).poisson(-1)).toThrow(RangeError);
  });

  it('draws exponentials with the asked mean', () => {
    expect(mean(draws(new Random(5), 40_000, (r) => r.exponential(12))) / 12).toBeCloseTo(1, 1);
  });

  it('picks in proportion to weight, never a zero weight', () => {
    const random = new Random(9);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i += 1) {
      counts[
        random.weighted([
          { value: 'a' as const, weight: 1 },
          { value: 'b' as const, weight: 3 },
          { value: 'c' as const, weight: 0 },
        ])
      ] += 1;
    }
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeCloseTo(3, 0);
    expect(() => random.weighted([{ value: 'x', weight: 0 }])).toThrow(RangeError);
  });

  it('picks every item of a list and refuses an empty one', () => {
    const random = new Random(11);
    expect(new Set(draws(random, 200, (r) => r.pick([1, 2, 3]))).size).toBe(3);
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('makes RFC 4122 version-4 UUIDs, reproducibly and without repeats', () => {
    const ids = Array.from(
      { length: 20_000 },
      (
        (random) => () =>
          uuidV4(random)
      )(new Random('ids')),
    );
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(uuidV4(new Random('same'))).toBe(uuidV4(new Random('same')));
  });
});
