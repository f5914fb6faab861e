import type { Actor, RecordedEvent } from '@handover/domain';
import type { AppendRequest } from './event-store';

/**
 * Both stores keep records as JSON. Reading one back checks the shape the stores themselves rely on
 * (ids, cursor, actor); the full event schema is the protocol's job, checked before anything is appended.
 */
export function isRecordedEvent(value: unknown): value is RecordedEvent {
  if (!isObject(value) || !isObject(value.event) || !isObject(value.actor)) return false;
  const { event, actor } = value;
  return (
    typeof value.cursor === 'string' &&
    typeof value.recordedAt === 'string' &&
    isNonEmptyString(event.eventId) &&
    isNonEmptyString(event.handoverId) &&
    typeof event.type === 'string' &&
    typeof event.at === 'string' &&
    typeof actor.credentialId === 'string' &&
    typeof actor.role === 'string' &&
    typeof actor.label === 'string'
  );
}

/** Parses a stored record, giving it `cursor` when the cursor lives outside the JSON (Redis stream ids). */
export function decodeRecord(json: string, cursor?: string): RecordedEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  // The parsed object is this function's own: set the cursor in place rather than copy it.
  if (cursor !== undefined && isObject(value)) value.cursor = cursor;
  if (!isRecordedEvent(value)) return undefined;
  value.actor = sharedActor(value.actor);
  return deepFreeze(value);
}

/**
 * The record an append request becomes at `cursor`, built from the request itself (a copy of its event,
 * the shared copy of its actor: the caller's objects are left alone) rather than from a JSON round trip:
 * the request is plain JSON data, already checked by the protocol. Undefined when it lacks a field the
 * stores rely on.
 */
export function recordOf(request: AppendRequest, cursor: string): RecordedEvent | undefined {
  const { event, actor, recordedAt } = request;
  if (!isObject(event) || !isObject(actor)) return undefined;
  const record = { event: { ...event }, recordedAt, actor, cursor };
  return isRecordedEvent(record) ? deepFreeze({ ...record, actor: sharedActor(record.actor) }) : undefined;
}

/** Few credentials record millions of events: their records share one frozen actor per credential. */
const actors = new Map<string, Actor>();
const MAX_SHARED_ACTORS = 10_000;

function sharedActor(actor: Actor): Actor {
  // An actor with fields of its own (not one this server writes) keeps them, in a copy of its own.
  if (!hasActorFieldsOnly(actor)) return Object.freeze({ ...actor });
  const shared = actors.get(actor.credentialId);
  if (shared !== undefined && shared.role === actor.role && shared.label === actor.label) return shared;
  const copy = Object.freeze({ ...actor });
  // Credentials are few; should they not be, records simply keep their own copies. A credential whose
  // label changed shares its new actor from then on.
  if (actors.size < MAX_SHARED_ACTORS || shared !== undefined) actors.set(actor.credentialId, copy);
  return copy;
}

/** Counted, not listed: this runs for every record read. */
function hasActorFieldsOnly(actor: Actor): boolean {
  let fields = 0;
  for (const _ in actor) fields++;
  return fields === 3;
}

/** The stored JSON of a request, without cursor: undefined when it cannot be written as JSON. */
export function encodeAppendRequest(request: AppendRequest): string | undefined {
  try {
    const { event, recordedAt, actor } = request;
    return JSON.stringify({ event, recordedAt, actor });
  } catch {
    return undefined;
  }
}

export function invalidRequestError(): TypeError {
  return new TypeError(
    'Cannot append: the request needs event.eventId, event.handoverId, event.type, event.at, recordedAt and an actor, as JSON',
  );
}

/** Records are shared by every reader of a log; freezing makes an accidental mutation throw, not spread. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) {
      const child = value[key];
      if (typeof child === 'object' && child !== null) deepFreeze(child);
    }
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
