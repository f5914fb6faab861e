import {
  CALLSIGN_PATTERN,
  type CorrectedEvent,
  EVENT_TYPES,
  type EventType,
  type HandoverEvent,
  isCorrectableTimestamp,
  parseTimestamp,
} from '@handover/domain';
import { Compile } from 'typebox/compile';
import type { ApiError } from './error-codes';
import { EVENT_SCHEMAS, TIMESTAMP_FIELDS } from './event-schemas';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

const validators = Object.fromEntries(EVENT_TYPES.map((type) => [type, Compile(EVENT_SCHEMAS[type])])) as {
  [K in EventType]: ReturnType<typeof Compile>;
};

/**
 * Checks the shape of one event and names the first field at fault. Only shape: whether the event
 * makes sense for its handover (and its time window) is the server's and the domain's job.
 */
export function parseHandoverEvent(input: unknown, fieldPrefix = ''): ParseResult<HandoverEvent> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return failure(fieldPrefix, { code: 'INVALID_BODY', message: 'An event must be a JSON object.' });
  }
  const type = (input as { type?: unknown }).type;
  if (type === undefined) {
    return failure(fieldPrefix, { code: 'MISSING_FIELD', message: "Missing field 'type'.", field: 'type' });
  }
  if (!EVENT_TYPES.includes(type as EventType)) {
    return failure(fieldPrefix, {
      code: 'INVALID_FIELD',
      message: `Field 'type' must be one of ${EVENT_TYPES.join(', ')}.`,
      field: 'type',
    });
  }
  const validator = validators[type as EventType];
  if (!validator.Check(input)) {
    return failure(fieldPrefix, describeFirstError([...validator.Errors(input)]));
  }
  for (const field of TIMESTAMP_FIELDS) {
    const value = (input as Record<string, unknown>)[field];
    if (typeof value === 'string' && parseTimestamp(value) === undefined) {
      return failure(fieldPrefix, notARealTime(field));
    }
  }
  const event = input as HandoverEvent;
  if (event.type === 'corrected') {
    const refused = checkCorrectionValue(event);
    if (refused) return failure(fieldPrefix, refused);
  }
  return { ok: true, value: event };
}

const CALLSIGN = new RegExp(CALLSIGN_PATTERN);

/** A corrected value obeys the rules of the field it replaces: no free text where an event allows none. */
function checkCorrectionValue(event: CorrectedEvent): ApiError | undefined {
  const { field, value } = event;
  if (field === 'callsign' && (typeof value !== 'string' || !CALLSIGN.test(value))) {
    return {
      code: 'INVALID_FIELD',
      message: `Field 'value' must be a vehicle callsign (up to 16 letters, digits, spaces, '/' or '-') when correcting callsign.`,
      field: 'value',
    };
  }
  if (isCorrectableTimestamp(field) && (typeof value !== 'string' || parseTimestamp(value) === undefined)) {
    return notARealTime('value');
  }
  return undefined;
}

function notARealTime(field: string): ApiError {
  return {
    code: 'INVALID_TIMESTAMP',
    message: `Field '${field}' must be a real date and time in ISO 8601 with seconds and an offset, e.g. 2026-01-12T10:04:00Z.`,
    field,
  };
}

/** A refusal naming the field within the caller's document (`events/3/at` in a batch). */
function failure(fieldPrefix: string, error: ApiError): ParseResult<HandoverEvent> {
  return {
    ok: false,
    error: error.field === undefined ? error : { ...error, field: fieldPrefix + error.field },
  };
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** Unknown fields first (they may carry patient data), then missing ones, then bad values. */
function describeFirstError(issues: readonly ValidationIssue[]): ApiError {
  const unknown = issues.find((i) => i.keyword === 'additionalProperties');
  if (unknown) {
    const names = (unknown.params.additionalProperties as string[] | undefined) ?? [];
    const field = joinPath(unknown.instancePath, names[0] ?? '');
    return {
      code: 'UNKNOWN_FIELD',
      message: `Unknown field '${field}'. Events carry only operational codes and timestamps; no other fields (and never patient-identifying data) are accepted.`,
      field,
    };
  }
  const missing = issues.find((i) => i.keyword === 'required');
  if (missing) {
    const names = (missing.params.requiredProperties as string[] | undefined) ?? [];
    const field = joinPath(missing.instancePath, names[0] ?? '');
    return { code: 'MISSING_FIELD', message: `Missing field '${field}'.`, field };
  }
  const first = issues[0];
  const field = joinPath(first?.instancePath ?? '', '');
  if (TIMESTAMP_FIELDS.some((name) => name === field)) return notARealTime(field);
  return { code: 'INVALID_FIELD', message: `Field '${field}' ${first?.message ?? 'is invalid'}.`, field };
}

/** "/value/0" + "x" -> "value/0/x"; the field path as the sender wrote it. */
function joinPath(instancePath: string, name: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (name) parts.push(name);
  return parts.join('/');
}
