import { calendarDay, type HandoverEvent } from '@handover/domain';
import { parseHandoverEvent } from '@handover/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDay } from './generate-day';
import { type GenerateTrafficOptions, generateTraffic } from './generator';
import { referenceData } from './test-support/reference';
import { foldThroughDomain, keyOrderProblem, timelineProblems } from './test-support/rules';
import type { GeneratedEvent } from './wire-events';

const { organisations, calibration } = referenceData();
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const MONDAY = calendarDay('2026-01-12');
// Busy EDs with long queues (Birmingham, Mersey and West Lancashire, Plymouth) and two quieter ones.
const BUSY_SITES = ['RRK97', 'RRK15', 'RBN01', 'RK950', 'RC971', 'RR801'].filter((code) =>
  organisations.site(code),
);

function options(overrides: Partial<GenerateTrafficOptions> = {}): GenerateTrafficOptions {
  return {
    seed: 7,
    from: MONDAY.start,
    to: MONDAY.end,
    organisations,
    calibration,
    sites: BUSY_SITES,
    ...overrides,
  };
}

function byType<T extends HandoverEvent['type']>(events: readonly GeneratedEvent[], type: T) {
  return events.flatMap(({ event }) =>
    event.type === type ? [event as Extract<HandoverEvent, { type: T }>] : [],
  );
}

function eventsByHandover(events: readonly GeneratedEvent[]): Map<string, HandoverEvent[]> {
  const map = new Map<string, HandoverEvent[]>();
  for (const { event } of events) map.set(event.handoverId, [...(map.get(event.handoverId) ?? []), event]);
  return map;
}

describe('generateTraffic', () => {
  // Two days of six busy sites: enough of every behaviour to measure it, fast enough to run each time.
  const events = generateTraffic(options({ to: MONDAY.end + 24 * HOUR_MS }));
  const handovers = eventsByHandover(events);

  it('checks its sample is big enough to mean something', () => {
    expect(BUSY_SITES).toHaveLength(6);
    expect(handovers.size).toBeGreaterThan(1000);
  });

  it('gives identical events for the same seed and different ones for another seed', () => {
    expect(generateTraffic(options())).toEqual(generateTraffic(options()));
    const other = generateTraffic(options({ seed: 8 }));
    expect(other.map(({ event }) => event.eventId)).not.toEqual(
      generateTraffic(options()).map(({ event }) => event.eventId),
    );
  });

  it("generates a site's traffic the same whichever other sites are chosen", () => {
    const alone = generateTraffic(options({ sites: ['RBN01'] }));
    const together = generateTraffic(options()).filter(({ event }) =>
      alone.some((a) => a.event.handoverId === event.handoverId),
    );
    expect(together).toEqual(alone);
  });

  it('never gives two windows (consecutive days) the same eventId or handoverId', () => {
    // Each day's warm-up starts at the same hour; from one stream per site, the days drew the same ids.
    const ids = (date: string) =>
      new Set(
        generateDay({ seed: 7, date, organisations, calibration, sites: BUSY_SITES }).events.flatMap(
          ({ event }) => [event.eventId, event.handoverId],
        ),
      );
    const monday = ids('2026-01-12');
    const shared = [...ids('2026-01-13')].filter((id) => monday.has(id));
    expect(shared).toEqual([]);
  });

  it('emits only events up to `now`, and a later `now` reveals the rest of the same traffic', () => {
    const full = generateTraffic(options());
    const now = MONDAY.start + 12 * HOUR_MS + 17 * MINUTE_MS;
    const early = generateTraffic(options({ now }));
    expect(early.length).toBeGreaterThan(0);
    expect(early.every(({ event }) => Date.parse(event.at) <= now)).toBe(true);
    expect(early).toEqual(full.filter(({ event }) => Date.parse(event.at) <= now));
    // Handovers still waiting at `now` stay open: their arrival is out, their handover is not.
    const { handovers: open } = foldThroughDomain(early);
    expect([...open.values()].filter((handover) => handover.state === 'waiting').length).toBeGreaterThan(3);
  });

  it('generates only handovers arriving in [from, to), sorted by time', () => {
    const arrivals = byType(events, 'arrived').map((event) => Date.parse(event.at));
    expect(Math.min(...arrivals)).toBeGreaterThanOrEqual(MONDAY.start);
    expect(Math.max(...arrivals)).toBeLessThan(MONDAY.end + 24 * HOUR_MS);
    const times = events.map(({ event }) => Date.parse(event.at));
    expect(times.every((time, i) => i === 0 || time >= (times[i - 1] ?? time))).toBe(true);
  });

  it('writes every event in a valid wire shape, in the field order of events.ts, and nothing more', () => {
    for (const { event } of events) {
      const parsed = parseHandoverEvent(JSON.parse(JSON.stringify(event)));
      if (!parsed.ok) expect.fail(`${event.type}: ${JSON.stringify(parsed.error)}`);
      expect(keyOrderProblem(event)).toBeUndefined();
    }
  });

  it('keeps every timeline rule, and the domain reducer accepts every event', () => {
    expect(timelineProblems(events)).toEqual([]);
    expect(foldThroughDomain(events).refusals).toEqual([]);
  });

  it('keeps the rules for any seed and window', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 365 * 24 }),
        fc.integer({ min: 1, max: 36 }),
        fc.subarray(BUSY_SITES, { minLength: 1, maxLength: 3 }),
        (seed, startHour, hours, sites) => {
          const from = Date.UTC(2026, 0, 1) + startHour * HOUR_MS;
          const generated = generateTraffic(options({ seed, from, to: from + hours * HOUR_MS, sites }));
          expect(timelineProblems(generated)).toEqual([]);
          expect(foldThroughDomain(generated).refusals).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('sends each event as the party that records it, the ED in London time with its offset', () => {
    for (const { event, sendAs } of events) {
      const expected =
        event.type === 'release_requested'
          ? 'control'
          : event.type === 'release_responded' || (event.type === 'handed_over' && event.by === 'ed')
            ? 'ed'
            : event.type === 'corrected'
              ? sendAs
              : 'feed';
      expect(sendAs).toBe(expected);
      expect(event.at).toMatch(sendAs === 'ed' ? /\+00:00$/ : /Z$/);
    }
    const summer = generateTraffic(
      options({ from: Date.UTC(2026, 6, 13, 8), to: Date.UTC(2026, 6, 13, 12) }),
    );
    const edStamp = summer.find(({ sendAs }) => sendAs === 'ed');
    expect(edStamp?.event.at).toMatch(/\+01:00$/);
  });

  it('sends a pre-alert 10 to 20 minutes ahead for about 10% of handovers, expecting the arrival', () => {
    const etas = byType(events, 'eta');
    expect(etas.length / handovers.size).toBeGreaterThan(0.07);
    expect(etas.length / handovers.size).toBeLessThan(0.13);
    for (const eta of etas) {
      const arrival = handovers.get(eta.handoverId)?.find((event) => event.type === 'arrived');
      expect(arrival?.at).toBe(eta.expectedAt);
      const lead = (Date.parse(eta.expectedAt) - Date.parse(eta.at)) / MINUTE_MS;
      expect(lead).toBeGreaterThanOrEqual(10);
      expect(lead).toBeLessThanOrEqual(20);
    }
  });

  it('has crew and ED stamps usually within 2 minutes, about 2% disputed, about 3% never stamped', () => {
    let both = 0;
    let close = 0;
    let disputed = 0;
    let unstamped = 0;
    let real = 0;
    for (const list of handovers.values()) {
      if (list.some((event) => event.type === 'cancelled')) continue;
      real += 1;
      const crew = list.find((event) => event.type === 'handed_over' && event.by === 'crew');
      const ed = list.find((event) => event.type === 'handed_over' && event.by === 'ed');
      if (crew === undefined && ed === undefined) unstamped += 1;
      if (crew === undefined || ed === undefined) continue;
      both += 1;
      const gap = Math.abs(Date.parse(crew.at) - Date.parse(ed.at)) / MINUTE_MS;
      if (gap <= 2) close += 1;
      if (gap > 5) disputed += 1;
    }
    expect(close / both).toBeGreaterThan(0.95);
    expect(disputed / both).toBeGreaterThan(0.005);
    expect(disputed / both).toBeLessThan(0.04);
    expect(unstamped / real).toBeGreaterThan(0.003);
    expect(unstamped / real).toBeLessThan(0.06);
  });

  it('clears crews 10 to 20 minutes after handover, or before it when cohorted', () => {
    const { handovers: folded } = foldThroughDomain(events);
    let cohorted = 0;
    for (const handover of folded.values()) {
      const { crewHandedOverAt, clearedAt, edHandedOverAt } = handover;
      if (clearedAt === undefined || handover.corrections.length > 0) continue;
      if (crewHandedOverAt !== undefined) {
        const gap = (clearedAt - crewHandedOverAt) / MINUTE_MS;
        expect(gap).toBeGreaterThanOrEqual(10);
        expect(gap).toBeLessThanOrEqual(20);
      } else if (edHandedOverAt !== undefined && clearedAt < edHandedOverAt) {
        cohorted += 1;
      }
    }
    // Birmingham and Plymouth queues pass 6 most days: cohorting must happen.
    expect(cohorted).toBeGreaterThan(10);
  });

  it('brings 2 or 3 patients in one vehicle now and then, each a handover of its own', () => {
    const vehicles = new Map<string, Set<string>>();
    for (const arrival of byType(events, 'arrived')) {
      const key = `${arrival.siteCode} ${arrival.callsign} ${arrival.at}`;
      vehicles.set(key, (vehicles.get(key) ?? new Set()).add(arrival.handoverId));
    }
    const shared = [...vehicles.values()].filter((ids) => ids.size > 1);
    expect(shared.length).toBeGreaterThan(5);
    expect(Math.max(...shared.map((ids) => ids.size))).toBeLessThanOrEqual(3);
  });

  it('asks for release only after 45 minutes and answers within 2 to 10 minutes', () => {
    const requests = byType(events, 'release_requested');
    expect(requests.length).toBeGreaterThan(20);
    for (const request of requests) {
      const list = handovers.get(request.handoverId) ?? [];
      const response = list.find((event) => event.type === 'release_responded');
      const wait = (Date.parse(response?.at ?? '') - Date.parse(request.at)) / MINUTE_MS;
      expect(wait).toBeGreaterThanOrEqual(2);
      expect(wait).toBeLessThanOrEqual(10);
    }
    const outcomes = new Set(byType(events, 'release_responded').map((response) => response.outcome));
    expect(outcomes).toEqual(new Set(['released', 'declined']));
  });

  it('corrects about 1% hours later with a reason, and cancels about 0.5% as errors or duplicates', () => {
    const corrections = byType(events, 'corrected');
    expect(corrections.length / handovers.size).toBeGreaterThan(0.003);
    expect(corrections.length / handovers.size).toBeLessThan(0.02);
    for (const correction of corrections) {
      const others = (handovers.get(correction.handoverId) ?? []).filter((event) => event !== correction);
      const lastOther = Math.max(...others.map((event) => Date.parse(event.at)));
      expect(Date.parse(correction.at) - lastOther).toBeGreaterThanOrEqual(HOUR_MS);
    }
    const cancellations = byType(events, 'cancelled');
    expect(cancellations.length / handovers.size).toBeGreaterThan(0.001);
    expect(cancellations.length / handovers.size).toBeLessThan(0.012);
    for (const cancellation of cancellations)
      expect(['duplicate', 'entered_in_error']).toContain(cancellation.reason);
  });

  it('refuses a window that ends before it starts, and an unknown site', () => {
    expect(() => generateTraffic(options({ to: MONDAY.start }))).toThrow(RangeError);
    expect(() => generateTraffic(options({ sites: ['XXXXX'] }))).toThrow(/XXXXX/);
  });

  it('does not repeat a site named twice', () => {
    const once = generateTraffic(options({ sites: ['RC971'] }));
    expect(generateTraffic(options({ sites: ['RC971', 'RC971'] }))).toEqual(once);
  });
});

describe('generateDay', () => {
  it('covers a London calendar day, including a 25-hour clock-change day', () => {
    const day = generateDay({ seed: 1, date: '2026-10-25', organisations, calibration, sites: ['RC971'] });
    expect(day.period.end - day.period.start).toBe(25 * HOUR_MS);
    const arrivals = byType(day.events, 'arrived').map((event) => Date.parse(event.at));
    expect(Math.min(...arrivals)).toBeGreaterThanOrEqual(day.period.start);
    expect(Math.max(...arrivals)).toBeLessThan(day.period.end);
    expect(foldThroughDomain(day.events).refusals).toEqual([]);
  });
});
