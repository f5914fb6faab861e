import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DomainErrorCode } from './errors';
import {
  type Actor,
  type ArrivedEvent,
  CANCEL_REASONS,
  CATEGORIES,
  type CancelledEvent,
  CORRECTABLE_FIELDS,
  type CorrectableField,
  type CorrectedEvent,
  type EtaEvent,
  HANDOVER_PARTIES,
  type HandedOverEvent,
  type HandoverEvent,
  type HandoverParty,
  RELEASE_OUTCOMES,
  type RecordedEvent,
  type ReleaseOutcome,
  type ReleaseRespondedEvent,
} from './events';
import { HANDOVER_STATES, type Handover, shapedHandover } from './handover';
import { type ApplyResult, applyEvent, foldEvents } from './handover-reducer';

// ---- helpers -------------------------------------------------------------------------------------

const DAY = '2025-06-01';
/** '10:17' -> '2025-06-01T10:17:00Z' */
const t = (hhmm: string): string => `${DAY}T${hhmm}:00Z`;
const ms = (hhmm: string): number => Date.parse(t(hhmm));

const CREW: Actor = { credentialId: 'cred-crew', role: 'crew', label: 'NEAS crew NE123' };
const ED: Actor = { credentialId: 'cred-ed', role: 'ed', label: 'RVI ED nurse in charge' };
const CONTROL: Actor = { credentialId: 'cred-control', role: 'control', label: 'NEAS control' };

const HID = 'h-1';
const SITE = { siteCode: 'RTD01', ambulanceTrustCode: 'RX6', callsign: 'NE123' } as const;

let seq = 0;
const nextEventId = (): string => `ev-${++seq}`;
const base = (at: string) => ({ eventId: nextEventId(), handoverId: HID, at: t(at) });

const eta = (at: string, expectedAt: string, extra: Partial<EtaEvent> = {}): EtaEvent => ({
  ...base(at),
  type: 'eta',
  ...SITE,
  category: 2,
  expectedAt: t(expectedAt),
  ...extra,
});
const arrived = (at: string, extra: Partial<ArrivedEvent> = {}): ArrivedEvent => ({
  ...base(at),
  type: 'arrived',
  ...SITE,
  category: 2,
  ...extra,
});
const handedOver = (by: HandoverParty, at: string): HandedOverEvent => ({
  ...base(at),
  type: 'handed_over',
  by,
});
const cleared = (at: string): HandoverEvent => ({ ...base(at), type: 'cleared' });
const releaseRequested = (at: string): HandoverEvent => ({ ...base(at), type: 'release_requested' });
const releaseResponded = (at: string, outcome: ReleaseOutcome, reason?: string): ReleaseRespondedEvent =>
  reason === undefined
    ? { ...base(at), type: 'release_responded', outcome }
    : { ...base(at), type: 'release_responded', outcome, reason };
const corrected = (
  field: CorrectableField,
  value: string | number,
  reason = 'Pressed late',
): CorrectedEvent => ({
  ...base('11:00'),
  type: 'corrected',
  field,
  value,
  reason,
});
const cancelled = (at: string, reason: CancelledEvent['reason'] = 'entered_in_error'): CancelledEvent => ({
  ...base(at),
  type: 'cancelled',
  reason,
});

let cursor = 0;
function rec(event: HandoverEvent, actor: Actor = CREW, recordedAt: string = event.at): RecordedEvent {
  return { event, recordedAt, actor, cursor: `c-${String(++cursor).padStart(6, '0')}` };
}

function apply(current: Handover | undefined, event: HandoverEvent, actor: Actor = CREW): ApplyResult {
  return applyEvent(current, rec(event, actor));
}

/** Applies events in order, failing the test if any is refused. */
function build(...events: HandoverEvent[]): Handover {
  let current: Handover | undefined;
  for (const event of events) {
    const result = apply(current, event);
    if (!result.ok) throw new Error(`setup event ${event.type} refused: ${result.error.code}`);
    current = result.handover;
  }
  if (current === undefined) throw new Error('build needs at least one event');
  return current;
}

/** The handover of an accepted result, failing the test otherwise. */
function accepted(result: ApplyResult): Handover {
  if (!result.ok) throw new Error(`expected acceptance, got ${result.error.code}: ${result.error.message}`);
  expect(result.duplicate).toBe(false);
  return result.handover;
}

function expectRefused(result: ApplyResult, code: DomainErrorCode, field?: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.field).toBe(field);
  expect(result.error.message).not.toBe('');
}

// One handover in each state, all arriving at 10:00.
const inbound = (): Handover => build(eta('09:40', '10:00'));
const waiting = (): Handover => build(arrived('10:00'));
const cohorted = (): Handover => build(arrived('10:00'), cleared('10:20'));
const handedOverState = (): Handover => build(arrived('10:00'), handedOver('crew', '10:17'));
const closed = (): Handover => build(arrived('10:00'), handedOver('crew', '10:17'), cleared('10:30'));
const cancelledState = (): Handover => build(arrived('10:00'), cancelled('10:05'));

const NON_CANCELLED: ReadonlyArray<[string, () => Handover]> = [
  ['inbound', inbound],
  ['waiting', waiting],
  ['cohorted', cohorted],
  ['handed_over', handedOverState],
  ['closed', closed],
];

// ---- opening a handover --------------------------------------------------------------------------

describe('eta', () => {
  it('creates an inbound, pre-alerted handover that does not start the clock', () => {
    const event = eta('09:40', '10:00');
    const recorded = rec(event);
    const result = applyEvent(undefined, recorded);
    expect(result).toStrictEqual({
      ok: true,
      duplicate: false,
      handover: {
        handoverId: HID,
        siteCode: 'RTD01',
        ambulanceTrustCode: 'RX6',
        callsign: 'NE123',
        category: 2,
        state: 'inbound',
        preAlerted: true,
        expectedAt: ms('10:00'),
        arrivedAt: undefined,
        crewHandedOverAt: undefined,
        edHandedOverAt: undefined,
        clearedAt: undefined,
        cancelled: undefined,
        releaseRequests: [],
        corrections: [],
        eventIds: [event.eventId],
        lastCursor: recorded.cursor,
      },
    });
  });

  it('leaves category undefined, and out of its JSON, when the pre-alert gives none', () => {
    const { category: _omitted, ...withoutCategory } = eta('09:40', '10:00');
    const handover = accepted(apply(undefined, withoutCategory));
    expect(handover.category).toBeUndefined();
    expect(JSON.parse(JSON.stringify(handover))).not.toHaveProperty('category');
  });

  it('updates expectedAt on an inbound handover', () => {
    const handover = accepted(apply(inbound(), eta('09:45', '10:05')));
    expect(handover.state).toBe('inbound');
    expect(handover.expectedAt).toBe(ms('10:05'));
    expect(handover.eventIds).toHaveLength(2);
  });

  it('is refused after arrival: ALREADY_ARRIVED', () => {
    expectRefused(apply(waiting(), eta('10:05', '10:10')), 'ALREADY_ARRIVED');
  });

  it.each([
    ['siteCode', { siteCode: 'RTD02' }],
    ['ambulanceTrustCode', { ambulanceTrustCode: 'RX7' }],
  ])('with a different %s on an inbound handover: HANDOVER_ID_CONFLICT', (_field, extra) => {
    expectRefused(apply(inbound(), eta('09:45', '10:05', extra)), 'HANDOVER_ID_CONFLICT');
  });
});

describe('arrived', () => {
  it('with no handover creates a waiting one, not pre-alerted, and starts the clock', () => {
    const event = arrived('10:00');
    const recorded = rec(event);
    const result = applyEvent(undefined, recorded);
    expect(result).toStrictEqual({
      ok: true,
      duplicate: false,
      handover: {
        handoverId: HID,
        siteCode: 'RTD01',
        ambulanceTrustCode: 'RX6',
        callsign: 'NE123',
        category: 2,
        state: 'waiting',
        preAlerted: false,
        expectedAt: undefined,
        arrivedAt: ms('10:00'),
        crewHandedOverAt: undefined,
        edHandedOverAt: undefined,
        clearedAt: undefined,
        cancelled: undefined,
        releaseRequests: [],
        corrections: [],
        eventIds: [event.eventId],
        lastCursor: recorded.cursor,
      },
    });
  });

  it('moves an inbound handover to waiting, keeping preAlerted and taking conveyance from the arrival', () => {
    const handover = accepted(apply(inbound(), arrived('10:02', { callsign: 'NE456', category: 1 })));
    expect(handover).toMatchObject({
      state: 'waiting',
      preAlerted: true,
      expectedAt: ms('10:00'),
      arrivedAt: ms('10:02'),
      callsign: 'NE456',
      category: 1,
    });
  });

  it('keeps the pre-alert category when the arrival gives none', () => {
    const { category: _omitted, ...withoutCategory } = arrived('10:02');
    const handover = accepted(apply(inbound(), withoutCategory));
    expect(handover.category).toBe(2);
  });

  it.each([
    ['siteCode', { siteCode: 'RTD02' }],
    ['ambulanceTrustCode', { ambulanceTrustCode: 'RX7' }],
  ])('with a different %s on an inbound handover: HANDOVER_ID_CONFLICT', (_field, extra) => {
    expectRefused(apply(inbound(), arrived('10:00', extra)), 'HANDOVER_ID_CONFLICT');
  });

  it('repeating the same arrival under a new eventId: ALREADY_ARRIVED', () => {
    expectRefused(apply(waiting(), arrived('10:00')), 'ALREADY_ARRIVED');
  });

  it.each(NON_CANCELLED.filter(([state]) => state !== 'inbound'))(
    'repeating the same arrival on a %s handover: ALREADY_ARRIVED',
    (_state, make) => {
      expectRefused(apply(make(), arrived('10:00')), 'ALREADY_ARRIVED');
    },
  );

  it.each([
    ['siteCode', 'RTD02', '10:00'],
    ['ambulanceTrustCode', 'RX7', '10:00'],
    ['callsign', 'NE999', '10:00'],
    ['arrival time', undefined, '10:01'],
  ] as const)('re-using the handover id with a different %s: HANDOVER_ID_CONFLICT', (field, value, at) => {
    const extra = value === undefined ? {} : { [field]: value };
    expectRefused(apply(waiting(), arrived(at, extra)), 'HANDOVER_ID_CONFLICT');
  });
});

describe('events that need an existing handover', () => {
  it.each([
    ['handed_over', handedOver('crew', '10:17')],
    ['cleared', cleared('10:30')],
    ['release_requested', releaseRequested('10:46')],
    ['release_responded', releaseResponded('10:50', 'released')],
    ['corrected', corrected('callsign', 'NE456')],
    ['cancelled', cancelled('10:05')],
  ] as const)('%s with no handover: HANDOVER_NOT_FOUND', (_type, event) => {
    expectRefused(apply(undefined, event), 'HANDOVER_NOT_FOUND');
  });
});

// ---- clinical handover ---------------------------------------------------------------------------

describe('handed_over', () => {
  it('by the crew moves waiting to handed_over and stops the clock', () => {
    const handover = accepted(apply(waiting(), handedOver('crew', '10:17')));
    expect(handover.state).toBe('handed_over');
    expect(handover.crewHandedOverAt).toBe(ms('10:17'));
    expect(handover.edHandedOverAt).toBeUndefined();
  });

  it('by the ED moves waiting to handed_over', () => {
    const handover = accepted(apply(waiting(), handedOver('ed', '10:19'), ED));
    expect(handover.state).toBe('handed_over');
    expect(handover.edHandedOverAt).toBe(ms('10:19'));
    expect(handover.crewHandedOverAt).toBeUndefined();
  });

  it('at the arrival instant itself is accepted', () => {
    expect(accepted(apply(waiting(), handedOver('crew', '10:00'))).crewHandedOverAt).toBe(ms('10:00'));
  });

  it('on a cohorted handover closes it (the crew had already cleared)', () => {
    const handover = accepted(apply(cohorted(), handedOver('ed', '10:40'), ED));
    expect(handover.state).toBe('closed');
    expect(handover.edHandedOverAt).toBe(ms('10:40'));
    expect(handover.clearedAt).toBe(ms('10:20'));
  });

  it('by the second party on a handed_over handover only records its stamp', () => {
    const handover = accepted(apply(handedOverState(), handedOver('ed', '10:25'), ED));
    expect(handover.state).toBe('handed_over');
    expect(handover.crewHandedOverAt).toBe(ms('10:17'));
    expect(handover.edHandedOverAt).toBe(ms('10:25'));
  });

  it('by the second party on a closed handover only records its stamp', () => {
    const handover = accepted(apply(closed(), handedOver('ed', '10:18'), ED));
    expect(handover.state).toBe('closed');
    expect(handover.edHandedOverAt).toBe(ms('10:18'));
  });

  it('before arrival (inbound): NOT_ARRIVED', () => {
    expectRefused(apply(inbound(), handedOver('crew', '10:17')), 'NOT_ARRIVED');
  });

  it('stamped before the arrival time: BEFORE_ARRIVAL on at', () => {
    expectRefused(apply(waiting(), handedOver('crew', '09:59')), 'BEFORE_ARRIVAL', 'at');
  });

  it.each([
    ['crew', handedOverState],
    ['ed', () => build(arrived('10:00'), handedOver('ed', '10:17'))],
  ] as const)('by the %s a second time: ALREADY_HANDED_OVER', (party, make) => {
    expectRefused(apply(make(), handedOver(party, '10:20')), 'ALREADY_HANDED_OVER');
  });
});

// ---- crew clear ----------------------------------------------------------------------------------

describe('cleared', () => {
  it('before handover moves waiting to cohorted; the clock keeps running', () => {
    const handover = accepted(apply(waiting(), cleared('10:20')));
    expect(handover.state).toBe('cohorted');
    expect(handover.clearedAt).toBe(ms('10:20'));
    expect(handover.crewHandedOverAt).toBeUndefined();
    expect(handover.edHandedOverAt).toBeUndefined();
  });

  it('after handover moves handed_over to closed', () => {
    const handover = accepted(apply(handedOverState(), cleared('10:30')));
    expect(handover.state).toBe('closed');
    expect(handover.clearedAt).toBe(ms('10:30'));
  });

  it('before arrival (inbound): NOT_ARRIVED', () => {
    expectRefused(apply(inbound(), cleared('10:30')), 'NOT_ARRIVED');
  });

  it('stamped before the arrival time: BEFORE_ARRIVAL on at', () => {
    expectRefused(apply(waiting(), cleared('09:55')), 'BEFORE_ARRIVAL', 'at');
  });

  it.each([
    ['cohorted', cohorted],
    ['closed', closed],
  ] as const)('a second time on a %s handover: ALREADY_CLEARED', (_state, make) => {
    expectRefused(apply(make(), cleared('10:45')), 'ALREADY_CLEARED');
  });
});

// ---- Release to Respond --------------------------------------------------------------------------

describe('release_requested', () => {
  it('opens a release request on a waiting handover', () => {
    const handover = accepted(apply(waiting(), releaseRequested('10:46'), CONTROL));
    expect(handover.state).toBe('waiting');
    expect(handover.releaseRequests).toStrictEqual([{ requestedAt: ms('10:46'), requestedBy: CONTROL }]);
  });

  it('opens a new request once the previous one was answered', () => {
    const before = build(
      arrived('10:00'),
      releaseRequested('10:46'),
      releaseResponded('10:48', 'declined', 'Resus'),
    );
    const handover = accepted(apply(before, releaseRequested('11:00'), CONTROL));
    expect(handover.releaseRequests).toHaveLength(2);
    expect(handover.releaseRequests[1]).toStrictEqual({ requestedAt: ms('11:00'), requestedBy: CONTROL });
  });

  it('before arrival (inbound): NOT_ARRIVED', () => {
    expectRefused(apply(inbound(), releaseRequested('10:46')), 'NOT_ARRIVED');
  });

  it.each([
    ['cohorted', cohorted],
    ['handed_over', handedOverState],
    ['closed', closed],
  ] as const)('on a %s handover: RELEASE_NOT_APPLICABLE', (_state, make) => {
    expectRefused(apply(make(), releaseRequested('10:46')), 'RELEASE_NOT_APPLICABLE');
  });

  it('while a request is open: RELEASE_ALREADY_REQUESTED', () => {
    const open = build(arrived('10:00'), releaseRequested('10:46'));
    expectRefused(apply(open, releaseRequested('10:50')), 'RELEASE_ALREADY_REQUESTED');
  });
});

describe('release_responded', () => {
  const withOpenRequest = (): Handover => build(arrived('10:00'), releaseRequested('10:46'));

  it('released: fills the open request', () => {
    const handover = accepted(apply(withOpenRequest(), releaseResponded('10:49', 'released'), ED));
    expect(handover.releaseRequests).toStrictEqual([
      {
        requestedAt: ms('10:46'),
        requestedBy: CREW,
        respondedAt: ms('10:49'),
        respondedBy: ED,
        outcome: 'released',
      },
    ]);
    expect(handover.state).toBe('waiting');
  });

  it('declined with a reason: fills the open request with the reason', () => {
    const handover = accepted(
      apply(withOpenRequest(), releaseResponded('10:49', 'declined', 'Patient in resus'), ED),
    );
    expect(handover.releaseRequests[0]).toMatchObject({
      respondedAt: ms('10:49'),
      respondedBy: ED,
      outcome: 'declined',
      reason: 'Patient in resus',
    });
  });

  it('is accepted after handover already happened', () => {
    const before = build(arrived('10:00'), releaseRequested('10:46'), handedOver('crew', '10:47'));
    const handover = accepted(apply(before, releaseResponded('10:50', 'released'), ED));
    expect(handover.state).toBe('handed_over');
    expect(handover.releaseRequests[0]?.outcome).toBe('released');
  });

  it('with no request at all: NO_OPEN_RELEASE_REQUEST', () => {
    expectRefused(apply(waiting(), releaseResponded('10:49', 'released')), 'NO_OPEN_RELEASE_REQUEST');
  });

  it('when the only request was already answered: NO_OPEN_RELEASE_REQUEST', () => {
    const answered = build(
      arrived('10:00'),
      releaseRequested('10:46'),
      releaseResponded('10:48', 'released'),
    );
    expectRefused(apply(answered, releaseResponded('10:49', 'declined', 'Busy')), 'NO_OPEN_RELEASE_REQUEST');
  });

  it.each([
    ['no reason', undefined],
    ['an empty reason', ''],
    ['a blank reason', '   '],
  ])('declined with %s: REASON_REQUIRED on reason', (_case, reason) => {
    expectRefused(
      apply(withOpenRequest(), releaseResponded('10:49', 'declined', reason)),
      'REASON_REQUIRED',
      'reason',
    );
  });
});

describe('replaying a log admitted under earlier rules', () => {
  it('folds what the API no longer takes (stricter checks live at admission): the log never changes meaning', () => {
    const handover = build(
      arrived('10:00'),
      releaseRequested('09:58'),
      releaseResponded('09:57', 'released'),
      corrected('arrivedAt', '2025-06-01T09:59+01:00'),
    );
    expect(handover.releaseRequests[0]).toMatchObject({ requestedAt: ms('09:58'), respondedAt: ms('09:57') });
    expect(handover.arrivedAt).toBe(Date.parse('2025-06-01T08:59:00Z'));
  });
});

// ---- corrections ---------------------------------------------------------------------------------

describe('corrected', () => {
  // Arrived 10:00, crew 10:17, ED 10:20, cleared 10:35.
  const full = (): Handover =>
    build(arrived('10:00'), handedOver('crew', '10:17'), handedOver('ed', '10:20'), cleared('10:35'));

  it('changes a timestamp and appends the audit entry, leaving the state alone', () => {
    const event = corrected('arrivedAt', '2025-06-01T10:06:00+01:00', 'Arrival pressed late');
    const recorded = rec(event, ED, '2025-06-01T11:00:05.000Z');
    const handover = accepted(applyEvent(full(), recorded));
    expect(handover.arrivedAt).toBe(ms('09:06'));
    expect(handover.state).toBe('closed');
    expect(handover.corrections).toStrictEqual([
      {
        eventId: event.eventId,
        field: 'arrivedAt',
        oldValue: '2025-06-01T10:00:00.000Z',
        newValue: '2025-06-01T10:06:00+01:00',
        reason: 'Arrival pressed late',
        at: ms('11:00'),
        recordedAt: Date.parse('2025-06-01T11:00:05.000Z'),
        by: ED,
      },
    ]);
    expect(handover.lastCursor).toBe(recorded.cursor);
  });

  it.each([
    ['crewHandedOverAt', '10:15', '2025-06-01T10:17:00.000Z'],
    ['edHandedOverAt', '10:16', '2025-06-01T10:20:00.000Z'],
    ['clearedAt', '10:40', '2025-06-01T10:35:00.000Z'],
  ] as const)('changes %s', (field, value, oldValue) => {
    const handover = accepted(apply(full(), corrected(field, t(value))));
    expect(handover[field]).toBe(ms(value));
    expect(handover.state).toBe('closed');
    expect(handover.corrections[0]).toMatchObject({ field, oldValue, newValue: t(value) });
  });

  it('sets a category the arrival never gave, with oldValue null', () => {
    const { category: _omitted, ...withoutCategory } = arrived('10:00');
    const handover = accepted(apply(build(withoutCategory), corrected('category', 1)));
    expect(handover.category).toBe(1);
    expect(handover.corrections[0]).toMatchObject({ field: 'category', oldValue: null, newValue: 1 });
  });

  it('changes the category', () => {
    const handover = accepted(apply(waiting(), corrected('category', 3)));
    expect(handover.category).toBe(3);
    expect(handover.corrections[0]).toMatchObject({ oldValue: 2, newValue: 3 });
  });

  it('changes the callsign, even while inbound', () => {
    const handover = accepted(apply(inbound(), corrected('callsign', 'NE456')));
    expect(handover.callsign).toBe('NE456');
    expect(handover.state).toBe('inbound');
    expect(handover.corrections[0]).toMatchObject({
      field: 'callsign',
      oldValue: 'NE123',
      newValue: 'NE456',
    });
  });

  it('appends to earlier corrections', () => {
    const handover = build(arrived('10:00'), corrected('callsign', 'NE456'), corrected('callsign', 'NE789'));
    expect(handover.corrections.map((c) => [c.oldValue, c.newValue])).toStrictEqual([
      ['NE123', 'NE456'],
      ['NE456', 'NE789'],
    ]);
  });

  it.each([
    ['empty', ''],
    ['blank', '  '],
  ])('with an %s reason: REASON_REQUIRED on reason', (_case, reason) => {
    expectRefused(apply(full(), corrected('callsign', 'NE456', reason)), 'REASON_REQUIRED', 'reason');
  });

  it.each([
    ['arrivedAt', inbound],
    ['crewHandedOverAt', waiting],
    ['edHandedOverAt', handedOverState],
    ['clearedAt', handedOverState],
  ] as const)('of %s that was never recorded: INVALID_CORRECTION on field', (field, make) => {
    expectRefused(apply(make(), corrected(field, t('10:10'))), 'INVALID_CORRECTION', 'field');
  });

  it.each([
    ['a number for a timestamp', 'crewHandedOverAt', 1_748_772_000_000],
    ['text that is not a timestamp', 'crewHandedOverAt', 'quarter past ten'],
    ['a timestamp without an offset', 'crewHandedOverAt', '2025-06-01T10:15:00'],
    ['an impossible date', 'clearedAt', '2025-13-01T10:15:00Z'],
    ['category 0', 'category', 0],
    ['category 6', 'category', 6],
    ['category as text', 'category', '2'],
    ['an empty callsign', 'callsign', ''],
    ['a blank callsign', 'callsign', '   '],
    ['a numeric callsign', 'callsign', 123],
  ] as const)('with %s: INVALID_CORRECTION on value', (_case, field, value) => {
    expectRefused(apply(full(), corrected(field, value)), 'INVALID_CORRECTION', 'value');
  });

  it.each([
    ['crewHandedOverAt before arrival', 'crewHandedOverAt', '09:59'],
    ['edHandedOverAt before arrival', 'edHandedOverAt', '09:30'],
    ['clearedAt before arrival', 'clearedAt', '09:45'],
    ['arrivedAt after the crew stamp', 'arrivedAt', '10:18'],
    ['arrivedAt after the clear', 'arrivedAt', '10:36'],
  ] as const)('putting %s: BEFORE_ARRIVAL on value', (_case, field, value) => {
    expectRefused(apply(full(), corrected(field, t(value))), 'BEFORE_ARRIVAL', 'value');
  });

  it('moving arrival later, still not after any stamp, is accepted', () => {
    expect(accepted(apply(full(), corrected('arrivedAt', t('10:17')))).arrivedAt).toBe(ms('10:17'));
  });
});

// ---- cancellation --------------------------------------------------------------------------------

describe('cancelled', () => {
  it.each(NON_CANCELLED)('moves a %s handover to cancelled', (_state, make) => {
    const handover = accepted(apply(make(), cancelled('11:00', 'duplicate'), ED));
    expect(handover.state).toBe('cancelled');
    expect(handover.cancelled).toStrictEqual({ reason: 'duplicate', at: ms('11:00'), by: ED });
  });

  it.each([
    ['eta', eta('10:10', '10:20')],
    ['arrived', arrived('10:00')],
    ['handed_over', handedOver('crew', '10:17')],
    ['cleared', cleared('10:30')],
    ['release_requested', releaseRequested('10:46')],
    ['release_responded', releaseResponded('10:50', 'released')],
    ['corrected', corrected('callsign', 'NE456')],
    ['cancelled', cancelled('10:10')],
  ] as const)('refuses %s on a cancelled handover: HANDOVER_CANCELLED', (_type, event) => {
    expectRefused(apply(cancelledState(), event), 'HANDOVER_CANCELLED');
  });
});

// ---- bookkeeping, idempotency, purity ------------------------------------------------------------

describe('bookkeeping', () => {
  it('appends every applied eventId and moves lastCursor', () => {
    const first = arrived('10:00');
    const second = handedOver('crew', '10:17');
    const recorded = rec(second);
    const handover = accepted(applyEvent(build(first), recorded));
    expect(handover.eventIds).toStrictEqual([first.eventId, second.eventId]);
    expect(handover.lastCursor).toBe(recorded.cursor);
  });

  it('returns the same handover, marked duplicate, when the eventId was already applied', () => {
    const event = handedOver('crew', '10:17');
    const current = build(arrived('10:00'), event);
    const result = applyEvent(current, rec(event));
    expect(result).toStrictEqual({ ok: true, handover: current, duplicate: true });
    if (result.ok) expect(result.handover).toBe(current);
  });

  it('treats a resent event as a duplicate even after the handover was cancelled', () => {
    const event = arrived('10:00');
    const current = build(event, cancelled('10:05'));
    expect(applyEvent(current, rec(event))).toStrictEqual({ ok: true, handover: current, duplicate: true });
  });

  it('does not refuse a resend whose content changed: the eventId alone decides (the store checks reuse)', () => {
    const event = handedOver('crew', '10:17');
    const current = build(arrived('10:00'), event);
    const result = applyEvent(current, rec({ ...event, at: t('10:40') }));
    expect(result).toStrictEqual({ ok: true, handover: current, duplicate: true });
  });

  it('does not mutate the current handover', () => {
    const current = build(arrived('10:00'), releaseRequested('10:46'));
    const snapshot = structuredClone(current);
    accepted(apply(current, releaseResponded('10:49', 'released')));
    expect(current).toStrictEqual(snapshot);
  });

  it('throws when handed an event for another handover (a caller bug, not a refusal)', () => {
    expect(() => applyEvent(waiting(), rec({ ...cleared('10:30'), handoverId: 'h-2' }))).toThrow(RangeError);
  });

  it('throws on an event timestamp that is not ISO 8601 with an offset (the wire schema rejects it)', () => {
    expect(() => apply(undefined, { ...arrived('10:00'), at: '2025-06-01 10:00' })).toThrow(RangeError);
  });
});

describe('foldEvents', () => {
  it('folds several handovers by id, skipping refused events', () => {
    const other = { ...arrived('10:05'), handoverId: 'h-2', callsign: 'NE777' };
    const refused = handedOver('crew', '09:00'); // before arrival
    const events = [arrived('10:00'), other, refused, handedOver('crew', '10:17'), cleared('10:30')].map(
      (e) => rec(e),
    );
    const handovers = foldEvents(events);
    expect([...handovers.keys()]).toStrictEqual([HID, 'h-2']);
    expect(handovers.get(HID)).toMatchObject({ state: 'closed', crewHandedOverAt: ms('10:17') });
    expect(handovers.get(HID)?.eventIds).not.toContain(refused.eventId);
    expect(handovers.get('h-2')).toMatchObject({ state: 'waiting', callsign: 'NE777' });
  });

  it('returns an empty map for no events', () => {
    expect(foldEvents([]).size).toBe(0);
  });
});

// ---- properties ----------------------------------------------------------------------------------

const START = Date.parse('2025-06-01T09:00:00Z');
const instantArb = (maxMinutes: number): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max: maxMinutes }).map((m) => new Date(START + m * 60_000).toISOString());
const at = instantArb(180);
const conveyanceArb = fc.record({
  siteCode: fc.constantFrom('RTD01', 'RTD01', 'RTD01', 'RTD02'),
  ambulanceTrustCode: fc.constant('RX6'),
  callsign: fc.constantFrom('NE123', 'NE123', 'NE456'),
  category: fc.constantFrom(...CATEGORIES),
});
const ids = { eventId: fc.constant(''), handoverId: fc.constant(HID) };

const etaArb: fc.Arbitrary<HandoverEvent> = fc
  .record({ ...ids, at: instantArb(30), expectedAt: at, conveyance: conveyanceArb })
  .map(({ conveyance, ...rest }) => ({ ...rest, ...conveyance, type: 'eta' as const }));
const arrivedArb: fc.Arbitrary<HandoverEvent> = fc
  .record({ ...ids, at: instantArb(30), conveyance: conveyanceArb })
  .map(({ conveyance, ...rest }) => ({ ...rest, ...conveyance, type: 'arrived' as const }));
// Weighted so that sequences often get past arrival before a (terminal) cancel.
const anyEventArb: fc.Arbitrary<HandoverEvent> = fc.oneof(
  { arbitrary: etaArb, weight: 1 },
  { arbitrary: arrivedArb, weight: 2 },
  {
    arbitrary: fc.record({
      ...ids,
      at,
      type: fc.constant('handed_over' as const),
      by: fc.constantFrom(...HANDOVER_PARTIES),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ ...ids, at, type: fc.constant('cleared' as const) }), weight: 3 },
  { arbitrary: fc.record({ ...ids, at, type: fc.constant('release_requested' as const) }), weight: 3 },
  {
    arbitrary: fc.record({
      ...ids,
      at,
      type: fc.constant('release_responded' as const),
      outcome: fc.constantFrom(...RELEASE_OUTCOMES),
      reason: fc.constantFrom('Patient in resus', ''),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      ...ids,
      at,
      type: fc.constant('corrected' as const),
      field: fc.constantFrom(...CORRECTABLE_FIELDS),
      value: fc.oneof(at, at, fc.constantFrom(1, 3, 6), fc.constantFrom('NE789', '')),
      reason: fc.constantFrom('Pressed late', 'Pressed late', ''),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      ...ids,
      at,
      type: fc.constant('cancelled' as const),
      reason: fc.constantFrom(...CANCEL_REASONS),
    }),
    weight: 1,
  },
);

/** One handover's events, opened by eta or arrived, with unique eventIds and log cursors. */
const sequenceArb: fc.Arbitrary<RecordedEvent[]> = fc
  .tuple(
    fc.oneof(etaArb, arrivedArb),
    fc.array(anyEventArb, { minLength: 3, maxLength: 30 }),
    fc.array(fc.boolean()),
  )
  .map(([first, rest, byEd]) =>
    [first, ...rest].map((event, i) => ({
      event: { ...event, eventId: `p-${i}` },
      recordedAt: event.at,
      actor: byEd[i] ? ED : CREW,
      cursor: `p-${String(i).padStart(4, '0')}`,
    })),
  );

/** The events the reducer accepts, in order: what a store would keep in its log. */
function acceptedLog(events: readonly RecordedEvent[]): RecordedEvent[] {
  const log: RecordedEvent[] = [];
  let current: Handover | undefined;
  for (const recorded of events) {
    const result = applyEvent(current, recorded);
    if (result.ok && !result.duplicate) {
      log.push(recorded);
      current = result.handover;
    }
  }
  return log;
}

/** Inserts copies of events, each after its original (a resend can only follow the first send). */
function withResends(events: readonly RecordedEvent[], picks: readonly [number, number][]): RecordedEvent[] {
  const out = [...events];
  for (const [which, where] of picks) {
    if (out.length === 0) break;
    const i = which % out.length;
    const copy = out[i];
    if (copy === undefined) continue;
    out.splice(i + 1 + (where % (out.length - i)), 0, copy);
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('properties', () => {
  const picksArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 });

  it('resending accepted events anywhere later changes nothing', () => {
    fc.assert(
      fc.property(sequenceArb, picksArb, (events, picks) => {
        const log = acceptedLog(events);
        expect(foldEvents(withResends(log, picks))).toStrictEqual(foldEvents(log));
      }),
    );
  });

  it('applying any event twice in a row equals applying it once, accepted or refused', () => {
    fc.assert(
      fc.property(sequenceArb, (events) => {
        const twice = events.flatMap((recorded) => [recorded, recorded]);
        expect(foldEvents(twice)).toStrictEqual(foldEvents(events));
        let current: Handover | undefined;
        for (const recorded of events) {
          const once = applyEvent(current, recorded);
          if (!once.ok) continue;
          expect(applyEvent(once.handover, recorded)).toStrictEqual({ ...once, duplicate: true });
          current = once.handover;
        }
      }),
    );
  });

  it('never mutates the current handover or the recorded event', () => {
    fc.assert(
      fc.property(sequenceArb, (events) => {
        let current: Handover | undefined;
        for (const recorded of events) {
          deepFreeze(recorded);
          deepFreeze(current);
          const before = structuredClone({ current, recorded });
          const result = applyEvent(current, recorded); // frozen: any mutation throws
          expect({ current, recorded }).toStrictEqual(before);
          if (result.ok) current = result.handover;
        }
      }),
    );
  });

  it('keeps state in HANDOVER_STATES, cancelled absorbing, and eventIds/lastCursor matching the log', () => {
    fc.assert(
      fc.property(sequenceArb, (events) => {
        let current: Handover | undefined;
        const applied: string[] = [];
        for (const recorded of events) {
          const result = applyEvent(current, recorded);
          if (current?.state === 'cancelled') {
            if (result.ok) expect(result.duplicate).toBe(true);
            else expect(result.error.code).toBe('HANDOVER_CANCELLED');
          }
          if (!result.ok) continue;
          expect(HANDOVER_STATES).toContain(result.handover.state);
          if (!result.duplicate) {
            applied.push(recorded.event.eventId);
            expect(result.handover.eventIds).toStrictEqual(applied);
            expect(result.handover.lastCursor).toBe(recorded.cursor);
          }
          current = result.handover;
        }
      }),
    );
  });
});

describe('one shape for every handover', () => {
  const keysOf = (handover: Handover): string[] => Object.keys(handover);
  const reference = keysOf(waiting());

  it('whatever events made it: the same fields, in the same order', () => {
    const made = [
      inbound(),
      cohorted(),
      handedOverState(),
      closed(),
      cancelledState(),
      build(eta('09:40', '10:00'), arrived('10:00')),
      build(arrived('10:00'), releaseRequested('10:20'), releaseResponded('10:25', 'released')),
      build(arrived('10:00'), corrected('category', 1)),
      build(arrived('10:00', { category: undefined })),
    ];
    for (const handover of made) expect(keysOf(handover)).toStrictEqual(reference);
  });

  it('a handover parsed from JSON, which leaves absent fields out, takes it back', () => {
    const parsed: Handover = JSON.parse(JSON.stringify(closed()));
    expect(keysOf(parsed)).not.toStrictEqual(reference);
    expect(keysOf(shapedHandover(parsed))).toStrictEqual(reference);
    expect(shapedHandover(parsed)).toEqual(parsed);
  });
});
