import { describe, expect, it } from 'vitest';
import { BANDS, bandAt, bandForDuration, bandInfo, clockAt, nextBandChangeAt } from './bands';
import { handoverFactory, TEST_ACTOR } from './test-support/handover-fixture';
import { ENGLAND_2025, MINUTE_MS } from './thresholds';

const T0 = Date.parse('2026-01-12T10:00:00Z');
const t = ENGLAND_2025;

const waiting = handoverFactory({ handoverId: 'h1', arrivedAt: T0, eventIds: ['e1'], lastCursor: '1' });

describe('bandForDuration', () => {
  it.each([
    [0, 'on_target'],
    [15 * MINUTE_MS, 'on_target'],
    [15 * MINUTE_MS + 1, 'over_15'],
    [30 * MINUTE_MS, 'over_15'],
    [30 * MINUTE_MS + 1, 'over_30'],
    [45 * MINUTE_MS + 1, 'release_due'],
    [60 * MINUTE_MS, 'release_due'],
    [60 * MINUTE_MS + 1, 'over_60'],
    [300 * MINUTE_MS, 'over_60'],
  ] as const)('%i ms is %s ("over N" is strictly more than N minutes)', (ms, band) => {
    expect(bandForDuration(ms, t)).toBe(band);
  });
});

describe('bandInfo', () => {
  it('gives every band a text label and a distinct icon, never colour alone', () => {
    const infos = BANDS.map((b) => bandInfo(b, t));
    expect(infos.map((i) => i.label)).toEqual([
      'Within 15 min',
      'Over 15 min',
      'Over 30 min',
      'Over 45 min: release due',
      'Over 60 min',
    ]);
    expect(new Set(infos.map((i) => i.icon)).size).toBe(BANDS.length);
  });
});

describe('bandAt and clockAt', () => {
  it('ticks with now while waiting', () => {
    const h = waiting();
    expect(clockAt(h, T0 + 16 * MINUTE_MS)).toBe(16 * MINUTE_MS);
    expect(bandAt(h, T0 + 16 * MINUTE_MS, t)).toBe('over_15');
    expect(bandAt(h, T0 + 61 * MINUTE_MS, t)).toBe('over_60');
  });

  it('keeps running while cohorted (crew cleared, patient still waiting)', () => {
    const h = waiting({ state: 'cohorted', clearedAt: T0 + 5 * MINUTE_MS });
    expect(bandAt(h, T0 + 50 * MINUTE_MS, t)).toBe('release_due');
  });

  it('stops at the crew stamp, preferred to the ED stamp', () => {
    const h = waiting({
      state: 'handed_over',
      crewHandedOverAt: T0 + 14 * MINUTE_MS,
      edHandedOverAt: T0 + 20 * MINUTE_MS,
    });
    expect(clockAt(h, T0 + 90 * MINUTE_MS)).toBe(14 * MINUTE_MS);
    expect(bandAt(h, T0 + 90 * MINUTE_MS, t)).toBe('on_target');
  });

  it('falls back to the ED stamp', () => {
    const h = waiting({ state: 'handed_over', edHandedOverAt: T0 + 20 * MINUTE_MS });
    expect(bandAt(h, T0 + 90 * MINUTE_MS, t)).toBe('over_15');
  });

  it('has no clock before arrival or once cancelled', () => {
    expect(bandAt(waiting({ state: 'inbound', arrivedAt: undefined }), T0, t)).toBeUndefined();
    expect(
      bandAt(
        waiting({ state: 'cancelled', cancelled: { reason: 'duplicate', at: T0, by: TEST_ACTOR } }),
        T0,
        t,
      ),
    ).toBeUndefined();
  });

  it('never shows a negative clock when the device clock lags arrival', () => {
    expect(clockAt(waiting(), T0 - 5_000)).toBe(0);
  });
});

describe('nextBandChangeAt', () => {
  it('is the first instant past the next threshold', () => {
    const h = waiting();
    expect(nextBandChangeAt(h, T0, t)).toBe(T0 + 15 * MINUTE_MS + 1);
    expect(nextBandChangeAt(h, T0 + 15 * MINUTE_MS, t)).toBe(T0 + 15 * MINUTE_MS + 1);
    expect(nextBandChangeAt(h, T0 + 15 * MINUTE_MS + 1, t)).toBe(T0 + 30 * MINUTE_MS + 1);
    expect(nextBandChangeAt(h, T0 + 59 * MINUTE_MS, t)).toBe(T0 + 60 * MINUTE_MS + 1);
  });

  it('is undefined in the last band, once stopped, and before arrival', () => {
    expect(nextBandChangeAt(waiting(), T0 + 61 * MINUTE_MS, t)).toBeUndefined();
    expect(nextBandChangeAt(waiting({ crewHandedOverAt: T0 + MINUTE_MS }), T0, t)).toBeUndefined();
    expect(nextBandChangeAt(waiting({ arrivedAt: undefined, state: 'inbound' }), T0, t)).toBeUndefined();
  });

  it('agrees with bandAt: the band differs just before and at the change', () => {
    const h = waiting();
    let now = T0;
    for (
      let change = nextBandChangeAt(h, now, t);
      change !== undefined;
      change = nextBandChangeAt(h, now, t)
    ) {
      expect(bandAt(h, change - 1, t)).not.toBe(bandAt(h, change, t));
      now = change;
    }
    expect(bandAt(h, now, t)).toBe('over_60');
  });
});
