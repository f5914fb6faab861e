import { describe, expect, it } from 'vitest';
import {
  arrivedEvent,
  clearedEvent,
  handedOverEvent,
  MINUTE,
  T0,
  waitingHandover,
} from '../../test-support/handover-fixtures';
import { withPendingEvents } from './pending-overlay';
import { instantOfTypedTime } from './typed-time';

describe('unsent events shown on the entry page', () => {
  it('applies this tablet’s unsent events over the server’s state with the domain reducer', () => {
    const server = new Map([['a', waitingHandover('a', T0)]]);
    const overlay = withPendingEvents(
      server,
      [arrivedEvent('b', T0 + MINUTE), handedOverEvent('a', T0 + 5 * MINUTE)],
      T0,
    );
    expect(overlay.handovers.get('b')?.state).toBe('waiting');
    expect(overlay.handovers.get('a')?.state).toBe('handed_over');
    expect([...overlay.unsent].sort()).toEqual(['a', 'b']);
    expect(server.get('a')?.state).toBe('waiting');
  });

  it('leaves out what the domain would refuse, and marks nothing when all is sent', () => {
    const server = new Map([['a', waitingHandover('a', T0)]]);
    const overlay = withPendingEvents(server, [clearedEvent('unknown', T0)], T0);
    expect(overlay.handovers.has('unknown')).toBe(false);
    expect(overlay.unsent.size).toBe(0);
    expect(withPendingEvents(server, [], T0).handovers).toBe(server);
  });
});

describe('typed arrival times', () => {
  const now = Date.parse('2026-01-12T14:30:00Z');

  it('reads a time as today’s on the London clock', () => {
    expect(instantOfTypedTime('14:05', now)).toBe(Date.parse('2026-01-12T14:05:00Z'));
    expect(instantOfTypedTime('14:31', now)).toBe(Date.parse('2026-01-12T14:31:00Z'));
  });

  it('reads a time later than now as yesterday’s (recorded just after midnight)', () => {
    const justAfterMidnight = Date.parse('2026-01-13T00:05:00Z');
    expect(instantOfTypedTime('23:58', justAfterMidnight)).toBe(Date.parse('2026-01-12T23:58:00Z'));
  });

  it('uses British Summer Time in summer and refuses what is not a time', () => {
    expect(instantOfTypedTime('09:00', Date.parse('2026-07-01T12:00:00Z'))).toBe(
      Date.parse('2026-07-01T08:00:00Z'),
    );
    expect(instantOfTypedTime('9am', now)).toBeNull();
    expect(instantOfTypedTime('24:00', now)).toBeNull();
  });
});
