import { type DomainError, type DomainErrorCode, domainError } from './errors';
import {
  type Actor,
  type ArrivedEvent,
  CATEGORIES,
  type Category,
  type ClearedEvent,
  type Conveyance,
  type CorrectableTimestamp,
  type CorrectedEvent,
  type EtaEvent,
  type HandedOverEvent,
  type RecordedEvent,
  type ReleaseRequestedEvent,
  type ReleaseRespondedEvent,
} from './events';
import {
  type Correction,
  type Handover,
  type HandoverState,
  type ReleaseRequest,
  shapedHandover,
} from './handover';

/**
 * The handover state machine (DOMAIN.md section 3): folds recorded events into a Handover.
 * Pure: no I/O, no clock; `current` is never mutated.
 */

export type ApplyResult =
  | { ok: true; handover: Handover; duplicate: boolean }
  | { ok: false; error: DomainError };

type Refusal = { ok: false; error: DomainError };
/** One transition, before the bookkeeping (eventIds, lastCursor) every applied event gets. */
type Step = { ok: true; handover: Handover } | Refusal;

/** What a correction changes, and the value it replaces as it reads on the wire. */
type Change = { ok: true; patch: Partial<Handover>; oldValue: string | number | null } | Refusal;

const AFTER_HANDOVER: Partial<Record<HandoverState, HandoverState>> = {
  waiting: 'handed_over',
  cohorted: 'closed',
};
const AFTER_ARRIVAL_FIELDS = ['crewHandedOverAt', 'edHandedOverAt', 'clearedAt'] as const;
/**
 * What the log may hold, as admitted by earlier rules: looser than what the API takes today
 * (parseTimestamp, checked on the way in), so that replaying an older log never changes what it says.
 */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Applies one recorded event to the handover it names (undefined when the handover does not exist yet). */
export function applyEvent(current: Handover | undefined, recorded: RecordedEvent): ApplyResult {
  const { event } = recorded;
  if (current !== undefined && current.handoverId !== event.handoverId) {
    throw new RangeError(
      `Event ${event.eventId} is for handover ${event.handoverId}, not ${current.handoverId}`,
    );
  }
  // The idempotency key: a client resending after a dropped connection must change nothing.
  if (current?.eventIds.includes(event.eventId)) return { ok: true, handover: current, duplicate: true };
  const step = current === undefined ? open(recorded) : advance(current, recorded);
  if (!step.ok) return step;
  const handover = shapedHandover(step.handover, {
    // concat allocates the exact length; a spread leaves spare capacity in every handover's list.
    eventIds: step.handover.eventIds.concat(event.eventId),
    lastCursor: recorded.cursor,
  });
  return { ok: true, handover, duplicate: false };
}

/** Folds events in log order into handovers by id, skipping the ones the domain refuses. */
export function foldEvents(
  events: Iterable<RecordedEvent>,
  initial: ReadonlyMap<string, Handover> = new Map(),
): Map<string, Handover> {
  const handovers = new Map(initial);
  for (const recorded of events) {
    const { handoverId } = recorded.event;
    const result = applyEvent(handovers.get(handoverId), recorded);
    if (result.ok) handovers.set(handoverId, result.handover);
  }
  return handovers;
}

function open(recorded: RecordedEvent): Step {
  const { event } = recorded;
  switch (event.type) {
    case 'eta':
      return accept({ ...newHandover(event, 'inbound', true), expectedAt: instant(event.expectedAt) });
    case 'arrived':
      return accept({ ...newHandover(event, 'waiting', false), arrivedAt: instant(event.at) });
    default:
      return refuse(
        'HANDOVER_NOT_FOUND',
        `No handover ${event.handoverId}: it must start with eta or arrived`,
      );
  }
}

function advance(current: Handover, recorded: RecordedEvent): Step {
  if (current.state === 'cancelled') {
    return refuse('HANDOVER_CANCELLED', `Handover ${current.handoverId} is cancelled`);
  }
  const { event, actor } = recorded;
  switch (event.type) {
    case 'eta':
      return onEta(current, event);
    case 'arrived':
      return onArrived(current, event);
    case 'handed_over':
      return onHandedOver(current, event);
    case 'cleared':
      return onCleared(current, event);
    case 'release_requested':
      return onReleaseRequested(current, event, actor);
    case 'release_responded':
      return onReleaseResponded(current, event, actor);
    case 'corrected':
      return onCorrected(current, event, recorded);
    case 'cancelled':
      return accept({
        ...current,
        state: 'cancelled',
        cancelled: { reason: event.reason, at: instant(event.at), by: actor },
      });
  }
}

function onEta(current: Handover, event: EtaEvent): Step {
  if (current.state !== 'inbound') return refuse('ALREADY_ARRIVED', 'The ambulance has already arrived');
  if (!sameSite(current, event)) return idConflict(event);
  return accept({ ...current, expectedAt: instant(event.expectedAt) });
}

function onArrived(current: Handover, event: ArrivedEvent): Step {
  const arrivedAt = instant(event.at);
  if (current.state === 'inbound') {
    if (!sameSite(current, event)) return idConflict(event);
    // The arrival is the authority on the vehicle; a category the pre-alert gave is kept if it gives none.
    return accept({ ...current, ...conveyance(event), state: 'waiting', arrivedAt });
  }
  // Same arrival under a new eventId is a client bug worth naming; different data means a reused id.
  const sameArrival =
    sameSite(current, event) && current.callsign === event.callsign && current.arrivedAt === arrivedAt;
  return sameArrival ? refuse('ALREADY_ARRIVED', 'This arrival is already recorded') : idConflict(event);
}

function onHandedOver(current: Handover, event: HandedOverEvent): Step {
  const { arrivedAt } = current;
  if (arrivedAt === undefined) return refuse('NOT_ARRIVED', 'Handover cannot be recorded before arrival');
  const stamped = event.by === 'crew' ? current.crewHandedOverAt : current.edHandedOverAt;
  if (stamped !== undefined) {
    return refuse('ALREADY_HANDED_OVER', `The ${event.by} has already stamped handover: use a correction`);
  }
  const at = instant(event.at);
  if (at < arrivedAt) return refuse('BEFORE_ARRIVAL', 'Handover cannot be before arrival', 'at');
  const stamp = event.by === 'crew' ? { crewHandedOverAt: at } : { edHandedOverAt: at };
  // The second party's stamp only records itself: the first one already moved the state.
  return accept({ ...current, ...stamp, state: AFTER_HANDOVER[current.state] ?? current.state });
}

function onCleared(current: Handover, event: ClearedEvent): Step {
  const { arrivedAt } = current;
  if (arrivedAt === undefined) return refuse('NOT_ARRIVED', 'The crew cannot clear before arrival');
  if (current.clearedAt !== undefined) return refuse('ALREADY_CLEARED', 'The crew has already cleared');
  const clearedAt = instant(event.at);
  if (clearedAt < arrivedAt) return refuse('BEFORE_ARRIVAL', 'Clear cannot be before arrival', 'at');
  // Arrived and not yet cleared leaves waiting or handed_over. Clearing while still waiting means a HALO
  // or cohort nurse took the patient: the clock keeps running.
  return accept({ ...current, clearedAt, state: current.state === 'waiting' ? 'cohorted' : 'closed' });
}

function onReleaseRequested(current: Handover, event: ReleaseRequestedEvent, actor: Actor): Step {
  if (current.arrivedAt === undefined) return refuse('NOT_ARRIVED', 'No crew to release before arrival');
  // Only a crew still waiting with its patient can be released; a cohorted crew has already left.
  if (current.state !== 'waiting') {
    return refuse('RELEASE_NOT_APPLICABLE', `No release applies to a ${current.state} handover`);
  }
  if (openRequest(current) !== undefined) {
    return refuse('RELEASE_ALREADY_REQUESTED', 'A release request is already open');
  }
  const request: ReleaseRequest = { requestedAt: instant(event.at), requestedBy: actor };
  return accept({ ...current, releaseRequests: [...current.releaseRequests, request] });
}

function onReleaseResponded(current: Handover, event: ReleaseRespondedEvent, actor: Actor): Step {
  const open = openRequest(current);
  if (open === undefined) return refuse('NO_OPEN_RELEASE_REQUEST', 'There is no open release request');
  if (event.outcome === 'declined' && isBlank(event.reason)) {
    return refuse('REASON_REQUIRED', 'A declined release needs a reason', 'reason');
  }
  const answered: ReleaseRequest = {
    ...open,
    respondedAt: instant(event.at),
    respondedBy: actor,
    outcome: event.outcome,
    ...(event.reason === undefined ? {} : { reason: event.reason }),
  };
  // The open request is always the last one: a new request needs the previous one answered.
  return accept({ ...current, releaseRequests: [...current.releaseRequests.slice(0, -1), answered] });
}

function onCorrected(current: Handover, event: CorrectedEvent, recorded: RecordedEvent): Step {
  if (isBlank(event.reason)) return refuse('REASON_REQUIRED', 'A correction needs a reason', 'reason');
  const change = changeFor(current, event);
  if (!change.ok) return change;
  const corrected: Handover = { ...current, ...change.patch };
  const misplaced = fieldBeforeArrival(corrected);
  if (misplaced !== undefined) {
    return refuse('BEFORE_ARRIVAL', `The correction would put ${misplaced} before arrival`, 'value');
  }
  const entry: Correction = {
    eventId: event.eventId,
    field: event.field,
    oldValue: change.oldValue,
    newValue: event.value,
    reason: event.reason,
    at: instant(event.at),
    recordedAt: instant(recorded.recordedAt),
    by: recorded.actor,
  };
  return accept({ ...corrected, corrections: [...current.corrections, entry] });
}

function changeFor(current: Handover, event: CorrectedEvent): Change {
  switch (event.field) {
    case 'category':
      if (!isCategory(event.value)) return refuse('INVALID_CORRECTION', 'category must be 1 to 5', 'value');
      // Category is optional on arrival, and no other event can add it later.
      return { ok: true, patch: { category: event.value }, oldValue: current.category ?? null };
    case 'callsign':
      if (typeof event.value !== 'string' || isBlank(event.value)) {
        return refuse('INVALID_CORRECTION', 'callsign must be non-empty text', 'value');
      }
      return { ok: true, patch: { callsign: event.value }, oldValue: current.callsign };
    default:
      return changeTimestamp(current, event.field, event.value);
  }
}

function changeTimestamp(current: Handover, field: CorrectableTimestamp, value: string | number): Change {
  const old = current[field];
  // A missing stamp is added with its own event, so its state transition happens too.
  if (old === undefined) return refuse('INVALID_CORRECTION', `${field} was never recorded`, 'field');
  const next = typeof value === 'string' ? parseIso(value) : undefined;
  if (next === undefined) {
    return refuse('INVALID_CORRECTION', `${field} needs an ISO 8601 timestamp with an offset`, 'value');
  }
  const patch: Partial<Handover> = {};
  patch[field] = next;
  return { ok: true, patch, oldValue: new Date(old).toISOString() };
}

/** The first handover or clear stamp that falls before arrival, if any. */
function fieldBeforeArrival(handover: Handover): (typeof AFTER_ARRIVAL_FIELDS)[number] | undefined {
  const { arrivedAt } = handover;
  if (arrivedAt === undefined) return undefined;
  return AFTER_ARRIVAL_FIELDS.find((field) => {
    const value = handover[field];
    return value !== undefined && value < arrivedAt;
  });
}

/** Shared by every new handover: the lists are read-only and replaced, never mutated. */
const NONE: readonly never[] = Object.freeze([]);

function newHandover(event: EtaEvent | ArrivedEvent, state: HandoverState, preAlerted: boolean): Handover {
  return {
    handoverId: event.handoverId,
    ...conveyance(event),
    state,
    preAlerted,
    releaseRequests: NONE,
    corrections: NONE,
    eventIds: NONE,
    lastCursor: '',
  };
}

/** Only the conveyance fields of an event, leaving `category` out rather than undefined. */
function conveyance(event: Conveyance): Conveyance {
  const { siteCode, ambulanceTrustCode, callsign, category } = event;
  return category === undefined
    ? { siteCode, ambulanceTrustCode, callsign }
    : { siteCode, ambulanceTrustCode, callsign, category };
}

function sameSite(current: Handover, event: Conveyance): boolean {
  return current.siteCode === event.siteCode && current.ambulanceTrustCode === event.ambulanceTrustCode;
}

function idConflict(event: EtaEvent | ArrivedEvent): Refusal {
  return refuse('HANDOVER_ID_CONFLICT', `Handover ${event.handoverId} already exists with different details`);
}

function openRequest(current: Handover): ReleaseRequest | undefined {
  const last = current.releaseRequests.at(-1);
  return last !== undefined && last.respondedAt === undefined ? last : undefined;
}

function isCategory(value: string | number): value is Category {
  return (CATEGORIES as readonly (string | number)[]).includes(value);
}

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/** Epoch ms of an ISO 8601 timestamp with an offset, or undefined when it is not one. */
function parseIso(text: string): number | undefined {
  if (!ISO_WITH_OFFSET.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Event timestamps were validated on the way in: one that does not parse here is a bug, not a refusal. */
function instant(text: string): number {
  const ms = parseIso(text);
  if (ms === undefined) throw new RangeError(`Not an ISO 8601 timestamp with an offset: ${text}`);
  return ms;
}

function accept(handover: Handover): Step {
  return { ok: true, handover };
}

function refuse(code: DomainErrorCode, message: string, field?: string): Refusal {
  return { ok: false, error: domainError(code, message, field) };
}
