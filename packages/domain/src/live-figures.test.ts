import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Handover, HandoverState } from './handover';
import { HANDOVER_STATES } from './handover';
import { computeLiveFigures, emptyLiveFigures, type LiveFigures, mergeLiveFigures } from './live-figures';
import { handoverFactory, TEST_ACTOR } from './test-support/handover-fixture';
import { ENGLAND_2025, HOUR_MS, MINUTE_MS } from './thresholds';

const NOW = Date.parse('2026-01-12T10:00:00Z');
const M = MINUTE_MS;
const thresholds = ENGLAND_2025;
const actor = TEST_ACTOR;

const makeHandover = handoverFactory({ arrivedAt: NOW });

/** Waiting since `minutes` before now. */
function waitingFor(minutes: number, overrides: Partial<Handover> = {}): Handover {
  return makeHandover({ arrivedAt: NOW - minutes * M, ...overrides });
}

describe('computeLiveFigures on a hand-computed fixture', () => {
  const fixture: Handover[] = [
    waitingFor(10), // L1: 10 min
    waitingFor(20), // L2: 20 min, over 15
    waitingFor(50, { state: 'cohorted', clearedAt: NOW - 40 * M }), // L3: cohorted, 50 min
    waitingFor(61), // L4: 61 min, the longest; arrived before the last hour
    waitingFor(25 * 60), // L5: stale (25 h): not waiting now
    waitingFor(30, { state: 'handed_over', crewHandedOverAt: NOW - 20 * M }), // L6: arrived, not waiting
    makeHandover({ state: 'inbound', arrivedAt: undefined, expectedAt: NOW + 5 * M }), // L7: inbound
    waitingFor(5, { state: 'cancelled', cancelled: { reason: 'duplicate', at: NOW, by: actor } }), // L8
    waitingFor(60), // L9: exactly 60 min: not over 60; arrived exactly 1 h ago, outside (now - 1 h, now]
    waitingFor(0), // L10: arrived now
  ];

  it('gives every figure its hand-computed value', () => {
    const expected: LiveFigures = {
      waitingNow: 6, // L1 L2 L3 L4 L9 L10
      longestWaitMs: 61 * M, // L4
      hoursLostNowMs: 131 * M, // beyond 15: L2 5 + L3 35 + L4 46 + L9 45
      arrivalsLastHour: 5, // L1 L2 L3 L6 L10
      inbound: 1, // L7
      cohortedNow: 1, // L3
      over15Now: 4, // L2 L3 L4 L9
      over30Now: 3, // L3 L4 L9
      over45Now: 3, // L3 (50) L4 (61) L9 (60)
      over60Now: 1, // L4
    };
    expect(computeLiveFigures(fixture, NOW, thresholds)).toEqual(expected);
  });

  it('has no longest wait when nobody is waiting', () => {
    expect(computeLiveFigures([], NOW, thresholds)).toEqual(emptyLiveFigures());
  });

  it('counts exactly 15:00 as within 15 and 15:00.001 as over', () => {
    const exact = makeHandover({ arrivedAt: NOW - 15 * M });
    const justOver = makeHandover({ arrivedAt: NOW - 15 * M - 1 });
    expect(computeLiveFigures([exact], NOW, thresholds)).toMatchObject({ over15Now: 0, hoursLostNowMs: 0 });
    expect(computeLiveFigures([justOver], NOW, thresholds)).toMatchObject({
      over15Now: 1,
      hoursLostNowMs: 1,
    });
  });

  it('shows a clock skewed ahead of now as zero elapsed, never negative', () => {
    const early = makeHandover({ arrivedAt: NOW + 5_000 });
    expect(computeLiveFigures([early], NOW, thresholds)).toMatchObject({ waitingNow: 1, longestWaitMs: 0 });
  });

  it('rolls site figures up: the longest is the maximum, the rest sum', () => {
    const a = computeLiveFigures([waitingFor(20), waitingFor(40)], NOW, thresholds);
    const b = computeLiveFigures([waitingFor(70)], NOW, thresholds);
    const merged = mergeLiveFigures(a, b);
    expect(merged).toMatchObject({ waitingNow: 3, longestWaitMs: 70 * M, hoursLostNowMs: (5 + 25 + 55) * M });
    expect(mergeLiveFigures(emptyLiveFigures(), a)).toEqual(a);
    expect(mergeLiveFigures(a, emptyLiveFigures())).toEqual(a);
  });
});

// ---- Property-based: merged figures equal figures over the union -----------------------------------

const offsetMs = fc.oneof(
  fc.integer({ min: -10 * M, max: 30 * HOUR_MS }),
  fc.constantFrom(0, 15, 30, 45, 60, 24 * 60).chain((m) => fc.constantFrom(m * M - 1, m * M, m * M + 1)),
);

const handoverArb: fc.Arbitrary<Handover> = fc
  .record({
    state: fc.constantFrom<HandoverState>(...HANDOVER_STATES),
    ago: fc.option(offsetMs, { nil: undefined }),
    cleared: fc.boolean(),
  })
  .map(({ state, ago, cleared }) => {
    const arrivedAt = ago === undefined ? undefined : NOW - ago;
    return makeHandover({
      state,
      arrivedAt,
      clearedAt: cleared && arrivedAt !== undefined ? arrivedAt + M : undefined,
    });
  });

const groupArb = (prefix: string) =>
  fc
    .array(handoverArb, { maxLength: 25 })
    .map((hs) => hs.map((h, i) => ({ ...h, handoverId: `${prefix}${i}` })));

describe('live figures properties', () => {
  it('merge(figures A, figures B) equals figures(A ∪ B), and merging commutes', () => {
    fc.assert(
      fc.property(groupArb('a'), groupArb('b'), (a, b) => {
        const fa = computeLiveFigures(a, NOW, thresholds);
        const fb = computeLiveFigures(b, NOW, thresholds);
        expect(mergeLiveFigures(fa, fb)).toEqual(computeLiveFigures([...a, ...b], NOW, thresholds));
        expect(mergeLiveFigures(fa, fb)).toEqual(mergeLiveFigures(fb, fa));
        expect(fa).toEqual(computeLiveFigures(a, NOW, thresholds));
      }),
      { numRuns: 300 },
    );
  });

  it('nests the band counts within those waiting', () => {
    fc.assert(
      fc.property(groupArb('a'), (a) => {
        const f = computeLiveFigures(a, NOW, thresholds);
        expect(f.over60Now).toBeLessThanOrEqual(f.over45Now);
        expect(f.over45Now).toBeLessThanOrEqual(f.over30Now);
        expect(f.over30Now).toBeLessThanOrEqual(f.over15Now);
        expect(f.over15Now).toBeLessThanOrEqual(f.waitingNow);
        expect(f.cohortedNow).toBeLessThanOrEqual(f.waitingNow);
        expect(f.longestWaitMs === null).toBe(f.waitingNow === 0);
      }),
      { numRuns: 300 },
    );
  });
});
