import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Handover, HandoverState, ReleaseRequest } from './handover';
import { HANDOVER_STATES } from './handover';
import {
  addHandover,
  type ComplianceMetrics,
  computeMetrics,
  emptyPartial,
  finaliseCounts,
  finaliseMetrics,
  type MetricsContext,
  mergePartials,
  partialForPeriod,
  percentileNearestRank,
} from './metrics';
import type { Period } from './period';
import { inPeriod } from './period';
import { handoverFactory, TEST_ACTOR } from './test-support/handover-fixture';
import { ENGLAND_2025, HOUR_MS, MINUTE_MS, type Thresholds } from './thresholds';

const T0 = Date.parse('2026-01-12T00:00:00Z');
const M = MINUTE_MS;
const thresholds = ENGLAND_2025;
const actor = TEST_ACTOR;

const makeHandover = handoverFactory({ arrivedAt: T0 });

const correction = {
  eventId: 'c',
  field: 'arrivedAt',
  oldValue: null,
  newValue: '2026-01-12T00:00:00Z',
  reason: 'pressed late',
  at: T0,
  recordedAt: T0,
  by: actor,
} as const;

/** A handover that arrived at `arrivedAt`, with the other stamps as minutes after arrival. */
function arrivedAt(
  at: number,
  stamps: { crew?: number; ed?: number; cleared?: number },
  overrides: Partial<Handover> = {},
): Handover {
  return makeHandover({
    arrivedAt: at,
    crewHandedOverAt: stamps.crew === undefined ? undefined : at + stamps.crew * M,
    edHandedOverAt: stamps.ed === undefined ? undefined : at + stamps.ed * M,
    clearedAt: stamps.cleared === undefined ? undefined : at + stamps.cleared * M,
    ...overrides,
  });
}

describe('percentileNearestRank', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const eleven = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

  it('is undefined for no values', () => {
    expect(percentileNearestRank([], 50)).toBeUndefined();
  });

  it('returns the only value for n = 1 at any p', () => {
    expect([0, 50, 90, 95, 100].map((p) => percentileNearestRank([42], p))).toEqual([42, 42, 42, 42, 42]);
  });

  it('takes d[ceil(p/100 x n)] for n = 10: median 5th, p90 9th, p95 10th', () => {
    expect(percentileNearestRank(ten, 50)).toBe(5); // ceil(5) = 5
    expect(percentileNearestRank(ten, 90)).toBe(9); // ceil(9) = 9, not 10 (no float overshoot)
    expect(percentileNearestRank(ten, 95)).toBe(10); // ceil(9.5) = 10
    expect(percentileNearestRank(ten, 100)).toBe(10);
    expect(percentileNearestRank(ten, 0)).toBe(1);
  });

  it('takes d[ceil(p/100 x n)] for n = 11: median 6th, p90 10th, p95 11th', () => {
    expect(percentileNearestRank(eleven, 50)).toBe(6); // ceil(5.5) = 6
    expect(percentileNearestRank(eleven, 90)).toBe(10); // ceil(9.9) = 10
    expect(percentileNearestRank(eleven, 95)).toBe(11); // ceil(10.45) = 11
  });

  it('never overshoots on exact ranks for any n (p x n a multiple of 100)', () => {
    for (let n = 1; n <= 1000; n++) {
      const values = Array.from({ length: n }, (_, i) => i + 1);
      for (const p of [10, 20, 25, 50, 75, 90, 95]) {
        expect(percentileNearestRank(values, p)).toBe(Math.max(1, Math.ceil((p * n) / 100 - 1e-9)));
      }
    }
  });

  it('rejects p outside 0..100', () => {
    expect(() => percentileNearestRank(ten, -1)).toThrow(RangeError);
    expect(() => percentileNearestRank(ten, 101)).toThrow(RangeError);
    expect(() => percentileNearestRank(ten, Number.NaN)).toThrow(RangeError);
  });
});

describe('inPeriod', () => {
  it('is half-open: start included, end excluded', () => {
    const period = { start: 10, end: 20 };
    expect([9, 10, 19, 20].map((t) => inPeriod(period, t))).toEqual([false, true, true, false]);
  });
});

describe('computeMetrics on a hand-computed fixture', () => {
  const period: Period = { start: T0, end: T0 + 12 * HOUR_MS };
  // now - T0 = 25 h: anything open that arrived before T0 + 1 h is stale (more than 24 h old).
  const context: MetricsContext = { now: T0 + 25 * HOUR_MS, thresholds };

  const fixture: Handover[] = [
    // h1 at the period start (included): d = 10 min, handover to clear 10 min, turnaround 20 min.
    arrivedAt(T0, { crew: 10, cleared: 20 }, { handoverId: 'h1', state: 'closed' }),
    // h2: d = exactly 15:00, not over 15; ED 1 min apart, not disputed. Clear 25 min after, turnaround 40.
    arrivedAt(T0 + 1 * HOUR_MS, { crew: 15, ed: 14, cleared: 40 }, { handoverId: 'h2', state: 'closed' }),
    // h3: d = 15:00.001, over 15. Clear at 30:00, so handover to clear 899 999 ms and turnaround exactly 30.
    makeHandover({
      handoverId: 'h3',
      state: 'closed',
      arrivedAt: T0 + 2 * HOUR_MS,
      crewHandedOverAt: T0 + 2 * HOUR_MS + 15 * M + 1,
      clearedAt: T0 + 2 * HOUR_MS + 30 * M,
    }),
    // h4: crew 40 and ED 32 (8 min apart: disputed); the crew stamp wins, d = 40. One release request
    // answered "declined" after 5 min; one correction. Clear at 50: handover to clear 10, turnaround 50.
    arrivedAt(
      T0 + 3 * HOUR_MS,
      { crew: 40, ed: 32, cleared: 50 },
      {
        handoverId: 'h4',
        state: 'closed',
        corrections: [correction],
        releaseRequests: [release(T0 + 3 * HOUR_MS + 20 * M, T0 + 3 * HOUR_MS + 25 * M, 'declined')],
      },
    ),
    // h5: ED stamp only, d = 70 min; not cleared. Two release requests: one released after 4 min, one open.
    arrivedAt(
      T0 + 4 * HOUR_MS,
      { ed: 70 },
      {
        handoverId: 'h5',
        state: 'handed_over',
        releaseRequests: [
          release(T0 + 4 * HOUR_MS + 46 * M, T0 + 4 * HOUR_MS + 50 * M, 'released'),
          release(T0 + 4 * HOUR_MS + 60 * M),
        ],
      },
    ),
    // h6: cohorted then handed over: crew cleared at 20, ED handover at 50 (d = 50). No handover to
    // clear (the crew cleared first); turnaround 20.
    arrivedAt(T0 + 5 * HOUR_MS, { ed: 50, cleared: 20 }, { handoverId: 'h6', state: 'closed' }),
    // h7: open and stale (arrived 24 h 30 min before now): unknown. One correction.
    arrivedAt(T0 + 30 * M, {}, { handoverId: 'h7', state: 'waiting', corrections: [correction] }),
    // h8: open, 14 h old: still open.
    arrivedAt(T0 + 11 * HOUR_MS, {}, { handoverId: 'h8', state: 'waiting' }),
    // h9: closed with no handover time: unknown, cohorted (cleared without a stamp), incomplete; turnaround 35.
    arrivedAt(T0 + 6 * HOUR_MS, { cleared: 35 }, { handoverId: 'h9', state: 'closed' }),
    // h10: cohorted, clock still running: still open, cohorted; turnaround 5.
    arrivedAt(T0 + 10 * HOUR_MS, { cleared: 5 }, { handoverId: 'h10', state: 'cohorted' }),
    // Excluded: cancelled, never arrived, arrived at the period end, arrived just before the start.
    arrivedAt(
      T0 + HOUR_MS,
      { crew: 90, cleared: 95 },
      { handoverId: 'x1', state: 'cancelled', cancelled: { reason: 'duplicate', at: T0, by: actor } },
    ),
    makeHandover({ handoverId: 'x2', state: 'inbound', arrivedAt: undefined, expectedAt: T0 + HOUR_MS }),
    arrivedAt(T0 + 12 * HOUR_MS, { crew: 90 }, { handoverId: 'x3', state: 'handed_over' }),
    arrivedAt(T0 - 1, { crew: 90 }, { handoverId: 'x4', state: 'handed_over' }),
  ];

  const expected: ComplianceMetrics = {
    thresholdsVersion: 'england-2025-26',
    bandMinutes: [15, 30, 45, 60],
    allHandovers: 10, // 6 + 2 + 2
    known: 6, // h1..h6
    unknown: 2, // h7 (stale), h9 (closed without a stamp)
    stillOpen: 2, // h8, h10 (cohorted: the clock still runs)
    // Durations (ms): h1 600 000, h2 900 000, h3 900 001, h4 2 400 000, h5 4 200 000, h6 3 000 000.
    over15: 4, // h3 h4 h5 h6 (h2 is exactly 15:00, not over)
    over30: 3, // h4 h5 h6
    over45: 2, // h5 h6
    over60: 1, // h5
    within15Share: 2 / 6, // (6 - 4) / 6
    within45Share: 4 / 6, // (6 - 2) / 6
    totalHandoverMs: 12_000_001, // 600 000 + 900 000 + 900 001 + 2 400 000 + 4 200 000 + 3 000 000
    totalHours: 12_000_001 / 3_600_000,
    meanMs: 12_000_001 / 6,
    // Sorted: 600 000, 900 000, 900 001, 2 400 000, 3 000 000, 4 200 000.
    medianMs: 900_001, // rank ceil(0.5 x 6) = 3
    p90Ms: 4_200_000, // rank ceil(5.4) = 6
    p95Ms: 4_200_000, // rank ceil(5.7) = 6
    // Beyond 15: h3 1 + h4 1 500 000 + h5 3 300 000 + h6 2 100 000.
    hoursLost: { basisMinutes: 15, ms: 6_900_001, hours: 6_900_001 / 3_600_000 },
    lostMs: {
      over15: 6_900_001,
      over30: 4_200_000, // h4 600 000 + h5 2 400 000 + h6 1 200 000
      over60: 600_000, // h5 600 000
    },
    handoverToClear: {
      targetMinutes: 15,
      count: 4, // h1 h2 h3 h4 (h5 not cleared; h6 cleared before handover)
      meanMs: 3_599_999 / 4, // (600 000 + 1 500 000 + 899 999 + 600 000) / 4
      within15Share: 3 / 4, // all but h2 (25 min)
    },
    turnaround: {
      targetMinutes: 30,
      count: 7, // h1 h2 h3 h4 h6 h9 h10
      meanMs: 12_000_000 / 7, // (20 + 40 + 30 + 50 + 20 + 35 + 5) min = 200 min
      within30Share: 4 / 7, // h1 h3 (exactly 30) h6 h10
    },
    releaseRequests: {
      count: 3, // h4 one, h5 two
      answered: 2,
      released: 1,
      medianResponseMs: 240_000, // sorted 240 000, 300 000: rank ceil(0.5 x 2) = 1
    },
    cohorted: 3, // h6 (cleared before its stamp), h9 and h10 (cleared with no stamp)
    disputed: 1, // h4
    corrected: 2, // h4 h7
    closedCount: 6, // h1 h2 h3 h4 h6 h9
    dataCompleteShare: 5 / 6, // all closed but h9 have arrival, handover and clear
  };

  it('gives every metric its hand-computed value', () => {
    expect(computeMetrics(fixture, period, context)).toEqual(expected);
  });

  it('gives the same answer however the fixture is split and merged', () => {
    const parts = [fixture.slice(0, 3), fixture.slice(3, 9), fixture.slice(9)];
    const merged = parts
      .map((part) => partialForPeriod(part, period, context))
      .reduce((a, b) => mergePartials(a, b), emptyPartial());
    expect(finaliseMetrics(merged, thresholds)).toEqual(expected);
  });

  it('gives live screens every count and share without the percentiles', () => {
    const { medianMs, p90Ms, p95Ms, releaseRequests, ...rest } = expected;
    const { medianResponseMs, ...requests } = releaseRequests;
    const counts = finaliseCounts(partialForPeriod(fixture, period, context), thresholds);
    expect(counts).toEqual({ ...rest, releaseRequests: requests });
    expect(counts).not.toHaveProperty('medianMs');
    expect(counts.releaseRequests).not.toHaveProperty('medianResponseMs');
  });
});

describe('computeMetrics edge cases', () => {
  const period: Period = { start: T0, end: T0 + 24 * HOUR_MS };
  const context: MetricsContext = { now: T0 + 24 * HOUR_MS, thresholds };
  const metricsOf = (...handovers: Handover[]) => computeMetrics(handovers, period, context);

  it('is empty with nulls for shares, means and percentiles when nothing arrived', () => {
    const m = metricsOf();
    expect(m.allHandovers).toBe(0);
    expect([m.within15Share, m.within45Share, m.meanMs, m.medianMs, m.p90Ms, m.p95Ms]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(m.handoverToClear.meanMs).toBeNull();
    expect(m.turnaround.within30Share).toBeNull();
    expect(m.releaseRequests.medianResponseMs).toBeNull();
    expect(m.dataCompleteShare).toBeNull();
  });

  it('counts exactly 15:00 as within 15 and 15:00.001 as over', () => {
    const exact = makeHandover({ state: 'handed_over', crewHandedOverAt: T0 + 15 * M });
    const justOver = makeHandover({ state: 'handed_over', crewHandedOverAt: T0 + 15 * M + 1 });
    expect(metricsOf(exact).over15).toBe(0);
    expect(metricsOf(justOver).over15).toBe(1);
    expect(metricsOf(exact, justOver).within15Share).toBe(0.5);
  });

  it('judges each band strictly: exactly N minutes is not over N', () => {
    const at = (minutes: number) =>
      makeHandover({ state: 'handed_over', crewHandedOverAt: T0 + minutes * M });
    const m = metricsOf(at(30), at(45), at(60));
    expect([m.over15, m.over30, m.over45, m.over60]).toEqual([3, 2, 1, 0]);
    expect(m.within45Share).toBe(2 / 3);
  });

  it('prefers the crew stamp to the ED stamp', () => {
    const h = makeHandover({
      state: 'handed_over',
      crewHandedOverAt: T0 + 10 * M,
      edHandedOverAt: T0 + 20 * M,
    });
    expect(metricsOf(h).totalHandoverMs).toBe(10 * M);
  });

  it('includes an arrival at the period start and excludes one at the period end', () => {
    const atStart = makeHandover({ arrivedAt: period.start });
    const atEnd = makeHandover({ arrivedAt: period.end });
    expect(metricsOf(atStart, atEnd).allHandovers).toBe(1);
  });

  it('excludes cancelled and never-arrived handovers', () => {
    const cancelled = makeHandover({ state: 'cancelled', cancelled: { reason: 'other', at: T0, by: actor } });
    const inbound = makeHandover({ state: 'inbound', arrivedAt: undefined });
    const partial = emptyPartial();
    addHandover(partial, cancelled, context);
    addHandover(partial, inbound, context);
    expect(partial).toEqual(emptyPartial());
    expect(metricsOf(cancelled, inbound).allHandovers).toBe(0);
  });

  it('counts an open handover as unknown once stale (strictly over staleAfterHours), still open before', () => {
    const open = makeHandover({ state: 'waiting' });
    const asAt = (now: number) => computeMetrics([open], period, { now, thresholds });
    expect(asAt(T0 + 24 * HOUR_MS)).toMatchObject({ stillOpen: 1, unknown: 0 });
    expect(asAt(T0 + 24 * HOUR_MS + 1)).toMatchObject({ stillOpen: 0, unknown: 1 });
  });

  it('keeps a cohorted handover open until handed over (its clock still runs)', () => {
    const cohorted = makeHandover({ state: 'cohorted', clearedAt: T0 + 5 * M });
    expect(metricsOf(cohorted)).toMatchObject({ stillOpen: 1, unknown: 0, cohorted: 1, closedCount: 0 });
  });

  it('labels hours lost with the thresholds basis, keeping the 15/30/60 bases', () => {
    const basis20: Thresholds = { ...thresholds, hoursLostBasisMinutes: 20 };
    const h = makeHandover({ state: 'handed_over', crewHandedOverAt: T0 + 50 * M });
    const m = computeMetrics([h], period, { ...context, thresholds: basis20 });
    expect(m.hoursLost).toEqual({ basisMinutes: 20, ms: 30 * M, hours: 0.5 }); // 50 - 20
    expect(m.lostMs).toEqual({ over15: 35 * M, over30: 20 * M, over60: 0 });
  });

  it('never counts a negative duration from a stamp before arrival', () => {
    const h = makeHandover({ state: 'closed', crewHandedOverAt: T0 - M, clearedAt: T0 - 2 * M });
    const m = metricsOf(h);
    // Cleared before the stamp: cohorted, so no handover-to-clear figure at all.
    expect([m.totalHandoverMs, m.turnaround.meanMs, m.handoverToClear.meanMs]).toEqual([0, 0, null]);
  });

  it('counts a crew clearing at the very moment of handover as not cohorted, with 0 handover to clear', () => {
    const h = makeHandover({ state: 'closed', crewHandedOverAt: T0 + 20 * M, clearedAt: T0 + 20 * M });
    const m = metricsOf(h);
    expect(m.cohorted).toBe(0);
    expect(m.handoverToClear).toMatchObject({ meanMs: 0 });
    expect(m.turnaround.meanMs).toBe(20 * M);
  });

  it('measures release response time only for answered requests', () => {
    const h = makeHandover({
      releaseRequests: [release(T0 + 50 * M, T0 + 53 * M, 'released'), release(T0 + 60 * M)],
    });
    expect(metricsOf(h).releaseRequests).toEqual({
      count: 2,
      answered: 1,
      released: 1,
      medianResponseMs: 3 * M,
    });
  });
});

// ---- Property-based: merging partials equals computing over the union -------------------------------

const P0 = T0;
const propPeriod: Period = { start: P0, end: P0 + 24 * HOUR_MS };
const thresholdMinutes = [0, 5, 15, 30, 45, 60, 90] as const;

/** Offsets that often land exactly on, or 1 ms either side of, a threshold. */
const offsetMs = fc.oneof(
  fc.integer({ min: -10 * M, max: 4 * HOUR_MS }),
  fc.constantFrom(...thresholdMinutes).chain((m) => fc.constantFrom(m * M - 1, m * M, m * M + 1)),
);

const releaseArb: fc.Arbitrary<ReleaseRequest> = fc
  .record({
    requested: offsetMs,
    response: fc.option(fc.integer({ min: 0, max: HOUR_MS }), { nil: undefined }),
    outcome: fc.constantFrom('released', 'declined'),
  })
  .map(({ requested, response, outcome }) => ({
    requestedAt: P0 + requested,
    requestedBy: actor,
    ...(response === undefined ? {} : { respondedAt: P0 + requested + response, outcome }),
  }));

const handoverArb: fc.Arbitrary<Handover> = fc
  .record({
    state: fc.constantFrom<HandoverState>(...HANDOVER_STATES),
    arrival: fc.option(fc.integer({ min: -2 * HOUR_MS, max: 26 * HOUR_MS }), { nil: undefined }),
    crew: fc.option(offsetMs, { nil: undefined }),
    ed: fc.option(offsetMs, { nil: undefined }),
    cleared: fc.option(offsetMs, { nil: undefined }),
    releases: fc.array(releaseArb, { maxLength: 3 }),
    corrections: fc.nat({ max: 2 }),
  })
  .map(({ state, arrival, crew, ed, cleared, releases, corrections }) => {
    const arrivedAt = arrival === undefined ? undefined : P0 + arrival;
    const after = (offset: number | undefined) =>
      offset === undefined || arrivedAt === undefined ? undefined : arrivedAt + offset;
    return makeHandover({
      state,
      arrivedAt,
      crewHandedOverAt: after(crew),
      edHandedOverAt: after(ed),
      clearedAt: after(cleared),
      releaseRequests: releases,
      corrections: Array.from({ length: corrections }, () => correction),
      cancelled: state === 'cancelled' ? { reason: 'duplicate', at: P0, by: actor } : undefined,
    });
  });

const groupArb = (prefix: string) =>
  fc
    .array(handoverArb, { maxLength: 25 })
    .map((hs) => hs.map((h, i) => ({ ...h, handoverId: `${prefix}${i}` })));

const contextArb: fc.Arbitrary<MetricsContext> = fc
  .integer({ min: 0, max: 50 * HOUR_MS })
  .map((offset) => ({ now: P0 + offset, thresholds }));

describe('metrics properties', () => {
  it('finalise(merge(partial A, partial B)) equals computeMetrics(A ∪ B), every metric; A and B unchanged', () => {
    fc.assert(
      fc.property(groupArb('a'), groupArb('b'), contextArb, (a, b, context) => {
        const pa = partialForPeriod(a, propPeriod, context);
        const pb = partialForPeriod(b, propPeriod, context);
        const merged = mergePartials(pa, pb);
        expect(finaliseMetrics(merged, thresholds)).toEqual(
          computeMetrics([...a, ...b], propPeriod, context),
        );
        // Neither input changes: the merge has its own duration lists.
        merged.knownDurationsMs.push(1);
        merged.overBands[0]++;
        expect(pa).toEqual(partialForPeriod(a, propPeriod, context));
        expect(pb).toEqual(partialForPeriod(b, propPeriod, context));
      }),
      { numRuns: 300 },
    );
  });

  it('nests the band counts and adds up: all = known + unknown + still open', () => {
    fc.assert(
      fc.property(groupArb('a'), contextArb, (a, context) => {
        const m = computeMetrics(a, propPeriod, context);
        expect(m.over60).toBeLessThanOrEqual(m.over45);
        expect(m.over45).toBeLessThanOrEqual(m.over30);
        expect(m.over30).toBeLessThanOrEqual(m.over15);
        expect(m.over15).toBeLessThanOrEqual(m.known);
        expect(m.allHandovers).toBe(m.known + m.unknown + m.stillOpen);
        const inPeriodCount = a.filter(
          (h) =>
            h.state !== 'cancelled' &&
            h.state !== 'inbound' &&
            h.arrivedAt !== undefined &&
            inPeriod(propPeriod, h.arrivedAt),
        ).length;
        expect(m.allHandovers).toBe(inPeriodCount);
        expect(m.lostMs.over60).toBeLessThanOrEqual(m.lostMs.over30);
        expect(m.lostMs.over30).toBeLessThanOrEqual(m.lostMs.over15);
      }),
      { numRuns: 300 },
    );
  });

  it('merges commutatively', () => {
    fc.assert(
      fc.property(groupArb('a'), groupArb('b'), contextArb, (a, b, context) => {
        const pa = partialForPeriod(a, propPeriod, context);
        const pb = partialForPeriod(b, propPeriod, context);
        expect(finaliseMetrics(mergePartials(pa, pb), thresholds)).toEqual(
          finaliseMetrics(mergePartials(pb, pa), thresholds),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('leaves its inputs unchanged when merging', () => {
    const context: MetricsContext = { now: P0 + 25 * HOUR_MS, thresholds };
    const a = partialForPeriod([makeHandover({ crewHandedOverAt: P0 + M })], propPeriod, context);
    const snapshot = structuredClone(a);
    mergePartials(a, a);
    expect(a).toEqual(snapshot);
  });
});

function release(
  requestedAt: number,
  respondedAt?: number,
  outcome?: 'released' | 'declined',
): ReleaseRequest {
  return respondedAt === undefined
    ? { requestedAt, requestedBy: actor }
    : { requestedAt, requestedBy: actor, respondedAt, respondedBy: actor, outcome };
}
