import type { Actor, CancelReason, Category, CorrectableField, ReleaseOutcome } from './events';

/**
 * A handover as folded from its events. All instants are epoch milliseconds.
 * States: inbound -> waiting -> handed_over -> closed; waiting -> cohorted (crew cleared first,
 * the patient's clock keeps running) -> closed on handover; any state -> cancelled.
 */
export const HANDOVER_STATES = [
  'inbound',
  'waiting',
  'cohorted',
  'handed_over',
  'closed',
  'cancelled',
] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

export interface ReleaseRequest {
  requestedAt: number;
  requestedBy: Actor;
  respondedAt?: number;
  respondedBy?: Actor;
  outcome?: ReleaseOutcome;
  reason?: string;
}

/** One audit entry per `corrected` event: who, when, what changed and why. */
export interface Correction {
  eventId: string;
  field: CorrectableField;
  /** Old and new values as they read on the wire (ISO strings for timestamps). */
  oldValue: string | number | null;
  newValue: string | number;
  reason: string;
  at: number;
  recordedAt: number;
  by: Actor;
}

export interface Handover {
  handoverId: string;
  siteCode: string;
  ambulanceTrustCode: string;
  callsign: string;
  category?: Category;
  state: HandoverState;
  /** True when an `eta` (pre-alert) preceded arrival. */
  preAlerted: boolean;
  expectedAt?: number;
  arrivedAt?: number;
  crewHandedOverAt?: number;
  edHandedOverAt?: number;
  clearedAt?: number;
  cancelled?: { reason: CancelReason; at: number; by: Actor };
  releaseRequests: readonly ReleaseRequest[];
  corrections: readonly Correction[];
  /** Every eventId applied, for idempotency: the same event twice changes nothing. */
  eventIds: readonly string[];
  /** Cursor of the last event applied (the store's log position). */
  lastCursor: string;
}
