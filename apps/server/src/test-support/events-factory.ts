import { randomUUID } from 'node:crypto';
import type { ArrivedEvent, HandoverEvent } from '@handover/domain';

/** Builds wire events for tests: a fresh handover at RRK15 conveyed by RYA unless told otherwise. */
export function arrival(at: number, overrides: Partial<ArrivedEvent> = {}): ArrivedEvent {
  return {
    type: 'arrived',
    eventId: randomUUID(),
    handoverId: randomUUID(),
    at: new Date(at).toISOString(),
    siteCode: 'RRK15',
    ambulanceTrustCode: 'RYA',
    callsign: 'WM 101',
    category: 2,
    ...overrides,
  };
}

type Follow = Exclude<HandoverEvent['type'], 'arrived' | 'eta'>;

export function follow<T extends Follow>(
  handoverId: string,
  type: T,
  at: number,
  fields: Omit<Extract<HandoverEvent, { type: T }>, 'type' | 'eventId' | 'handoverId' | 'at'>,
): Extract<HandoverEvent, { type: T }> {
  return { type, eventId: randomUUID(), handoverId, at: new Date(at).toISOString(), ...fields } as Extract<
    HandoverEvent,
    { type: T }
  >;
}
