import type {
  ArrivedEvent,
  Category,
  ClearedEvent,
  CorrectableField,
  CorrectedEvent,
  HandedOverEvent,
  ReleaseOutcome,
  ReleaseRespondedEvent,
} from '@handover/domain';

/**
 * The events the entry page records. Each gets a fresh eventId here, once: retries resend the same
 * object, so the server's idempotency makes each count exactly once.
 */
export type NewId = () => string;

const newUuid: NewId = () => crypto.randomUUID();
const iso = (instant: number) => new Date(instant).toISOString();

export interface ArrivalDetails {
  siteCode: string;
  ambulanceTrustCode: string;
  callsign: string;
  category: Category | undefined;
  arrivedAt: number;
}

/** A new arrival (a new handover), or the arrival of a pre-alerted one when `handoverId` is given. */
export function arrivalEvent(
  details: ArrivalDetails,
  handoverId?: string,
  newId: NewId = newUuid,
): ArrivedEvent {
  return {
    type: 'arrived',
    eventId: newId(),
    handoverId: handoverId ?? newId(),
    at: iso(details.arrivedAt),
    siteCode: details.siteCode,
    ambulanceTrustCode: details.ambulanceTrustCode,
    callsign: details.callsign,
    ...(details.category === undefined ? {} : { category: details.category }),
  };
}

/** The ED's handover stamp (the ED credential may only stamp its own). */
export function edHandoverEvent(handoverId: string, at: number, newId: NewId = newUuid): HandedOverEvent {
  return { type: 'handed_over', eventId: newId(), handoverId, at: iso(at), by: 'ed' };
}

export function clearedEvent(handoverId: string, at: number, newId: NewId = newUuid): ClearedEvent {
  return { type: 'cleared', eventId: newId(), handoverId, at: iso(at) };
}

export function correctionEvent(
  handoverId: string,
  field: CorrectableField,
  value: string | number,
  reason: string,
  at: number,
  newId: NewId = newUuid,
): CorrectedEvent {
  return {
    type: 'corrected',
    eventId: newId(),
    handoverId,
    at: iso(at),
    field,
    value,
    reason: reason.trim(),
  };
}

/** The ED's answer to control's open release request; a decline carries its reason. */
export function releaseResponseEvent(
  handoverId: string,
  outcome: ReleaseOutcome,
  at: number,
  reason?: string,
  newId: NewId = newUuid,
): ReleaseRespondedEvent {
  return {
    type: 'release_responded',
    eventId: newId(),
    handoverId,
    at: iso(at),
    outcome,
    ...(reason === undefined || reason.trim() === '' ? {} : { reason: reason.trim() }),
  };
}
