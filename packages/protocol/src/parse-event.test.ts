import { EVENT_TYPES } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { parseHandoverEvent } from './parse-event';

const arrived = {
  type: 'arrived',
  eventId: '0b5a3c1e-2f4d-4c6b-9a8e-7d1f2e3c4b5a',
  handoverId: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  at: '2026-01-12T10:04:00Z',
  siteCode: 'RRK15',
  ambulanceTrustCode: 'RYA',
  callsign: 'WM 101',
  category: 2,
};

function errorOf(input: unknown) {
  const result = parseHandoverEvent(input);
  if (result.ok) throw new Error('expected a rejection');
  return result.error;
}

describe('parseHandoverEvent', () => {
  it('accepts a well-formed event unchanged', () => {
    expect(parseHandoverEvent(arrived)).toEqual({ ok: true, value: arrived });
  });

  it('accepts an offset other than Z and fractional seconds', () => {
    expect(parseHandoverEvent({ ...arrived, at: '2026-07-12T11:04:00.250+01:00' }).ok).toBe(true);
  });

  it('accepts a valid example of every event type', () => {
    const ids = { eventId: arrived.eventId, handoverId: arrived.handoverId, at: arrived.at };
    const examples = [
      { ...arrived, type: 'eta', expectedAt: '2026-01-12T10:20:00Z' },
      arrived,
      { type: 'handed_over', ...ids, by: 'crew' },
      { type: 'cleared', ...ids },
      { type: 'release_requested', ...ids },
      { type: 'release_responded', ...ids, outcome: 'declined', reason: 'Resus full' },
      {
        type: 'corrected',
        ...ids,
        field: 'arrivedAt',
        value: '2026-01-12T10:01:00Z',
        reason: 'Pressed late',
      },
      { type: 'cancelled', ...ids, reason: 'duplicate' },
    ];
    expect(examples.map((e) => e.type)).toEqual([...EVENT_TYPES]);
    for (const example of examples) expect(parseHandoverEvent(example)).toEqual({ ok: true, value: example });
  });

  it('refuses a patient identifier as an unknown field, naming it', () => {
    expect(errorOf({ ...arrived, nhsNumber: '9434765919' })).toMatchObject({
      code: 'UNKNOWN_FIELD',
      field: 'nhsNumber',
    });
  });

  it('names a missing field', () => {
    const { siteCode: _omitted, ...withoutSite } = arrived;
    expect(errorOf(withoutSite)).toMatchObject({ code: 'MISSING_FIELD', field: 'siteCode' });
    expect(errorOf({ ...arrived, type: undefined })).toMatchObject({ code: 'MISSING_FIELD', field: 'type' });
  });

  it('refuses a timestamp without an offset', () => {
    const error = errorOf({ ...arrived, at: '2026-01-12T10:04:00' });
    expect(error).toMatchObject({ code: 'INVALID_TIMESTAMP', field: 'at' });
    expect(error.message).toContain('offset');
  });

  it('refuses a timestamp that matches the pattern but is not a real instant', () => {
    expect(errorOf({ ...arrived, at: '2026-13-45T10:04:00Z' })).toMatchObject({
      code: 'INVALID_TIMESTAMP',
      field: 'at',
    });
  });

  it.each([
    ['a day the month does not have', '2026-02-30T09:00:00Z'],
    ['24:00, which Date.parse reads as the next midnight', '2026-11-21T24:00:00Z'],
  ])('refuses %s as INVALID_TIMESTAMP, not a shifted instant', (_case, at) => {
    expect(errorOf({ ...arrived, at })).toMatchObject({ code: 'INVALID_TIMESTAMP', field: 'at' });
  });

  describe('a correction', () => {
    const correction = (field: string, value: unknown) => ({
      type: 'corrected',
      eventId: arrived.eventId,
      handoverId: arrived.handoverId,
      at: arrived.at,
      field,
      value,
      reason: 'Pressed late',
    });

    it('of callsign takes only what a callsign may be: no names or numbers slip in', () => {
      expect(parseHandoverEvent(correction('callsign', 'WM 102')).ok).toBe(true);
      for (const value of ['Mrs Jane Doe NHS 943 476 5919', 'x'.repeat(17), '-WM', 7]) {
        expect(errorOf(correction('callsign', value))).toMatchObject({
          code: 'INVALID_FIELD',
          field: 'value',
        });
      }
    });

    it.each([
      ['without seconds', '2026-01-12T10:01Z'],
      ['without an offset', '2026-01-12T10:01:00'],
      ['on a day the month does not have', '2026-02-30T10:01:00Z'],
      ['as a number', 1_768_212_060_000],
    ])('of a timestamp %s is INVALID_TIMESTAMP on value', (_case, value) => {
      expect(errorOf(correction('clearedAt', value))).toMatchObject({
        code: 'INVALID_TIMESTAMP',
        field: 'value',
      });
    });

    it('of category leaves the range to the domain', () => {
      expect(parseHandoverEvent(correction('category', 3)).ok).toBe(true);
    });
  });

  it('refuses bad values with the field named', () => {
    expect(errorOf({ ...arrived, siteCode: 'rrk' })).toMatchObject({
      code: 'INVALID_FIELD',
      field: 'siteCode',
    });
    expect(errorOf({ ...arrived, eventId: 'not-a-uuid' })).toMatchObject({
      code: 'INVALID_FIELD',
      field: 'eventId',
    });
    expect(errorOf({ ...arrived, category: 9 })).toMatchObject({ code: 'INVALID_FIELD', field: 'category' });
    expect(errorOf({ ...arrived, type: 'teleported' })).toMatchObject({
      code: 'INVALID_FIELD',
      field: 'type',
    });
  });

  it('refuses what is not an object', () => {
    for (const input of [null, 3, 'arrived', [arrived]]) {
      expect(errorOf(input).code).toBe('INVALID_BODY');
    }
  });

  it('prefixes the field path for batch entries', () => {
    const result = parseHandoverEvent({ ...arrived, siteCode: 'x' }, 'events/7/');
    expect(result.ok ? undefined : result.error.field).toBe('events/7/siteCode');
  });
});
