import type { HandoverEvent } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import type { GeneratedEvent } from '../wire-events';
import { foldThroughDomain, keyOrderProblem, timelineProblems } from './rules';

// The checker is only worth its passes if it fails bad traffic: a few hand-made wrong timelines.
const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const arrived: HandoverEvent = {
  type: 'arrived',
  eventId: id(1),
  handoverId: id(100),
  at: '2026-01-12T10:00:00Z',
  siteCode: 'RRK15',
  ambulanceTrustCode: 'RYA',
  callsign: 'RYA 1234',
};
const feed = (event: HandoverEvent): GeneratedEvent => ({ event, sendAs: 'feed' });

describe('test-support rules', () => {
  it('finds a handover stamped before arrival and a response without a request', () => {
    const events = [
      feed({
        type: 'handed_over',
        eventId: id(2),
        handoverId: id(100),
        at: '2026-01-12T09:59:00Z',
        by: 'crew',
      }),
      feed(arrived),
      feed({
        type: 'release_responded',
        eventId: id(3),
        handoverId: id(100),
        at: '2026-01-12T10:50:00Z',
        outcome: 'released',
      }),
    ];
    expect(timelineProblems(events).join('\n')).toMatch(
      /starts with handed_over[\s\S]*release response without request/,
    );
    expect(foldThroughDomain(events).refusals).toHaveLength(2);
  });

  it('finds events after a cancellation and a repeated eventId', () => {
    const events = [
      feed(arrived),
      feed({
        type: 'cancelled',
        eventId: id(2),
        handoverId: id(100),
        at: '2026-01-12T10:05:00Z',
        reason: 'duplicate',
      }),
      feed({ type: 'cleared', eventId: id(2), handoverId: id(100), at: '2026-01-12T10:06:00Z' }),
    ];
    expect(timelineProblems(events).join('\n')).toMatch(/repeated[\s\S]*cleared after cancelled/);
  });

  it('finds fields out of wire order', () => {
    const { type: _type, ...rest } = arrived;
    expect(keyOrderProblem({ ...rest, type: 'arrived' } as HandoverEvent)).toMatch(/arrived keys/);
    expect(keyOrderProblem(arrived)).toBeUndefined();
  });
});
