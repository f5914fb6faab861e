import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Handover } from './handover';
import { addFactToPartial, factOf, sameFact } from './handover-facts';
import { addHandover, emptyPartial, finaliseMetrics } from './metrics';
import { handoverArb } from './test-support/random-handovers';
import { ENGLAND_2025, HOUR_MS, MINUTE_MS } from './thresholds';

const T0 = Date.parse('2026-01-12T00:00:00Z');
const thresholds = ENGLAND_2025;
const asAtArb = fc.integer({ min: 0, max: 50 * HOUR_MS }).map((offset) => T0 + offset);

describe('handover facts', () => {
  it('adds exactly what addHandover adds, for any handover and any as-at time', () => {
    fc.assert(
      fc.property(handoverArb({ base: T0 }), asAtArb, (handover, now) => {
        const expected = emptyPartial();
        addHandover(expected, handover, { now, thresholds });
        const actual = emptyPartial();
        const fact = factOf(handover, thresholds);
        if (fact !== undefined) addFactToPartial(actual, fact, { now, thresholds });
        expect(actual).toEqual(expected);
        expect(finaliseMetrics(actual, thresholds)).toEqual(finaliseMetrics(expected, thresholds));
      }),
      { numRuns: 2000 },
    );
  });

  it('has no fact for cancelled or never-arrived handovers', () => {
    const base: Handover = {
      handoverId: 'h',
      siteCode: 'RRK15',
      ambulanceTrustCode: 'RYA',
      callsign: 'WM 1',
      state: 'waiting',
      preAlerted: false,
      arrivedAt: T0,
      releaseRequests: [],
      corrections: [],
      eventIds: [],
      lastCursor: '1-0',
    };
    expect(factOf(base, thresholds)).toBeDefined();
    expect(factOf({ ...base, state: 'cancelled' }, thresholds)).toBeUndefined();
    expect(factOf({ ...base, state: 'inbound', arrivedAt: undefined }, thresholds)).toBeUndefined();
  });

  it('keeps timings as offsets from arrival and nothing that identifies the crew', () => {
    const fact = factOf(
      {
        handoverId: 'h',
        siteCode: 'RRK15',
        ambulanceTrustCode: 'RYA',
        callsign: 'WM 1',
        state: 'closed',
        preAlerted: false,
        arrivedAt: T0,
        crewHandedOverAt: T0 + 20 * MINUTE_MS,
        edHandedOverAt: T0 + 27 * MINUTE_MS,
        clearedAt: T0 + 35 * MINUTE_MS,
        releaseRequests: [],
        corrections: [],
        eventIds: [],
        lastCursor: '1-0',
      },
      thresholds,
    );
    expect(fact).toEqual({
      siteCode: 'RRK15',
      ambulanceTrustCode: 'RYA',
      arrivedAt: T0,
      handoverMs: 20 * MINUTE_MS,
      clearMs: 35 * MINUTE_MS,
      closed: true,
      // Crew and ED 7 minutes apart: more than the 5-minute dispute limit.
      disputed: true,
      corrected: false,
      releaseRequests: 0,
      releaseReleased: 0,
      releaseResponseMs: [],
    });
  });

  it('compares facts field by field, NaN timings equal', () => {
    fc.assert(
      fc.property(handoverArb({ base: T0 }), handoverArb({ base: T0 }), (a, b) => {
        const fa = factOf(a, thresholds);
        const fb = factOf(b, thresholds);
        if (fa === undefined || fb === undefined) return;
        expect(sameFact(fa, { ...fa, releaseResponseMs: [...fa.releaseResponseMs] })).toBe(true);
        expect(sameFact(fa, fb)).toBe(JSON.stringify(fa) === JSON.stringify(fb));
      }),
      { numRuns: 500 },
    );
  });
});
