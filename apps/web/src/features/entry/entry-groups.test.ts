import { ENGLAND_2025 } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { MINUTE, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { entryGroups } from './entry-groups';

const NOW = T0;
const HOUR = 60 * MINUTE;
const ids = (list: readonly { handoverId: string }[]) => list.map((handover) => handover.handoverId);

describe('the entry tablet’s groups', () => {
  it('lists today’s arrivals first, pre-alerts next, and records open for over a day last', () => {
    const groups = entryGroups(
      [
        waitingHandover('month-old', NOW - 720 * HOUR),
        waitingHandover('recent', NOW - 20 * MINUTE),
        waitingHandover('week-old', NOW - 142 * HOUR, { state: 'cohorted', clearedAt: NOW - 141 * HOUR }),
        waitingHandover('pre-alert', NOW, {
          state: 'inbound',
          arrivedAt: undefined,
          expectedAt: NOW + 10 * MINUTE,
        }),
        waitingHandover('last-night', NOW - 23 * HOUR),
      ],
      'RRK15',
      NOW,
      ENGLAND_2025,
    );
    expect(ids(groups.atEd)).toEqual(['last-night', 'recent']);
    expect(ids(groups.expected)).toEqual(['pre-alert']);
    expect(ids(groups.older)).toEqual(['month-old', 'week-old']);
  });

  it('counts as at the ED only ambulances that have arrived', () => {
    const groups = entryGroups(
      [
        waitingHandover('here', NOW - 5 * MINUTE),
        waitingHandover('coming', NOW, {
          state: 'inbound',
          arrivedAt: undefined,
          expectedAt: NOW - 5 * MINUTE,
        }),
        waitingHandover('lost pre-alert', NOW, {
          state: 'inbound',
          arrivedAt: undefined,
          expectedAt: NOW - 30 * HOUR,
        }),
      ],
      'RRK15',
      NOW,
      ENGLAND_2025,
    );
    expect(ids(groups.atEd)).toEqual(['here']);
    expect(ids(groups.expected)).toEqual(['coming']);
    expect(ids(groups.older)).toEqual(['lost pre-alert']);
  });

  it('leaves out other sites, closed handovers and crews handed over long ago', () => {
    const groups = entryGroups(
      [
        waitingHandover('elsewhere', NOW - 5 * MINUTE, { siteCode: 'RQ301' }),
        waitingHandover('closed', NOW - HOUR, { state: 'closed', clearedAt: NOW - 10 * MINUTE }),
        waitingHandover('gone', NOW - 5 * HOUR, { state: 'handed_over', edHandedOverAt: NOW - 4 * HOUR }),
        waitingHandover('at the door', NOW - HOUR, {
          state: 'handed_over',
          edHandedOverAt: NOW - 30 * MINUTE,
        }),
      ],
      'RRK15',
      NOW,
      ENGLAND_2025,
    );
    expect(ids(groups.atEd)).toEqual(['at the door']);
    expect(groups.expected).toEqual([]);
    expect(groups.older).toEqual([]);
  });
});
