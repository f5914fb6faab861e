import { describe, expect, it } from 'vitest';
import { handoverDuration, handoverTime, isClockRunning, isDisputed } from './handover-times';
import { handoverFactory } from './test-support/handover-fixture';
import { ENGLAND_2025, MINUTE_MS } from './thresholds';

const T0 = Date.parse('2026-01-12T10:00:00Z');
const base = handoverFactory({ handoverId: 'h1', state: 'handed_over', arrivedAt: T0, lastCursor: '1-0' })();

describe('two-party handover stamps', () => {
  it("reports the crew's stamp when present, else the ED's", () => {
    expect(
      handoverTime({ ...base, crewHandedOverAt: T0 + 9 * MINUTE_MS, edHandedOverAt: T0 + 12 * MINUTE_MS }),
    ).toBe(T0 + 9 * MINUTE_MS);
    expect(handoverTime({ ...base, edHandedOverAt: T0 + 12 * MINUTE_MS })).toBe(T0 + 12 * MINUTE_MS);
    expect(handoverTime(base)).toBeUndefined();
  });

  it('is disputed only when both stamps exist and differ by more than 5 minutes', () => {
    const at = (crew: number, ed: number) => ({
      ...base,
      crewHandedOverAt: T0 + crew,
      edHandedOverAt: T0 + ed,
    });
    expect(isDisputed(at(0, 5 * MINUTE_MS), ENGLAND_2025)).toBe(false);
    expect(isDisputed(at(0, 5 * MINUTE_MS + 1), ENGLAND_2025)).toBe(true);
    expect(isDisputed(at(5 * MINUTE_MS + 1, 0), ENGLAND_2025)).toBe(true);
    expect(isDisputed({ ...base, crewHandedOverAt: T0 }, ENGLAND_2025)).toBe(false);
  });

  it('measures the duration from arrival to the reported stamp', () => {
    expect(handoverDuration({ ...base, crewHandedOverAt: T0 + 17 * MINUTE_MS })).toBe(17 * MINUTE_MS);
    expect(handoverDuration(base)).toBeUndefined();
    expect(handoverDuration({ ...base, arrivedAt: undefined, crewHandedOverAt: T0 })).toBeUndefined();
  });

  it('runs the clock while waiting or cohorted only', () => {
    expect(isClockRunning({ ...base, state: 'waiting' })).toBe(true);
    expect(isClockRunning({ ...base, state: 'cohorted' })).toBe(true);
    for (const state of ['inbound', 'handed_over', 'closed', 'cancelled'] as const) {
      expect(isClockRunning({ ...base, state })).toBe(false);
    }
  });
});
