import { calendarDay, ENGLAND_2025, localDateOf } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { MINUTE, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { directoryFixture } from '../../test-support/organisations-fixture';
import { controlView } from './control-view';

const NOW = T0 + 4 * 60 * MINUTE;
const context = { now: NOW, thresholds: ENGLAND_2025, today: calendarDay(localDateOf(NOW)) };

describe('control room view', () => {
  const handovers = [
    // Heartlands: one crew past 60 minutes.
    waitingHandover('h1', NOW - 65 * MINUTE, { siteCode: 'RRK97' }),
    // Queen Elizabeth: three crews, the longest only past 30, but more of them.
    waitingHandover('q1', NOW - 40 * MINUTE, { siteCode: 'RRK15' }),
    waitingHandover('q2', NOW - 35 * MINUTE, { siteCode: 'RRK15' }),
    waitingHandover('q3', NOW - 5 * MINUTE, { siteCode: 'RRK15' }),
    // A crew handed over and not yet clear: at the hospital, not held.
    waitingHandover('x1', NOW - 30 * MINUTE, {
      siteCode: 'RRK98',
      state: 'handed_over',
      edHandedOverAt: NOW - 10 * MINUTE,
    }),
    // Visited earlier today, nobody there now.
    waitingHandover('z1', NOW - 120 * MINUTE, {
      siteCode: 'RRK99',
      state: 'closed',
      edHandedOverAt: NOW - 110 * MINUTE,
      clearedAt: NOW - 100 * MINUTE,
    }),
    // Cohorted: the crew has gone.
    waitingHandover('c1', NOW - 90 * MINUTE, {
      siteCode: 'RRK15',
      state: 'cohorted',
      clearedAt: NOW - 70 * MINUTE,
    }),
  ];

  it('lists every site its crews are at, most pressed first, and the quiet ones apart', () => {
    const view = controlView(handovers, context, directoryFixture);
    expect(
      view.active.map((row) => [row.siteCode, row.pressure, row.figures.heldNow, row.awaitingClear]),
    ).toEqual([
      ['RRK97', 'over_60', 1, 0],
      ['RRK15', 'over_30', 3, 0],
      ['RRK98', 'none', 0, 1],
    ]);
    expect(view.quiet.map((row) => row.siteCode)).toEqual(['RRK99']);
    expect(view.active[0]?.name).toBe('Heartlands Hospital');
    expect(view.active[0]?.trustName).toBe('University Hospitals Birmingham NHS Foundation Trust');
  });

  it('aggregates per site: hours lost now and today, and the trust total', () => {
    const view = controlView(handovers, context, directoryFixture);
    const qe = view.active.find((row) => row.siteCode === 'RRK15');
    // 25 + 20 minutes beyond 15 for q1 and q2; the cohorted patient holds no crew.
    expect(qe?.figures.hoursLostNowMs).toBe(45 * MINUTE);
    expect(qe?.figures.cohortedNow).toBe(1);
    expect(view.totals.heldNow).toBe(4);
    expect(view.totals.longestWaitMs).toBe(65 * MINUTE);
    // Completed today: x1 (20 min, 5 lost) and z1 (10 min); held now: 50 + 25 + 20.
    expect(view.totals.hoursLostTodayMs).toBe((5 + 50 + 25 + 20) * MINUTE);
  });

  it('lists the crews held, longest first, leaving out cohorted and stale ones', () => {
    const stale = waitingHandover('old', NOW - 25 * 60 * MINUTE);
    const view = controlView([...handovers, stale], context, directoryFixture);
    expect(view.held.map((handover) => handover.handoverId)).toEqual(['h1', 'q1', 'q2', 'q3']);
  });
});
