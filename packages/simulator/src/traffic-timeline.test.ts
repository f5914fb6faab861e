import { calendarDay } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { generateDay } from './generate-day';
import { referenceData } from './test-support/reference';
import { foldThroughDomain } from './test-support/rules';
import { type TrafficTimelineOptions, trafficTimeline } from './traffic-timeline';
import type { TimedEvent } from './wire-events';

const { organisations, calibration } = referenceData();
const HOUR_MS = 3_600_000;
const SITES = ['RRK15', 'RBN01'];
const MONDAY = calendarDay('2026-01-12');

function take(options: Partial<TrafficTimelineOptions> & Pick<TrafficTimelineOptions, 'arrivedFrom'>) {
  return [...trafficTimeline({ seed: 5, organisations, calibration, sites: SITES, ...options })];
}

const ids = (events: readonly TimedEvent[]) => events.map((e) => e.generated.event.eventId);

describe('trafficTimeline', () => {
  it("is the London days' traffic in time order, from the handovers arriving at arrivedFrom", () => {
    const arrivedFrom = MONDAY.start + 15 * HOUR_MS;
    const until = MONDAY.end + 10 * HOUR_MS;
    const events = take({ arrivedFrom, until });
    const times = events.map((e) => e.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThanOrEqual(until);

    const days = ['2026-01-12', '2026-01-13'].flatMap(
      (date) => generateDay({ seed: 5, date, organisations, calibration, sites: SITES }).events,
    );
    const early = new Set(
      days
        .filter(({ event }) => event.type === 'arrived' && Date.parse(event.at) < arrivedFrom)
        .map((e) => e.event.handoverId),
    );
    const expected = days
      .filter(({ event }) => !early.has(event.handoverId) && Date.parse(event.at) <= until)
      .map((e) => e.event.eventId);
    expect(new Set(ids(events))).toEqual(new Set(expected));
    expect(ids(events)).toHaveLength(expected.length);
    // Whole handovers only, each in causal order: the domain accepts every event.
    expect(foldThroughDomain(events.map((e) => e.generated)).refusals).toEqual([]);
  });

  it('continues seamlessly: a backfill to T, then live after T, is one run without gap or copy', () => {
    const start = MONDAY.start + 3 * HOUR_MS;
    const t = MONDAY.start + 20 * HOUR_MS;
    const end = MONDAY.end + 12 * HOUR_MS;
    const backfill = take({ arrivedFrom: start, until: t });
    // Live catches up one day back from T, and sends only what comes after T.
    const live = take({ arrivedFrom: t - 24 * HOUR_MS, until: end }).filter((e) => e.atMs > t);
    const oneRun = take({ arrivedFrom: start, until: end });
    expect([...ids(backfill), ...ids(live)]).toEqual(ids(oneRun));
  });

  it('gives the same traffic whenever a run starts: a later start only leaves out earlier arrivals', () => {
    const later = take({ arrivedFrom: MONDAY.start + 9 * HOUR_MS, until: MONDAY.end });
    const earlier = new Set(ids(take({ arrivedFrom: MONDAY.start + 2 * HOUR_MS, until: MONDAY.end })));
    expect(ids(later).every((id) => earlier.has(id))).toBe(true);
  });
});
