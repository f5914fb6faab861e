import type { Actor } from '../events';
import type { Handover } from '../handover';

/** The actor of hand-built test handovers. */
export const TEST_ACTOR: Actor = { credentialId: 'c1', role: 'ed', label: 'ED tablet' };

/**
 * A maker of hand-built handovers: a waiting crew at RRK15 from RYA, with the test's own defaults
 * (its arrival time, say) and then each call's overrides on top.
 */
export function handoverFactory(defaults: Partial<Handover>): (overrides?: Partial<Handover>) => Handover {
  return (overrides = {}) => ({
    handoverId: 'h',
    siteCode: 'RRK15',
    ambulanceTrustCode: 'RYA',
    callsign: 'WM101',
    state: 'waiting',
    preAlerted: false,
    releaseRequests: [],
    corrections: [],
    eventIds: [],
    lastCursor: '0',
    ...defaults,
    ...overrides,
  });
}
