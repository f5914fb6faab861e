/**
 * The event vocabulary of a handover (DOMAIN.md section 3). These are the wire shapes a sender posts;
 * timestamps are ISO 8601 strings with an offset, exactly as received.
 */

export const EVENT_TYPES = [
  'eta',
  'arrived',
  'handed_over',
  'cleared',
  'release_requested',
  'release_responded',
  'corrected',
  'cancelled',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Ambulance response categories (1 = life-threatening ... 5 = non-emergency). */
export const CATEGORIES = [1, 2, 3, 4, 5] as const;
export type Category = (typeof CATEGORIES)[number];

/** Who stamped the clinical handover: the ambulance crew or the ED. */
export const HANDOVER_PARTIES = ['crew', 'ed'] as const;
export type HandoverParty = (typeof HANDOVER_PARTIES)[number];

export const RELEASE_OUTCOMES = ['released', 'declined'] as const;
export type ReleaseOutcome = (typeof RELEASE_OUTCOMES)[number];

export const CANCEL_REASONS = ['entered_in_error', 'duplicate', 'diverted', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** The timestamps a `corrected` event may change: each takes an ISO string, as events carry them. */
export const CORRECTABLE_TIMESTAMPS = [
  'arrivedAt',
  'crewHandedOverAt',
  'edHandedOverAt',
  'clearedAt',
] as const;
export type CorrectableTimestamp = (typeof CORRECTABLE_TIMESTAMPS)[number];

/** Fields a `corrected` event may change: the timestamps, category (a number) and callsign (text). */
export const CORRECTABLE_FIELDS = [...CORRECTABLE_TIMESTAMPS, 'category', 'callsign'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

export function isCorrectableTimestamp(field: CorrectableField): field is CorrectableTimestamp {
  return (CORRECTABLE_TIMESTAMPS as readonly string[]).includes(field);
}

interface EventBase {
  /** UUID chosen by the sender: the idempotency key. */
  eventId: string;
  /** Chosen by the sender; one handover per patient conveyed. */
  handoverId: string;
  /** When it happened (ISO 8601 with offset). */
  at: string;
}

/** Up to 16 letters, digits, spaces, '/' and '-': a vehicle's callsign, too short for a name and number. */
export const CALLSIGN_PATTERN = '^[A-Za-z0-9][A-Za-z0-9 /-]{0,15}$';

/** Where and who: carried by the events that can open a handover. */
export interface Conveyance {
  siteCode: string;
  ambulanceTrustCode: string;
  callsign: string;
  category?: Category;
}

/** Pre-alert or inbound notice: shows on the board as inbound, does not start the clock. */
export interface EtaEvent extends EventBase, Conveyance {
  type: 'eta';
  expectedAt: string;
}

/** Wheels stop at the ED: starts the handover clock. */
export interface ArrivedEvent extends EventBase, Conveyance {
  type: 'arrived';
}

/** Clinical handover complete: stops the clock. Stamped by the crew and/or the ED. */
export interface HandedOverEvent extends EventBase {
  type: 'handed_over';
  by: HandoverParty;
}

/** Crew and vehicle ready for the next call. Before handover this means the patient was cohorted. */
export interface ClearedEvent extends EventBase {
  type: 'cleared';
}

/** Control asks the ED to release the crew (Release to Respond). */
export interface ReleaseRequestedEvent extends EventBase {
  type: 'release_requested';
}

/** The ED's answer to the open release request. */
export interface ReleaseRespondedEvent extends EventBase {
  type: 'release_responded';
  outcome: ReleaseOutcome;
  reason?: string;
}

/** A timestamp or field was wrong: the new value and a mandatory reason. */
export interface CorrectedEvent extends EventBase {
  type: 'corrected';
  field: CorrectableField;
  value: string | number;
  reason: string;
}

/** Entered in error, duplicate, diverted before arrival: excluded from every metric. */
export interface CancelledEvent extends EventBase {
  type: 'cancelled';
  reason: CancelReason;
}

export type HandoverEvent =
  | EtaEvent
  | ArrivedEvent
  | HandedOverEvent
  | ClearedEvent
  | ReleaseRequestedEvent
  | ReleaseRespondedEvent
  | CorrectedEvent
  | CancelledEvent;

/** Who recorded an event, taken from the credential by the server (never from the body). */
export interface Actor {
  credentialId: string;
  role: string;
  label: string;
}

/** An event as stored: the sender's event plus what the server adds. */
export interface RecordedEvent {
  event: HandoverEvent;
  /** When the server recorded it (ISO 8601, UTC). */
  recordedAt: string;
  actor: Actor;
  /** Position in the event log: opaque, totally ordered by the store. */
  cursor: string;
}
