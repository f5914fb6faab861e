import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLiveFigures, addPartial, addToLiveFigures } from './accumulate';
import type { Handover } from './handover';
import { computeLiveFigures, emptyLiveFigures, mergeLiveFigures } from './live-figures';
import { emptyPartial, mergePartials, partialForPeriod } from './metrics';
import type { Period } from './period';
import { handoversArb } from './test-support/random-handovers';
import { ENGLAND_2025, HOUR_MS } from './thresholds';

const BASE = Date.parse('2026-01-12T00:00:00Z');
const thresholds = ENGLAND_2025;
const period: Period = { start: BASE, end: BASE + 24 * HOUR_MS };
const groupArb = handoversArb({ base: BASE }, 30);
/** Now anywhere from before the first arrival to long after (stale clocks included). */
const nowArb = fc.integer({ min: -3 * HOUR_MS, max: 52 * HOUR_MS }).map((offset) => BASE + offset);

function folded(handovers: readonly Handover[], now: number) {
  const figures = emptyLiveFigures();
  for (const handover of handovers) addToLiveFigures(figures, handover, now, thresholds);
  return figures;
}

describe('in-place accumulation equals the domain functions it stands for', () => {
  it('adding handovers one by one equals computeLiveFigures over them', () => {
    fc.assert(
      fc.property(groupArb, nowArb, (handovers, now) => {
        expect(folded(handovers, now)).toEqual(computeLiveFigures(handovers, now, thresholds));
      }),
      { numRuns: 400 },
    );
  });

  it('addLiveFigures equals mergeLiveFigures, whichever side is empty', () => {
    fc.assert(
      fc.property(groupArb, groupArb, nowArb, (a, b, now) => {
        const fa = computeLiveFigures(a, now, thresholds);
        const fb = computeLiveFigures(b, now, thresholds);
        const expected = mergeLiveFigures(fa, fb);
        const into = { ...fa };
        addLiveFigures(into, fb);
        expect(into).toEqual(expected);
        expect(fb).toEqual(computeLiveFigures(b, now, thresholds));
      }),
      { numRuns: 300 },
    );
  });

  it('addPartial equals mergePartials, durations in the same order, the source unchanged', () => {
    fc.assert(
      fc.property(groupArb, groupArb, nowArb, (a, b, now) => {
        const context = { now, thresholds };
        const pa = partialForPeriod(a, period, context);
        const pb = partialForPeriod(b, period, context);
        const expected = mergePartials(pa, pb);
        const into = emptyPartial();
        addPartial(into, pa);
        addPartial(into, pb);
        expect(into).toEqual(expected);
        expect(pb).toEqual(partialForPeriod(b, period, context));
      }),
      { numRuns: 300 },
    );
  });
});
