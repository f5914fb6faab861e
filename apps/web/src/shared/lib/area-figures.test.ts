import { calendarDay, ENGLAND_2025, localDateOf } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { MINUTE, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { aggregateBySite, areaFigures, emptyAggregate, mergeSiteAggregates } from './area-figures';

const NOW = T0 + 3 * 60 * MINUTE;
const context = { now: NOW, thresholds: ENGLAND_2025, today: calendarDay(localDateOf(NOW)) };

const handovers = [
  waitingHandover('a', NOW - 50 * MINUTE, { siteCode: 'RRK15' }),
  waitingHandover('b', NOW - 10 * MINUTE, { siteCode: 'RRK15' }),
  // Cohorted: the crew has left, the patient still waits; not a crew held.
  waitingHandover('c', NOW - 90 * MINUTE, {
    siteCode: 'RRK15',
    state: 'cohorted',
    clearedAt: NOW - 80 * MINUTE,
  }),
  waitingHandover('d', NOW - 40 * MINUTE, {
    siteCode: 'RRK97',
    state: 'handed_over',
    edHandedOverAt: NOW - 5 * MINUTE,
  }),
  waitingHandover('e', NOW - 20 * MINUTE, { siteCode: 'RRK97' }),
];

describe('per-site aggregation', () => {
  it('groups by site once and counts crews held apart from cohorted patients', () => {
    const bySite = aggregateBySite(handovers, context);
    expect([...bySite.keys()].sort()).toEqual(['RRK15', 'RRK97']);
    const qe = areaFigures(bySite.get('RRK15') ?? emptyAggregate('RRK15'), ENGLAND_2025);
    expect(qe.heldNow).toBe(2);
    expect(qe.cohortedNow).toBe(1);
    expect(qe.longestWaitMs).toBe(50 * MINUTE);
    expect(qe.over45Now).toBe(1);
    // Beyond 15 minutes: 35 min for a, nothing for b; the cohorted patient holds no crew.
    expect(qe.hoursLostNowMs).toBe(35 * MINUTE);
  });

  it('adds today’s completed handovers to the time being lost now', () => {
    const heartlands = areaFigures(
      aggregateBySite(handovers, context).get('RRK97') ?? emptyAggregate(''),
      ENGLAND_2025,
    );
    // d took 35 min (20 lost); e has waited 20 min (5 lost so far).
    expect(heartlands.today.known).toBe(1);
    expect(heartlands.hoursLostNowMs).toBe(5 * MINUTE);
    expect(heartlands.hoursLostTodayMs).toBe(25 * MINUTE);
  });

  it('rolls sites up so a group equals the union of its sites', () => {
    const bySite = aggregateBySite(handovers, context);
    const merged = areaFigures(mergeSiteAggregates('RRK', bySite.values()), ENGLAND_2025);
    const [whole] = aggregateBySite(
      handovers.map((handover) => ({ ...handover, siteCode: 'ALL01' })),
      context,
    ).values();
    expect(merged).toEqual(areaFigures(whole ?? emptyAggregate(''), ENGLAND_2025));
    expect(merged.heldNow).toBe(3);
    expect(merged.longestWaitMs).toBe(50 * MINUTE);
  });

  it('leaves the sites it merges unchanged, so each refresh can merge them again', () => {
    const bySite = aggregateBySite(handovers, context);
    const before = structuredClone([...bySite.values()]);
    mergeSiteAggregates('first', bySite.values());
    const again = areaFigures(mergeSiteAggregates('second', bySite.values()), ENGLAND_2025);
    expect([...bySite.values()]).toEqual(before);
    expect(again.heldNow).toBe(3);
    expect(again.today.known).toBe(1);
  });

  it('gives a quiet site empty figures', () => {
    const figures = areaFigures(emptyAggregate('RRK98'), ENGLAND_2025);
    expect(figures).toMatchObject({ heldNow: 0, longestWaitMs: null, hoursLostTodayMs: 0 });
    expect(figures.today.within15Share).toBeNull();
  });
});
