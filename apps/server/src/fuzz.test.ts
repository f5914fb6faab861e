import { randomUUID } from 'node:crypto';
import {
  CANCEL_REASONS,
  CATEGORIES,
  CORRECTABLE_FIELDS,
  EVENT_TYPES,
  type EventType,
  HANDOVER_PARTIES,
  type Handover,
  RELEASE_OUTCOMES,
  type RecordedEvent,
} from '@handover/domain';
import { API_ERROR_CODES, type ApiErrorCode, MAX_BATCH_EVENTS, ROLES, statusOf } from '@handover/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCredentials } from './access/credentials';
import { startTestApp, type TestApp, type TestCredentialName } from './test-support/test-app';

/*
 * Property-based fuzzing of every write route, in process, on the real file store with a fixed clock.
 * Whatever arrives, the server must answer below 500, explain every 4xx with a stable code, leave the
 * log, the projection and the credentials exactly as they were when it refuses, and write exactly what
 * it says it accepted. The app's state carries over from run to run on purpose (so duplicates, re-used
 * ids and domain refusals occur), so every check compares the state just before and just after one
 * request, never against a fixed expectation.
 *
 * Runs per property are in RUNS and the test names: at least 10,000 cases in all (checked below).
 * A failure prints its (shrunk) input: since the state carries over, replay that input rather than the seed.
 */

const NOW = Date.parse('2026-01-12T12:00:00Z');
const MIN = 60_000;
const EVENTS = '/api/v1/events';
const BATCH = '/api/v1/events/batch';
const CREDENTIALS = '/api/v1/admin/credentials';

/** Generated cases per property (the sequences send several requests each): 15,500 in all. */
const RUNS = {
  randomJson: 3_000,
  randomBatches: 1_500,
  mutatedEvents: 5_000,
  mutatedBatches: 1_200,
  sequences: 600,
  rawBodies: 2_000,
  credentialRequests: 1_500,
  revocations: 700,
} as const;
const n = (count: number) => count.toLocaleString('en-GB');

let t: TestApp;
/** The last cursor of the log seen so far: what a request appended is what comes after it. */
let logCursor: string | null = null;

beforeAll(async () => {
  // The fixed clock never refills the rate limiter: give it more tokens than the suite sends.
  t = await startTestApp({ now: () => NOW, config: { rateLimit: { ratePerSecond: 1, burst: 10_000_000 } } });
  logCursor = (await t.store.readAfter(null, 1_000_000)).at(-1)?.cursor ?? null;
});
afterAll(() => t.close());

// ---------------------------------------------------------------------------------------------------
// Sending one request and checking every invariant around it
// ---------------------------------------------------------------------------------------------------

interface FuzzRequest {
  method: 'POST' | 'DELETE';
  url: string;
  /** Credential name, a raw Authorization header, or none. */
  as: TestCredentialName | { header: string } | 'none';
  contentType?: string | undefined;
  payload?: string | Buffer | undefined;
}

/** Counts answers per property, so the log shows the fuzzer got past the schema (and the test can insist). */
class Tally {
  private readonly counts = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  has(prefix: string): boolean {
    return [...this.counts.keys()].some((key) => key.startsWith(prefix));
  }
  total(): number {
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }
  toString(): string {
    return [...this.counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key} x${n}`)
      .join(', ');
  }
}

interface ProjectionSnapshot {
  cursor: string | null;
  handovers: Map<string, Handover>;
  /** JSON of the handovers the request names, taken before it. */
  named: Map<string, string>;
}

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Serialising the whole projection around each of 10,000 requests would dominate the run, so: the
 * handover map is compared by identity (the reducer replaces a handover, never edits it, so any
 * change, addition or removal shows), and the handovers the request names are compared by their JSON
 * (which would also catch an edit in place where one could happen).
 */
function snapshotProjection(payload: FuzzRequest['payload']): ProjectionSnapshot {
  const { projection } = t.app;
  const named = new Map<string, string>();
  const text = typeof payload === 'string' ? payload : (payload?.toString('latin1') ?? '');
  for (const id of text.match(UUID_IN_TEXT) ?? []) {
    const handover = projection.get(id);
    if (handover !== undefined) named.set(id, JSON.stringify(handover));
  }
  return { cursor: projection.cursor, handovers: new Map(projection.handovers), named };
}

function projectionChanges(before: ProjectionSnapshot): string[] {
  const { projection } = t.app;
  const changes: string[] = [];
  if (projection.cursor !== before.cursor) changes.push(`cursor ${before.cursor} -> ${projection.cursor}`);
  if (projection.handovers.size !== before.handovers.size) {
    changes.push(`${before.handovers.size} -> ${projection.handovers.size} handovers`);
  }
  for (const [id, handover] of projection.handovers) {
    if (before.handovers.get(id) !== handover) changes.push(`handover ${id} replaced or added`);
  }
  for (const [id, json] of before.named) {
    if (JSON.stringify(projection.get(id)) !== json) changes.push(`handover ${id} edited`);
  }
  return changes;
}

async function appendedSinceLastLook(): Promise<RecordedEvent[]> {
  const appended = await t.store.readAfter(logCursor, 100_000);
  logCursor = appended.at(-1)?.cursor ?? logCursor;
  return appended;
}

async function credentialsJson(): Promise<string> {
  return JSON.stringify(await listCredentials(t.store.documents));
}

interface ErrorBody {
  error: { code: ApiErrorCode; message: string; field?: string };
}
interface AcceptedBody {
  outcome: 'accepted' | 'duplicate';
  eventId: string;
}
type BatchItem = { index: number; status: number } & (Partial<AcceptedBody> & Partial<ErrorBody>);
interface BatchBody {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: BatchItem[];
}

function isKnownError(value: unknown, status: number): boolean {
  const error = (value as Partial<ErrorBody> | null)?.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    API_ERROR_CODES.includes(error.code) &&
    typeof error.message === 'string' &&
    error.message !== '' &&
    statusOf(error.code) === status
  );
}

/** Sends one request and checks every invariant; returns the status for the tally. */
async function send(request: FuzzRequest, tally: Tally): Promise<number> {
  const isAdmin = request.url.startsWith(CREDENTIALS);
  const projectionBefore = snapshotProjection(request.payload);
  const credentialsBefore = isAdmin ? await credentialsJson() : '';
  const headers: Record<string, string> = {};
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (request.as === 'none') {
    // no Authorization header
  } else if (typeof request.as === 'string') {
    headers.authorization = `Bearer ${t.tokens[request.as]}`;
  } else {
    headers.authorization = request.as.header;
  }
  const response = await t.app.inject({
    method: request.method,
    url: request.url,
    headers,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
  const status = response.statusCode;
  const where = `${request.method} ${request.url} -> ${status} ${response.body.slice(0, 500)}`;
  let body: unknown;
  try {
    body = response.json();
  } catch {
    throw new Error(`answer is not JSON: ${where}`);
  }
  const code = status >= 400 ? (body as Partial<ErrorBody>).error?.code : undefined;
  tally.add(`${status}${code ? ` ${code}` : ''}`);

  expect(status, where).toBeLessThan(500);
  const appended = await appendedSinceLastLook();
  const appendedIds = appended.map((r) => r.event.eventId);
  const refused = status >= 400;
  if (refused) expect(isKnownError(body, status), `4xx without a known error code: ${where}`).toBe(true);

  if (isAdmin || refused) {
    expect(appendedIds, `a refused or admin request wrote events: ${where}`).toEqual([]);
    expect(projectionChanges(projectionBefore), `the projection changed: ${where}`).toEqual([]);
  }
  if (isAdmin) {
    const after = await credentialsJson();
    if (refused)
      expect(after, `a refused admin request changed credentials: ${where}`).toBe(credentialsBefore);
    else checkCredentialChange(request, body, JSON.parse(credentialsBefore), JSON.parse(after), where);
    return status;
  }
  if (refused) return status;

  if (request.url === EVENTS) {
    const accepted = body as AcceptedBody;
    if (status === 201) {
      expect(accepted.outcome, where).toBe('accepted');
      expect(appendedIds, `201 must append exactly its event: ${where}`).toEqual([accepted.eventId]);
    } else {
      expect([status, accepted.outcome], where).toEqual([200, 'duplicate']);
      expect(appendedIds, `a duplicate wrote: ${where}`).toEqual([]);
      expect(projectionChanges(projectionBefore), `a duplicate changed the projection: ${where}`).toEqual([]);
    }
    return status;
  }

  // The batch route: 200 with a result per event; exactly the 201 results were written.
  expect(status, where).toBe(200);
  const batch = body as BatchBody;
  const acceptedIds = batch.results.filter((r) => r.status === 201).map((r) => r.eventId);
  expect([...appendedIds].sort(), `the batch wrote other events than it accepted: ${where}`).toEqual(
    [...acceptedIds].sort(),
  );
  expect(batch.accepted, where).toBe(appendedIds.length);
  expect(batch.accepted + batch.duplicates + batch.rejected, where).toBe(batch.results.length);
  for (const result of batch.results) {
    tally.add(`  batch item ${result.status}${result.error ? ` ${result.error.code}` : ''}`);
    if (result.status >= 400) {
      expect(isKnownError(result, result.status), `batch item without a known error: ${where}`).toBe(true);
      // The field at fault is named within the batch, whichever check refused the event.
      const field = result.error?.field ?? `events/${result.index}/`;
      expect(
        field.startsWith(`events/${result.index}/`),
        `field ${field} not within the batch: ${where}`,
      ).toBe(true);
    }
    expect(result.status, where).toBeLessThan(500);
  }
  if (batch.accepted === 0) {
    expect(projectionChanges(projectionBefore), `nothing accepted, yet changed: ${where}`).toEqual([]);
  }
  return status;
}

interface CredentialSummaryJson {
  id: string;
  revokedAt?: string;
}

/** A created credential is exactly one more; a revoke marks exactly that one (again: no change). */
function checkCredentialChange(
  request: FuzzRequest,
  body: unknown,
  before: CredentialSummaryJson[],
  after: CredentialSummaryJson[],
  where: string,
): void {
  if (request.method === 'POST') {
    const created = (body as { record: CredentialSummaryJson }).record;
    expect(after.length, where).toBe(before.length + 1);
    expect(
      after.filter((c) => c.id !== created.id),
      where,
    ).toEqual(before);
    createdCredentialIds.push(created.id);
    return;
  }
  const revoked = body as CredentialSummaryJson;
  expect(typeof revoked.revokedAt, where).toBe('string');
  expect(
    after.map((c) => (c.id === revoked.id ? { ...c, revokedAt: undefined } : c)),
    where,
  ).toEqual(before.map((c) => (c.id === revoked.id ? { ...c, revokedAt: undefined } : c)));
}

const createdCredentialIds: string[] = [];

/** After each property: the app still answers, still accepts a good event, and nothing got polluted. */
async function expectStillServing(): Promise<void> {
  expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  const good = {
    type: 'arrived',
    eventId: randomUUID(),
    handoverId: randomUUID(),
    at: new Date(NOW - MIN).toISOString(),
    siteCode: 'RRK15',
    ambulanceTrustCode: 'RYA',
    callsign: 'WM 1',
  };
  const tally = new Tally();
  expect(await send(post(EVENTS, good), tally)).toBe(201);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

function post(url: string, body: unknown, as: FuzzRequest['as'] = 'feed'): FuzzRequest {
  return { method: 'POST', url, as, contentType: 'application/json', payload: toJsonText(body) };
}

// ---------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------

/** A JSON fragment written as is: numbers JSON.stringify cannot produce (1e400, -0, 1.0). */
class RawJson {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return `raw(${this.text})`;
  }
}

/**
 * A value `depth` levels deep in alternating objects and arrays. Written straight as text: fast-check
 * prints counterexamples recursively, and JSON.stringify with a replacer, both overflow at a few
 * thousand levels (JSON.parse on the server does not).
 */
class Deep {
  constructor(
    readonly depth: number,
    readonly leaf: unknown,
  ) {}
  text(): string {
    const open = Array.from({ length: this.depth }, (_, i) => (i % 2 === 0 ? '{"a":' : '['));
    const close = open.map((o) => (o === '[' ? ']' : '}')).reverse();
    return `${open.join('')}${toJsonText(this.leaf) || 'null'}${close.join('')}`;
  }
  [fc.toStringMethod](): string {
    return `deep(${this.depth}, ${fc.stringify(this.leaf)})`;
  }
}

function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) return `\u0000raw${raws.push(v.text) - 1}\u0000`;
    return v instanceof Deep ? `\u0000raw${raws.push(v.text()) - 1}\u0000` : v;
  });
  // JSON.stringify(undefined) is undefined: send the empty body instead.
  return (text ?? '').replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)] ?? 'null');
}

/** Own property even for '__proto__' (plain assignment would set the prototype instead). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function copyRecord(source: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) setOwn(copy, key, source[key]);
  return copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof RawJson) &&
    !(value instanceof Deep)
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant written in local time with an offset, as a sender outside UTC would. */
function withOffset(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMinutes * MIN).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Minutes before NOW (negative: after), written with a realistic offset. */
const timestamp = (minMinutesAgo: number, maxMinutesAgo: number) =>
  fc
    .tuple(
      fc.integer({ min: minMinutesAgo, max: maxMinutesAgo }),
      fc.constantFrom(0, 0, 0, 60, -300, 330, 840, -720),
    )
    .map(([ago, offset]) => withOffset(NOW - ago * MIN, offset));

// Real ODS codes (sites at two acute trusts, three ambulance trusts) and one code that does not exist.
const SITES = ['RRK15', 'RRK97', 'R0A02', 'RAJ12', 'ZZZ99'] as const;
const TRUSTS = ['RYA', 'RX7', 'RX9', 'ZZ9'] as const;
const HANDOVER_POOL = Array.from({ length: 12 }, () => randomUUID());

const uuid = fc.uuid({ version: 4 });
// Pooled handover ids make follow-up events and domain refusals likely; fresh ones, new handovers.
const handoverId = fc.oneof(fc.constantFrom(...HANDOVER_POOL), uuid);
const callsign = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 /-]{0,15}$/);
const reasonText = fc.string({ minLength: 1, maxLength: 500 });
const conveyance = fc.record(
  {
    siteCode: fc.constantFrom(...SITES),
    ambulanceTrustCode: fc.constantFrom(...TRUSTS),
    callsign,
    category: fc.constantFrom(...CATEGORIES),
  },
  { requiredKeys: ['siteCode', 'ambulanceTrustCode', 'callsign'] },
);
const correction = fc.oneof(
  fc.record({
    field: fc.constantFrom('arrivedAt', 'crewHandedOverAt', 'edHandedOverAt', 'clearedAt'),
    value: timestamp(0, 600),
  }),
  fc.record({ field: fc.constant('category'), value: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ field: fc.constant('callsign'), value: callsign }),
);

type WireEvent = Record<string, unknown>;

/** A well-formed event of `type`: it passes the schema; whether the domain takes it depends on history. */
function eventOf(type: EventType, id: fc.Arbitrary<string> = handoverId): fc.Arbitrary<WireEvent> {
  const base = fc.record({ type: fc.constant(type), eventId: uuid, handoverId: id, at: timestamp(1, 600) });
  const extra: fc.Arbitrary<WireEvent> = (() => {
    switch (type) {
      case 'eta':
        return fc.tuple(conveyance, timestamp(-60, 60)).map(([c, expectedAt]) => ({ ...c, expectedAt }));
      case 'arrived':
        return conveyance;
      case 'handed_over':
        return fc.record({ by: fc.constantFrom(...HANDOVER_PARTIES) });
      case 'release_responded':
        return fc.record(
          { outcome: fc.constantFrom(...RELEASE_OUTCOMES), reason: reasonText },
          { requiredKeys: ['outcome'] },
        );
      case 'corrected':
        return fc.tuple(correction, reasonText).map(([c, reason]) => ({ ...c, reason }));
      case 'cancelled':
        return fc.record({ reason: fc.constantFrom(...CANCEL_REASONS) });
      case 'cleared':
      case 'release_requested':
        return fc.constant({});
    }
  })();
  return fc.tuple(base, extra).map(([b, e]) => ({ ...b, ...e }));
}

const validEvent: fc.Arbitrary<WireEvent> = fc.oneof(
  { weight: 4, arbitrary: eventOf('arrived') },
  ...EVENT_TYPES.filter((type) => type !== 'arrived').map((type) => ({
    weight: 1,
    arbitrary: eventOf(type),
  })),
);

const PATIENT_FIELDS = ['nhsNumber', 'patientName', 'dateOfBirth', 'address', 'postcode', 'gender'];
const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''];

const extremeString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'toString',
    '\u0000',
    '\ud800',
    '\udfff',
    'a\u2028b\u2029',
    '\ufeffRRK15',
    '\u202eRRK15',
    'ＲＲＫ１５',
    'rrk15',
    'RRK15 ',
    'null',
    'undefined',
    'NaN',
    'Infinity',
    '-1',
    '1e309',
    '0x1F',
    '<script>alert(1)</script>',
    "'; DROP TABLE events; --",
    '../../etc/passwd',
    '\u0024{jndi:ldap://x/a}', // a log4shell probe
    '😀'.repeat(50),
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u2028', '\n', '\r'),
    maxLength: 20,
  }),
  fc.integer({ min: 600, max: 120_000 }).map((n) => 'x'.repeat(n)),
);

const oddNumber = fc.oneof(
  fc.constantFrom(
    new RawJson('1e400'),
    new RawJson('-1e400'),
    new RawJson('-0'),
    new RawJson('1.0'),
    new RawJson('2e0'),
    new RawJson('99999999999999999999999999'),
    new RawJson('1e-400'),
    0,
    -1,
    6,
    2.5,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_VALUE,
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom('1', '2', 'NaN', '-Infinity', '3.0'),
);

const oddTimestamp = fc.oneof(
  fc.constantFrom(
    '2026-01-12T11:00:00', // no offset
    '2026-01-12 11:00:00Z',
    '2026-01-12t11:00:00z',
    '2026-01-12T11:00Z',
    '2026-01-12',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-01-12T24:00:00Z',
    '2026-01-12T11:00:60Z',
    '2026-01-12T11:00:00+24:00',
    '2026-01-12T11:00:00+99:99',
    '2026-01-12T11:00:00.1234567Z',
    '+275760-09-13T00:00:00Z',
    ' 2026-01-12T11:00:00Z',
    '2026-01-12T12:02:01Z', // 2 min 1 s ahead: just past the allowed skew
    '2026-01-12T12:10:00Z', // 10 min ahead
    '2025-12-29T11:59:59Z', // just outside the 14-day window
  ),
  timestamp(-1_000_000, 1_000_000),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/),
);

const wrongEnum = fc.oneof(
  fc.constantFrom(
    'ARRIVED',
    'Arrived',
    'arrived ',
    'handedOver',
    'nurse',
    'maybe',
    'lost',
    'patientName',
    'eta2',
  ),
  fc.constantFrom(
    ...EVENT_TYPES,
    ...HANDOVER_PARTIES,
    ...RELEASE_OUTCOMES,
    ...CANCEL_REASONS,
    ...CORRECTABLE_FIELDS,
  ),
  fc.string({ maxLength: 12 }),
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  extremeString,
  oddNumber,
  oddTimestamp,
  wrongEnum,
  fc.constantFrom(null, true, false, [], {}),
  fc.jsonValue({ maxDepth: 3 }),
  fc
    .tuple(fc.integer({ min: 1, max: 3000 }), fc.jsonValue({ maxDepth: 1 }))
    .map(([d, leaf]) => new Deep(d, leaf)),
);

type Mutation =
  | { kind: 'drop'; pick: number }
  | { kind: 'add'; key: string; value: unknown }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'retime'; field: 'at' | 'expectedAt'; value: string }
  | { kind: 'enum'; field: 'type' | 'by' | 'outcome' | 'field' | 'reason' | 'category'; value: unknown }
  | { kind: 'wrap-in-array' }
  | { kind: 'nest'; pick: number; depth: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop'), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('add'),
    key: fc.oneof(fc.constantFrom(...PATIENT_FIELDS, ...SPECIAL_KEYS), fc.string({ maxLength: 20 })),
    value: anyValue,
  }),
  { arbitrary: fc.record({ kind: fc.constant('replace'), pick: fc.nat(), value: anyValue }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('retime'),
      field: fc.constantFrom('at', 'expectedAt'),
      value: oddTimestamp,
    }),
    weight: 2,
  },
  fc.record({
    kind: fc.constant('enum'),
    field: fc.constantFrom('type', 'by', 'outcome', 'field', 'reason', 'category'),
    value: fc.oneof(wrongEnum, oddNumber),
  }),
  fc.constant({ kind: 'wrap-in-array' }),
  fc.record({ kind: fc.constant('nest'), pick: fc.nat(), depth: fc.integer({ min: 1, max: 50 }) }),
);

function mutate(value: unknown, change: Mutation): unknown {
  if (change.kind === 'wrap-in-array') return [value];
  if (!isRecord(value)) return value;
  const copy = copyRecord(value);
  const keys = Object.keys(copy);
  const picked = (pick: number) => keys[pick % Math.max(keys.length, 1)];
  switch (change.kind) {
    case 'drop': {
      const key = picked(change.pick);
      if (key !== undefined) delete copy[key];
      return copy;
    }
    case 'add':
      setOwn(copy, change.key, change.value);
      return copy;
    case 'replace': {
      const key = picked(change.pick);
      if (key !== undefined) setOwn(copy, key, change.value);
      return copy;
    }
    case 'retime':
    case 'enum':
      setOwn(copy, change.field, change.value);
      return copy;
    case 'nest': {
      const key = picked(change.pick);
      if (key !== undefined) setOwn(copy, key, new Deep(change.depth, copy[key]));
      return copy;
    }
  }
}

const mutatedEvent: fc.Arbitrary<unknown> = fc
  .tuple(validEvent, fc.array(mutation, { minLength: 0, maxLength: 3 }))
  .map(([event, changes]) => changes.reduce<unknown>(mutate, event));

/** Who sends: mostly a national feed; sometimes a narrower or read-only credential, or none that works. */
const sender: fc.Arbitrary<FuzzRequest['as']> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<FuzzRequest['as']>('feed') },
  {
    weight: 4,
    arbitrary: fc.constantFrom<FuzzRequest['as']>(
      'rrk15Ed',
      'ryaCrew',
      'ryaControl',
      'ryaFeed',
      'englandViewer',
      'admin',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constant<FuzzRequest['as']>('none'),
      fc
        .constantFrom(
          'Bearer',
          'Bearer ',
          'Basic dXNlcjpwYXNz',
          'Bearer hvt_aaaaaaaaaaaa_short',
          `Bearer hvt_${'a'.repeat(12)}_${'b'.repeat(43)}`,
        )
        .map((header): FuzzRequest['as'] => ({ header })),
    ),
  },
);

// ---------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------

/** Runs one property, prints what the server answered, and checks the app is still serving after it. */
async function fuzz<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  run: (value: T, tally: Tally) => Promise<void>,
): Promise<Tally> {
  const tally = new Tally();
  await fc.assert(
    fc.asyncProperty(arbitrary, (value) => run(value, tally)),
    { numRuns },
  );
  console.info(`[fuzz] ${name}: ${tally.total()} answers: ${tally}`);
  await expectStillServing();
  return tally;
}

describe('fuzzing the write routes: never a 5xx, refusals change nothing, acceptances write exactly what they say', () => {
  it(`POST /api/v1/events: ${n(RUNS.randomJson)} random JSON documents and event-shaped records of random values`, async () => {
    const eventShaped = fc.dictionary(
      fc.constantFrom(
        'type',
        'eventId',
        'handoverId',
        'at',
        'siteCode',
        'ambulanceTrustCode',
        'callsign',
        'by',
        'reason',
        'value',
        'field',
      ),
      anyValue,
      { maxKeys: 8 },
    );
    const body = fc.oneof(fc.jsonValue(), fc.anything(), eventShaped);
    const tally = await fuzz(
      'random JSON',
      fc.tuple(body, sender),
      RUNS.randomJson,
      async ([value, as], seen) => {
        await send(post(EVENTS, value, as), seen);
      },
    );
    expect(tally.has('400')).toBe(true);
  }, 60_000);

  it(`POST /api/v1/events/batch: ${n(RUNS.randomBatches)} random bodies and batches of random items`, async () => {
    const items = fc.array(fc.oneof(fc.jsonValue({ maxDepth: 2 }), validEvent), {
      minLength: 0,
      maxLength: 12,
    });
    const body = fc.oneof(
      fc.jsonValue(),
      items.map((events) => ({ events })),
      fc.tuple(items, fc.string(), anyValue).map(([events, key, extra]) => {
        const value: Record<string, unknown> = { events };
        setOwn(value, key, extra);
        return value;
      }),
      fc.constant({ events: Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => ({})) }),
    );
    const tally = await fuzz(
      'random batches',
      fc.tuple(body, sender),
      RUNS.randomBatches,
      async ([value, as], seen) => {
        await send(post(BATCH, value, as), seen);
      },
    );
    expect(tally.has('200')).toBe(true);
  }, 60_000);

  it(`POST /api/v1/events: ${n(RUNS.mutatedEvents)} valid events with up to 3 random mutations each`, async () => {
    const tally = await fuzz(
      'mutated events',
      fc.tuple(mutatedEvent, sender),
      RUNS.mutatedEvents,
      async ([value, as], seen) => {
        await send(post(EVENTS, value, as), seen);
      },
    );
    // Past the schema: some are written, some refused by the time window, the codes or the domain.
    for (const expected of [
      '201',
      '400',
      '403',
      '409',
      '422 TIMESTAMP_IN_FUTURE',
      '422 TIMESTAMP_TOO_OLD',
      '422 UNKNOWN_SITE',
    ]) {
      expect(tally.has(expected), `${expected} never seen: ${tally}`).toBe(true);
    }
  }, 60_000);

  it(`POST /api/v1/events/batch: ${n(RUNS.mutatedBatches)} batches of up to 10 mutated and valid events`, async () => {
    const body = fc
      .array(fc.oneof(mutatedEvent, validEvent), { minLength: 1, maxLength: 10 })
      .map((events) => ({ events }));
    const tally = await fuzz(
      'mutated batches',
      fc.tuple(body, sender),
      RUNS.mutatedBatches,
      async ([value, as], seen) => {
        await send(post(BATCH, value, as), seen);
      },
    );
    expect(tally.has('  batch item 201')).toBe(true);
  }, 60_000);

  it(`${n(RUNS.sequences)} random sequences of valid events for 4 handovers, single and batched (domain refusals: 409/422)`, async () => {
    // Events are drawn for no handover in particular; the run gives each one of the scenario's four.
    const step = fc.record({
      handover: fc.nat(3),
      event: fc.oneof(
        { weight: 3, arbitrary: eventOf('arrived', fc.constant('')) },
        ...EVENT_TYPES.map((type) => ({ weight: 1, arbitrary: eventOf(type, fc.constant('')) })),
      ),
      replay: fc.constantFrom('no', 'no', 'no', 'no', 'no', 'no', 'same', 'reuse-id'),
      previous: fc.nat(),
    });
    const chunk = fc.record({ batched: fc.boolean(), steps: fc.array(step, { minLength: 1, maxLength: 4 }) });
    const scenario = fc.record({
      handoverIds: fc.uniqueArray(uuid, { minLength: 4, maxLength: 4 }),
      chunks: fc.array(chunk, { minLength: 1, maxLength: 5 }),
      as: fc.constantFrom<FuzzRequest['as']>('feed', 'feed', 'feed', 'rrk15Ed', 'ryaCrew', 'ryaControl'),
    });
    const tally = await fuzz(
      'sequences',
      scenario,
      RUNS.sequences,
      async ({ handoverIds, chunks, as }, seen) => {
        const sent: WireEvent[] = [];
        for (const { batched, steps } of chunks) {
          const events = steps.map(({ handover, event, replay, previous: pick }) => {
            const previous = sent[pick % Math.max(sent.length, 1)];
            if (replay === 'same' && previous) return previous;
            const fresh = { ...event, handoverId: handoverIds[handover] };
            return replay === 'reuse-id' && previous ? { ...fresh, eventId: previous.eventId } : fresh;
          });
          sent.push(...events);
          if (batched) await send(post(BATCH, { events }, as), seen);
          else for (const event of events) await send(post(EVENTS, event, as), seen);
        }
      },
    );
    for (const expected of ['201', '200', '409', '422']) {
      expect(
        tally.has(expected) || tally.has(`  batch item ${expected}`),
        `${expected} never seen: ${tally}`,
      ).toBe(true);
    }
  }, 60_000);

  it(`${n(RUNS.rawBodies)} raw non-JSON bodies and wrong content types on every write route`, async () => {
    const goodText = validEvent.map((event) => toJsonText(event));
    const contentType = fc.oneof(
      fc.constantFrom(
        undefined,
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/json;',
        'APPLICATION/JSON',
        'application/jsonp',
        'application/vnd.api+json',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'text/plain',
        'text/json',
        'application/octet-stream',
        'application/*',
        '*/*',
        '',
        ';',
        'application/json, text/plain',
      ),
      fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,20}(; ?[a-z]{1,8}=[a-z0-9-]{1,10})?$/),
    );
    const rawBody = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.tuple(goodText, fc.nat()).map(([text, cut]) => text.slice(0, cut % text.length)),
      fc
        .tuple(goodText, fc.constantFrom('}', ',', ' x', '\u0000', '//c', '{}'))
        .map(([text, tail]) => text + tail),
      goodText.map((text) => `\ufeff${text}`),
      goodText.map((text) => text.replaceAll('"', "'")),
      goodText.map((text) => Buffer.from(text, 'utf16le')),
      fc.constantFrom(
        '',
        'null',
        'true',
        '0',
        '""',
        '[]',
        '{}',
        'NaN',
        'undefined',
        '{"events":',
        '{"events":[]}',
        '{"__proto__":{"polluted":1}}',
        '{"constructor":{"prototype":{"polluted":1}}}',
        '{"events":[{"__proto__":{"polluted":1}}]}',
        '{"type":"arrived","type":"cleared"}',
        '['.repeat(100_000) + ']'.repeat(100_000),
        `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
        `{"label":"${'x'.repeat(1_100_000)}"}`,
      ),
    );
    const request = fc.record({
      url: fc.constantFrom(EVENTS, BATCH, CREDENTIALS),
      contentType,
      payload: fc.option(rawBody, { nil: undefined }),
    });
    const tally = await fuzz(
      'raw bodies',
      request,
      RUNS.rawBodies,
      async ({ url, contentType, payload }, seen) => {
        await send(
          { method: 'POST', url, as: url === CREDENTIALS ? 'admin' : 'feed', contentType, payload },
          seen,
        );
      },
    );
    for (const expected of ['400 MALFORMED_JSON', '415 UNSUPPORTED_MEDIA_TYPE']) {
      expect(tally.has(expected), `${expected} never seen: ${tally}`).toBe(true);
    }
  }, 60_000);

  it(`POST /api/v1/admin/credentials: ${n(RUNS.credentialRequests)} random and mutated credential requests`, async () => {
    const scope = fc.oneof(
      fc.constant({ kind: 'england' }),
      fc.record({ kind: fc.constant('region'), code: fc.constantFrom('Y60', 'Y56', 'Y99', 'Y6') }),
      fc.record({ kind: fc.constant('acute_trust'), code: fc.constantFrom('RRK', 'R0A', 'ZZZ') }),
      fc.record({ kind: fc.constant('ambulance_trust'), code: fc.constantFrom('RYA', 'RX7', 'ZZ9') }),
      fc.record({
        kind: fc.constant('sites'),
        codes: fc.array(fc.constantFrom(...SITES), { minLength: 0, maxLength: 4 }),
      }),
    );
    const valid = fc.record({
      label: fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), extremeString),
      role: fc.constantFrom(...ROLES),
      scope,
    });
    const body = fc.oneof(
      { weight: 3, arbitrary: valid },
      {
        weight: 3,
        arbitrary: fc
          .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
          .map(([v, m]) => m.reduce<unknown>(mutate, v)),
      },
      { weight: 1, arbitrary: fc.jsonValue() },
    );
    const as = fc.oneof(
      { weight: 8, arbitrary: fc.constant<FuzzRequest['as']>('admin') },
      { weight: 1, arbitrary: sender },
    );
    const tally = await fuzz(
      'credential requests',
      fc.tuple(body, as),
      RUNS.credentialRequests,
      async ([value, who], seen) => {
        await send(post(CREDENTIALS, value, who), seen);
      },
    );
    expect(tally.has('201')).toBe(true);
    expect(tally.has('400')).toBe(true);
  }, 60_000);

  it(`DELETE /api/v1/admin/credentials/:id: ${n(RUNS.revocations)} random and real ids`, async () => {
    const id = fc.oneof(
      {
        weight: 2,
        arbitrary: fc
          .nat()
          .map((n): string => createdCredentialIds[n % Math.max(createdCredentialIds.length, 1)] ?? 'none'),
      },
      { weight: 1, arbitrary: fc.stringMatching(/^[a-z2-7]{12}$/) },
      {
        weight: 2,
        arbitrary: fc.oneof(
          extremeString.map((s) => s.slice(0, 2000)),
          fc.constantFrom(
            '__proto__',
            'constructor',
            'toString',
            '..',
            '%',
            '%00',
            'a'.repeat(41),
            'a/b',
            '?x=1',
            '#',
          ),
        ),
      },
    );
    const request = fc.record({
      id,
      encode: fc.boolean(),
      as: fc.oneof(
        { weight: 6, arbitrary: fc.constant<FuzzRequest['as']>('admin') },
        { weight: 1, arbitrary: sender },
      ),
      payload: fc.option(fc.jsonValue({ maxDepth: 1 }).map(toJsonText), { nil: undefined }),
    });
    const tally = await fuzz(
      'revocations',
      request,
      RUNS.revocations,
      async ({ id: raw, encode, as, payload }, seen) => {
        // Unencoded ids make malformed and unroutable paths too (fastify answers those itself).
        const path = encode ? encodeLoosely(raw) : raw.replace(/[^\x21-\x7e]/g, '');
        await send(
          {
            method: 'DELETE',
            url: `${CREDENTIALS}/${path}`,
            as,
            contentType: payload === undefined ? undefined : 'application/json',
            payload,
          },
          seen,
        );
      },
    );
    expect(tally.has('200')).toBe(true);
    expect(tally.has('404')).toBe(true);
  }, 60_000);
});

it(`fuzzes at least 10,000 cases in all (${n(Object.values(RUNS).reduce((a, b) => a + b, 0))})`, () => {
  expect(Object.values(RUNS).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
});

/** encodeURIComponent, except that a lone surrogate (which it refuses) is sent as its raw UTF-16 escape. */
function encodeLoosely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}
