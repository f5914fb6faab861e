import { ENGLAND_2025 } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { MINUTE, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { boardView, pendingReleaseRequest } from './board-view';

const actor = { credentialId: 'c', role: 'control', label: 'Control' };

describe('board view', () => {
  it('splits a site’s handovers into waiting, awaiting clear and inbound, each in reading order', () => {
    const now = T0 + 60 * MINUTE;
    const view = boardView(
      [
        waitingHandover('late', T0 + 30 * MINUTE),
        waitingHandover('early', T0 + 10 * MINUTE, { state: 'cohorted' }),
        waitingHandover('done', T0, { state: 'handed_over', edHandedOverAt: T0 + 20 * MINUTE }),
        waitingHandover('closed', T0, {
          state: 'closed',
          edHandedOverAt: T0 + MINUTE,
          clearedAt: T0 + 2 * MINUTE,
        }),
        waitingHandover('elsewhere', T0, { siteCode: 'RRK97' }),
        waitingHandover('second-eta', T0, {
          state: 'inbound',
          arrivedAt: undefined,
          expectedAt: now + 9 * MINUTE,
        }),
        waitingHandover('first-eta', T0, {
          state: 'inbound',
          arrivedAt: undefined,
          expectedAt: now + 3 * MINUTE,
        }),
        waitingHandover('cancelled', T0, { state: 'cancelled' }),
      ],
      'RRK15',
      now,
      ENGLAND_2025,
    );
    expect(view.waiting.map((h) => h.handoverId)).toEqual(['early', 'late']);
    expect(view.awaitingClear.map((h) => h.handoverId)).toEqual(['done']);
    expect(view.inbound.map((h) => h.handoverId)).toEqual(['first-eta', 'second-eta']);
  });

  it('leaves out clocks stale for a day (a missing stamp, not a patient) and long-gone crews', () => {
    const now = T0 + 25 * 60 * MINUTE;
    const view = boardView(
      [
        waitingHandover('stale', T0),
        waitingHandover('old-handover', T0, { state: 'handed_over', edHandedOverAt: T0 + 20 * MINUTE }),
      ],
      'RRK15',
      now,
      ENGLAND_2025,
    );
    expect(view.waiting).toEqual([]);
    expect(view.awaitingClear).toEqual([]);
  });

  it('finds an unanswered release request only', () => {
    const open = waitingHandover('a', T0, {
      releaseRequests: [{ requestedAt: T0 + MINUTE, requestedBy: actor }],
    });
    const answered = waitingHandover('b', T0, {
      releaseRequests: [
        { requestedAt: T0, requestedBy: actor, respondedAt: T0 + MINUTE, outcome: 'declined' },
      ],
    });
    expect(pendingReleaseRequest(open)?.requestedAt).toBe(T0 + MINUTE);
    expect(pendingReleaseRequest(answered)).toBeUndefined();
  });
});
