import { randomUUID } from 'node:crypto';
import type { Actor, ArrivedEvent, CorrectedEvent, HandedOverEvent } from '@handover/domain';
import type { AppendRequest } from '../event-store';

export const sampleActor: Actor = { credentialId: 'cred-ed-rxx01', role: 'ed', label: 'Test ED' };

export function sampleArrival(handoverId: string = randomUUID()): ArrivedEvent {
  return {
    type: 'arrived',
    eventId: randomUUID(),
    handoverId,
    at: '2025-01-06T10:00:00Z',
    siteCode: 'RXX01',
    ambulanceTrustCode: 'RX9',
    callsign: 'NE101',
  };
}

export function sampleHandedOver(handoverId: string): HandedOverEvent {
  return { type: 'handed_over', eventId: randomUUID(), handoverId, at: '2025-01-06T10:20:00Z', by: 'ed' };
}

/** A correction with a long reason: an event of roughly `size` bytes. */
export function sampleLargeCorrection(handoverId: string, size: number): CorrectedEvent {
  return {
    type: 'corrected',
    eventId: randomUUID(),
    handoverId,
    at: '2025-01-06T10:30:00Z',
    field: 'callsign',
    value: 'NE102',
    reason: 'x'.repeat(size),
  };
}

export function appendRequest(
  event: AppendRequest['event'],
  options: Partial<Omit<AppendRequest, 'event'>> = {},
): AppendRequest {
  return { event, actor: sampleActor, recordedAt: new Date().toISOString(), ...options };
}
