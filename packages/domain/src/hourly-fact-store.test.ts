import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Handover } from './handover';
import { HourlyFactStore } from './hourly-fact-store';
import { emptyPartial, finaliseMetrics, partialForPeriod } from './metrics';
import type { Period } from './period';
import { mergeAllPartials } from './report-tables';
import { EventLog } from './test-support/event-log';
import { handoverArb, handoversArb } from './test-support/random-handovers';
import { ENGLAND_2025, ENGLAND_THRESHOLDS, HOUR_MS, MINUTE_MS, type ThresholdsTable } from './thresholds';

const T0 = Date.parse('2026-01-12T00:00:00Z');
const M = MINUTE_MS;
const thresholds = ENGLAND_2025;

function storeOf(handovers: readonly Handover[], table: ThresholdsTable = ENGLAND_THRESHOLDS) {
  const store = new HourlyFactStore(table);
  for (const handover of handovers) store.replace(undefined, handover);
  return store;
}

const periodArb: fc.Arbitrary<Period> = fc
  .tuple(fc.integer({ min: -3 * HOUR_MS, max: 27 * HOUR_MS }), fc.integer({ min: 1, max: 30 * HOUR_MS }))
  .map(([start, length]) => ({ start: T0 + start, end: T0 + start + length }));
const asAtArb = fc.integer({ min: 0, max: 50 * HOUR_MS }).map((offset) => T0 + offset);

describe('HourlyFactStore', () => {
  it('gives every (site, ambulance trust) group exactly the partial computed from its handovers', () => {
    fc.assert(
      fc.property(handoversArb({ base: T0 }), periodArb, asAtArb, (handovers, period, asAt) => {
        const groups = storeOf(handovers).partialsByGroup(period, asAt);
        const keys = new Set<string>();
        for (const group of groups) {
          const members = handovers.filter(
            (h) => h.siteCode === group.siteCode && h.ambulanceTrustCode === group.ambulanceTrustCode,
          );
          const expected = partialForPeriod(members, period, { now: asAt, thresholds });
          expect(finaliseMetrics(group.partial, thresholds)).toEqual(finaliseMetrics(expected, thresholds));
          keys.add(`${group.siteCode}/${group.ambulanceTrustCode}`);
        }
        // Every group with a counted handover in the period is there, and no other.
        const counted = (h: Handover) => {
          const p = partialForPeriod([h], period, { now: asAt, thresholds });
          return p.known + p.unknown + p.stillOpen > 0;
        };
        const expectedKeys = new Set(
          handovers.filter(counted).map((h) => `${h.siteCode}/${h.ambulanceTrustCode}`),
        );
        expect(keys).toEqual(expectedKeys);
      }),
      { numRuns: 300 },
    );
  });

  it('after any sequence of changes holds exactly the facts of the latest handovers', () => {
    fc.assert(
      fc.property(handoversArb({ base: T0 }, 20), handoversArb({ base: T0 }, 20), (first, second) => {
        const store = storeOf(first);
        // Each handover of `first` becomes its namesake in `second`, or disappears (cancelled).
        for (const [index, before] of first.entries()) store.replace(before, second[index]);
        for (const after of second.slice(first.length)) store.replace(undefined, after);
        const rebuilt = storeOf(second);
        const period = { start: T0 - 3 * HOUR_MS, end: T0 + 31 * HOUR_MS };
        const asAt = T0 + 30 * HOUR_MS;
        const total = (s: HourlyFactStore) =>
          finaliseMetrics(
            mergeAllPartials(s.partialsByGroup(period, asAt).map((g) => g.partial)),
            thresholds,
          );
        expect(store.size).toBe(rebuilt.size);
        expect(total(store)).toEqual(total(rebuilt));
      }),
      { numRuns: 200 },
    );
  });

  it('finds the right fact among many in one hour that share arrival instants and sites', () => {
    // A burst: every arrival in one hour, on a few instants, so many facts share (offset, site).
    const crowded = handoverArb({ base: T0 }).chain((handover) =>
      fc
        .constantFrom(0, 1, 1000, 60_000)
        .map((offset): Handover => ({ ...handover, arrivedAt: handover.arrivedAt && T0 + offset })),
    );
    const pairs = fc
      .array(fc.tuple(crowded, crowded), { minLength: 40, maxLength: 150 })
      .chain((changes) => fc.shuffledSubarray(changes, { minLength: changes.length }));
    fc.assert(
      fc.property(pairs, (changes) => {
        const store = storeOf(changes.map(([before]) => before));
        // In shuffled order, so removals take slots from anywhere and move the last one into them.
        for (const [before, after] of changes) store.replace(before, after);
        const rebuilt = storeOf(changes.map(([, after]) => after));
        const period = { start: T0, end: T0 + HOUR_MS };
        const byGroup = (s: HourlyFactStore) =>
          s
            .partialsByGroup(period, T0 + 2 * HOUR_MS)
            .map(
              (g) =>
                `${g.siteCode}/${g.ambulanceTrustCode} ${JSON.stringify(finaliseMetrics(g.partial, thresholds))}`,
            )
            .sort();
        expect(store.size).toBe(rebuilt.size);
        expect(byGroup(store)).toEqual(byGroup(rebuilt));
      }),
      { numRuns: 100 },
    );
  });

  it('follows a handover through its events, leaving one fact per counted handover', () => {
    const store = new HourlyFactStore(ENGLAND_THRESHOLDS);
    const log = new EventLog(store);
    const id = log.arrive(T0 + 10 * M);
    expect(store.size).toBe(1);
    log.handOver(id, T0 + 40 * M, T0 + 41 * M);
    log.follow(id, 'cleared', T0 + 50 * M, {});
    log.follow(id, 'corrected', T0 + 60 * M, {
      field: 'crewHandedOverAt',
      value: new Date(T0 + 20 * M).toISOString(),
      reason: 'stamped late',
    });
    expect(store.size).toBe(1);
    const [group] = store.partialsByGroup({ start: T0, end: T0 + HOUR_MS }, T0 + 2 * HOUR_MS);
    const metrics = finaliseMetrics(group?.partial ?? emptyPartial(), thresholds);
    // Corrected crew stamp 10 min after arrival; the ED's stays at 31 min: 21 min apart, disputed.
    expect(metrics).toMatchObject({
      known: 1,
      over15: 0,
      totalHandoverMs: 10 * M,
      disputed: 1,
      corrected: 1,
    });
    const other = log.arrive(T0 + 20 * M);
    log.follow(other, 'cancelled', T0 + 21 * M, { reason: 'duplicate' });
    expect(store.size).toBe(1);
  });

  it('answers a period to the millisecond, whatever the hour boundaries', () => {
    const store = new HourlyFactStore(ENGLAND_THRESHOLDS);
    const log = new EventLog(store);
    for (const minute of [59, 60, 61]) log.handOver(log.arrive(T0 + minute * M), T0 + (minute + 5) * M);
    const count = (start: number, end: number) =>
      store.partialsByGroup({ start, end }, T0 + 3 * HOUR_MS).reduce((n, g) => n + g.partial.known, 0);
    expect(count(T0, T0 + 60 * M)).toBe(1);
    expect(count(T0 + 60 * M, T0 + 61 * M)).toBe(1);
    expect(count(T0 + 60 * M, T0 + 60 * M + 1)).toBe(1);
    expect(count(T0 + 59 * M + 1, T0 + 61 * M)).toBe(1);
    expect(count(T0, T0 + 2 * HOUR_MS)).toBe(3);
  });

  it('narrows to the groups a scope includes', () => {
    const store = new HourlyFactStore(ENGLAND_THRESHOLDS);
    const log = new EventLog(store);
    log.arrive(T0, { site: 'RRK15', ambulanceTrust: 'RYA' });
    log.arrive(T0, { site: 'RRK97', ambulanceTrust: 'RYA' });
    log.arrive(T0, { site: 'RRK15', ambulanceTrust: 'RX6' });
    const groups = store.partialsByGroup({ start: T0, end: T0 + HOUR_MS }, T0, (_, trust) => trust === 'RYA');
    expect(groups.map((g) => g.siteCode).sort()).toEqual(['RRK15', 'RRK97']);
  });

  it('refuses to remove a contribution it does not hold', () => {
    const store = new HourlyFactStore(ENGLAND_THRESHOLDS);
    const log = new EventLog();
    const id = log.arrive(T0);
    const handover = log.handovers.get(id);
    if (handover === undefined) throw new Error('no handover');
    const fact = store.factOf(handover);
    if (fact === undefined) throw new Error('no fact');
    expect(store.remove(fact)).toBe(false);
    expect(() => store.replace(handover, { ...handover, crewHandedOverAt: T0 + M })).toThrow(
      /no contribution/,
    );
    store.add(fact);
    expect(store.remove({ ...fact, siteCode: 'NOPE1' })).toBe(false);
    expect(store.remove({ ...fact, arrivedAt: fact.arrivedAt + 1 })).toBe(false);
    expect(store.remove(fact)).toBe(true);
    expect(store.stats()).toEqual({ facts: 0, hours: 0, bytes: 0 });
  });

  it('keeps release requests with their facts when slots move', () => {
    const store = new HourlyFactStore(ENGLAND_THRESHOLDS);
    const log = new EventLog(store);
    const ids = [log.arrive(T0 + M), log.arrive(T0 + 2 * M), log.arrive(T0 + 3 * M)];
    for (const [index, id] of ids.entries()) {
      log.follow(id, 'release_requested', T0 + 30 * M, {});
      log.follow(id, 'release_responded', T0 + (31 + index) * M, { outcome: 'released' });
    }
    log.follow(ids[0] ?? '', 'cancelled', T0 + 40 * M, { reason: 'entered_in_error' });
    const [group] = store.partialsByGroup({ start: T0, end: T0 + HOUR_MS }, T0 + 41 * M);
    expect(group?.partial.releaseResponseMs.sort()).toEqual([2 * M, 3 * M]);
    expect(store.stats()).toMatchObject({ facts: 2, hours: 1 });
    expect(store.stats().bytes).toBeGreaterThan(0);
  });

  it('grows past its initial capacity', () => {
    const store = new HourlyFactStore(ENGLAND_THRESHOLDS);
    const log = new EventLog(store);
    for (let i = 0; i < 100; i++) log.handOver(log.arrive(T0 + i * 1000), T0 + i * 1000 + 20 * M);
    const [group] = store.partialsByGroup({ start: T0, end: T0 + HOUR_MS }, T0 + HOUR_MS);
    expect(group?.partial.known).toBe(100);
    expect(group?.partial.overBands[0]).toBe(100);
  });

  it('judges each handover by the thresholds in force at its arrival, even mid-hour', () => {
    const stricter = {
      ...ENGLAND_2025,
      version: 'stricter',
      effectiveFrom: T0 + 30 * M,
      bandMinutes: [10, 30, 45, 60] as const,
    };
    const table: ThresholdsTable = [{ ...ENGLAND_2025, effectiveFrom: 0 }, stricter];
    const store = new HourlyFactStore(table);
    const log = new EventLog(store);
    log.handOver(log.arrive(T0 + 10 * M), T0 + 22 * M);
    log.handOver(log.arrive(T0 + 40 * M), T0 + 52 * M);
    log.handOver(log.arrive(T0 + HOUR_MS), T0 + HOUR_MS + 12 * M);
    const [group] = store.partialsByGroup({ start: T0, end: T0 + 2 * HOUR_MS }, T0 + 3 * HOUR_MS);
    // 12 minutes each: within 15 under the old rules, over 10 under the new ones (from 00:30).
    expect(group?.partial.overBands[0]).toBe(2);
    expect(store.thresholdsFor(T0).version).toBe('england-2025-26');
    expect(store.thresholdsFor(T0 + HOUR_MS).version).toBe('stricter');
  });
});
