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

/**
 * The handover with every field present, in the order above, absent ones undefined (JSON leaves them
 * out). Screens fold thousands of handovers on every refresh: when all share one shape, V8 keeps that
 * code optimised instead of deoptimising each time a new mix of fields (a first cancellation, a
 * handover parsed from a snapshot) reaches it. The reducer returns only handovers made here, and a
 * snapshot's are passed through it.
 */
export function shapedHandover(
  handover: Handover,
  // The reducer's bookkeeping for the event just applied, taken here rather than through one more copy.
  { eventIds, lastCursor }: Pick<Handover, 'eventIds' | 'lastCursor'> = handover,
): Handover {
  // Every field listed, optional ones too: a field added to Handover and not here fails to compile.
  const shaped = {
    handoverId: handover.handoverId,
    siteCode: handover.siteCode,
    ambulanceTrustCode: handover.ambulanceTrustCode,
    callsign: handover.callsign,
    category: handover.category,
    state: handover.state,
    preAlerted: handover.preAlerted,
    expectedAt: handover.expectedAt,
    arrivedAt: handover.arrivedAt,
    crewHandedOverAt: handover.crewHandedOverAt,
    edHandedOverAt: handover.edHandedOverAt,
    clearedAt: handover.clearedAt,
    cancelled: handover.cancelled,
    releaseRequests: handover.releaseRequests,
    corrections: handover.corrections,
    eventIds,
    lastCursor,
  } satisfies Record<keyof Handover, unknown>;
  return shaped;
}
