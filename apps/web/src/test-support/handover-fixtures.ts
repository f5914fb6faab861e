import type { Actor, Handover, HandoverEvent, RecordedEvent } from '@handover/domain';

/** Builders for handover events and states in tests. Times are epoch ms; ids are readable, not UUIDs. */
export const T0 = Date.parse('2026-01-12T10:00:00Z');
export const MINUTE = 60_000;

const actor: Actor = { credentialId: 'test', role: 'ed', label: 'Test ED' };
const iso = (ms: number) => new Date(ms).toISOString();

let sequence = 0;

export function recorded(event: HandoverEvent, cursor: string): RecordedEvent {
  return { event, recordedAt: iso(T0), actor, cursor };
}

export function arrivedEvent(
  handoverId: string,
  at: number,
  extra: Partial<{
    callsign: string;
    siteCode: string;
    ambulanceTrustCode: string;
    category: 1 | 2 | 3 | 4 | 5;
  }> = {},
): HandoverEvent {
  return {
    type: 'arrived',
    eventId: `arrived-${handoverId}-${++sequence}`,
    handoverId,
    at: iso(at),
    siteCode: extra.siteCode ?? 'RRK15',
    ambulanceTrustCode: extra.ambulanceTrustCode ?? 'RYA',
    callsign: extra.callsign ?? `WM${handoverId.toUpperCase()}`,
    ...(extra.category === undefined ? {} : { category: extra.category }),
  };
}

export function handedOverEvent(handoverId: string, at: number, by: 'crew' | 'ed' = 'ed'): HandoverEvent {
  return {
    type: 'handed_over',
    eventId: `handed-${handoverId}-${by}-${++sequence}`,
    handoverId,
    at: iso(at),
    by,
  };
}

export function clearedEvent(handoverId: string, at: number): HandoverEvent {
  return { type: 'cleared', eventId: `cleared-${handoverId}-${++sequence}`, handoverId, at: iso(at) };
}

export function waitingHandover(
  handoverId: string,
  arrivedAt: number,
  patch: Partial<Handover> = {},
): Handover {
  return {
    handoverId,
    siteCode: 'RRK15',
    ambulanceTrustCode: 'RYA',
    callsign: `WM${handoverId.toUpperCase()}`,
    category: 2,
    state: 'waiting',
    preAlerted: false,
    arrivedAt,
    releaseRequests: [],
    corrections: [],
    eventIds: [`arrived-${handoverId}`],
    lastCursor: '1-0',
    ...patch,
  };
}
