import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrival, follow } from '../test-support/events-factory';
import { startTestApp, type TestApp } from '../test-support/test-app';

const NOW = Date.parse('2026-01-12T12:00:00Z');
const MIN = 60_000;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ now: () => NOW });
});
afterAll(() => t.close());

async function post(body: unknown, as: Parameters<TestApp['auth']>[0] = 'feed', url = '/api/v1/events') {
  return t.app.inject({ method: 'POST', url, headers: t.auth(as), payload: body as object });
}

async function logLength() {
  return (await t.store.readAfter(null, 100_000)).length;
}

/** Every rejection must leave the log and the projection exactly as they were. */
async function expectRejected(
  response: Promise<Awaited<ReturnType<typeof post>>> | Awaited<ReturnType<typeof post>>,
  status: number,
  code: string,
  field?: string,
) {
  const before = await logLength();
  const handoversBefore = JSON.stringify([...t.app.projection.handovers.values()]);
  const res = await response;
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  if (field !== undefined) expect(body.error.field).toBe(field);
  expect(await logLength()).toBe(before);
  expect(JSON.stringify([...t.app.projection.handovers.values()])).toBe(handoversBefore);
  return body.error;
}

describe('POST /api/v1/events', () => {
  it('accepts an arrival with 201, durable and applied before it answers', async () => {
    const event = arrival(NOW - 5 * MIN);
    const res = await post(event);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      outcome: 'accepted',
      eventId: event.eventId,
      handoverId: event.handoverId,
      state: 'waiting',
    });
    expect(body.recordedAt).toBe(new Date(NOW).toISOString());
    expect(t.app.projection.get(event.handoverId)?.state).toBe('waiting');
    const stored = await t.store.readAfter(null, 100_000);
    expect(stored.filter((r) => r.event.eventId === event.eventId)).toHaveLength(1);
  });

  it('answers a replay with the original outcome marked duplicate, changing nothing', async () => {
    const event = arrival(NOW - 5 * MIN);
    const first = (await post(event)).json();
    const before = await logLength();
    const again = await post(event);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      outcome: 'duplicate',
      cursor: first.cursor,
      recordedAt: first.recordedAt,
    });
    expect(await logLength()).toBe(before);
  });

  it('takes a retry whose times are written differently (same instants) as a duplicate', async () => {
    const event = arrival(Date.parse('2026-01-12T11:55:00Z'));
    expect((await post(event)).statusCode).toBe(201);
    const rewritten = { ...event, at: '2026-01-12T11:55:00.000+00:00' };
    expect((await post(rewritten)).json()).toMatchObject({ outcome: 'duplicate' });
    await expectRejected(post({ ...event, at: '2026-01-12T11:55:01Z' }), 409, 'EVENT_ID_REUSED', 'eventId');
    // Only times are compared as instants: a category given as text that reads as one (3 ms) is not 3.
    const correction = follow(event.handoverId, 'corrected', NOW, {
      field: 'category',
      value: 3,
      reason: 'x',
    });
    expect((await post(correction)).statusCode).toBe(201);
    const disguised = { ...correction, value: '1970-01-01T00:00:00.003Z' };
    await expectRejected(post(disguised), 409, 'EVENT_ID_REUSED', 'eventId');
  });

  it('refuses a re-used eventId carrying a different event', async () => {
    const event = arrival(NOW - 5 * MIN);
    await post(event);
    await expectRejected(post({ ...event, callsign: 'OTHER 1' }), 409, 'EVENT_ID_REUSED', 'eventId');
  });

  it('takes a handover through its life: handed over by both parties, cleared', async () => {
    const a = arrival(NOW - 40 * MIN);
    await post(a);
    expect(
      (await post(follow(a.handoverId, 'handed_over', NOW - 20 * MIN, { by: 'crew' }))).json().state,
    ).toBe('handed_over');
    expect(
      (await post(follow(a.handoverId, 'handed_over', NOW - 19 * MIN, { by: 'ed' }), 'rrk15Ed')).statusCode,
    ).toBe(201);
    expect((await post(follow(a.handoverId, 'cleared', NOW - 5 * MIN, {}))).json().state).toBe('closed');
    const view = (
      await t.app.inject({ url: `/api/v1/handovers/${a.handoverId}`, headers: t.auth('rrk15Ed') })
    ).json();
    expect(view).toMatchObject({
      state: 'closed',
      crewHandedOverAt: new Date(NOW - 20 * MIN).toISOString(),
      edHandedOverAt: new Date(NOW - 19 * MIN).toISOString(),
      handedOverAt: new Date(NOW - 20 * MIN).toISOString(),
      clockSeconds: 20 * 60,
      band: 'over_15',
      disputed: false,
    });
  });
});

describe('bad input gets a clear 4xx with a stable code and the field named, and changes nothing', () => {
  it('malformed JSON', async () => {
    await expectRejected(
      t.app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { ...t.auth('feed'), 'content-type': 'application/json' },
        payload: '{"type": "arrived",',
      }),
      400,
      'MALFORMED_JSON',
    );
  });

  it('unknown fields, a patient identifier among them', async () => {
    const error = await expectRejected(
      post({ ...arrival(NOW), nhsNumber: '9434765919' }),
      400,
      'UNKNOWN_FIELD',
      'nhsNumber',
    );
    expect(error.message).toContain('nhsNumber');
    await expectRejected(
      post({ ...arrival(NOW), patientName: 'Jane Doe' }),
      400,
      'UNKNOWN_FIELD',
      'patientName',
    );
  });

  it('missing fields', async () => {
    const { callsign: _c, ...noCallsign } = arrival(NOW);
    await expectRejected(post(noCallsign), 400, 'MISSING_FIELD', 'callsign');
  });

  it('a timestamp without an offset', async () => {
    await expectRejected(
      post({ ...arrival(NOW), at: '2026-01-12T11:55:00' }),
      400,
      'INVALID_TIMESTAMP',
      'at',
    );
  });

  it('more than 2 minutes in the future (a skewed sender clock)', async () => {
    await expectRejected(post(arrival(NOW + 2 * MIN + 1000)), 422, 'TIMESTAMP_IN_FUTURE', 'at');
    expect((await post(arrival(NOW + 2 * MIN - 1000))).statusCode).toBe(201);
  });

  it('older than the 14-day amendment window', async () => {
    await expectRejected(post(arrival(NOW - 14 * 24 * 60 * MIN - 1000)), 422, 'TIMESTAMP_TOO_OLD', 'at');
  });

  it('a date that does not exist, rather than the instant Date.parse would shift it to', async () => {
    await expectRejected(
      post({ ...arrival(NOW), at: '2026-01-11T24:00:00Z' }),
      400,
      'INVALID_TIMESTAMP',
      'at',
    );
  });

  it('a correction moving a time out of the window, so that it could not lock the handover', async () => {
    const a = arrival(NOW - 30 * MIN);
    await post(a);
    const correct = (value: string) =>
      follow(a.handoverId, 'corrected', NOW, { field: 'arrivedAt', value, reason: 'Pressed late' });
    const monthAgo = new Date(NOW - 30 * 24 * 60 * MIN).toISOString();
    await expectRejected(post(correct(monthAgo)), 422, 'TIMESTAMP_TOO_OLD', 'value');
    const nextWeek = new Date(NOW + 7 * 24 * 60 * MIN).toISOString();
    await expectRejected(post(correct(nextWeek)), 422, 'TIMESTAMP_IN_FUTURE', 'value');
    // Still open to a correction within the window, and to the events after it.
    expect((await post(correct(new Date(NOW - 31 * MIN).toISOString()))).statusCode).toBe(201);
    expect((await post(follow(a.handoverId, 'handed_over', NOW, { by: 'crew' }))).statusCode).toBe(201);
  });

  it('a corrected callsign carrying a name and number', async () => {
    const a = arrival(NOW - 10 * MIN);
    await post(a);
    await expectRejected(
      post(
        follow(a.handoverId, 'corrected', NOW, {
          field: 'callsign',
          value: 'Mrs Jane Doe NHS 943 476 5919',
          reason: 'x',
        }),
      ),
      400,
      'INVALID_FIELD',
      'value',
    );
  });

  it('a body sent as text/plain', async () => {
    await expectRejected(
      t.app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { ...t.auth('feed'), 'content-type': 'text/plain' },
        payload: JSON.stringify(arrival(NOW)),
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('an unknown query parameter, named', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/handovers?foo=bar',
      headers: t.auth('feed'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'foo' });
  });

  it('unknown site or trust code', async () => {
    await expectRejected(post(arrival(NOW, { siteCode: 'ZZZ99' })), 422, 'UNKNOWN_SITE', 'siteCode');
    await expectRejected(
      post(arrival(NOW, { ambulanceTrustCode: 'ZZZ' })),
      422,
      'UNKNOWN_TRUST',
      'ambulanceTrustCode',
    );
  });

  it('handover or clear before arrival', async () => {
    const a = arrival(NOW - 10 * MIN);
    await post(a);
    await expectRejected(
      post(follow(a.handoverId, 'handed_over', NOW - 11 * MIN, { by: 'crew' })),
      422,
      'BEFORE_ARRIVAL',
    );
    await expectRejected(post(follow(a.handoverId, 'cleared', NOW - 11 * MIN, {})), 422, 'BEFORE_ARRIVAL');
  });

  it('an event for an unknown handover', async () => {
    await expectRejected(
      post(follow('7b0e7a5e-1111-4222-8333-944455556666', 'cleared', NOW, {})),
      422,
      'HANDOVER_NOT_FOUND',
    );
  });

  it('a handover id re-used with different arrival data', async () => {
    const a = arrival(NOW - 10 * MIN);
    await post(a);
    await expectRejected(
      post(arrival(NOW - 9 * MIN, { handoverId: a.handoverId, callsign: 'WM 999' })),
      409,
      'HANDOVER_ID_CONFLICT',
    );
  });

  it('an event on a cancelled handover', async () => {
    const a = arrival(NOW - 10 * MIN);
    await post(a);
    await post(follow(a.handoverId, 'cancelled', NOW - 9 * MIN, { reason: 'entered_in_error' }));
    await expectRejected(
      post(follow(a.handoverId, 'handed_over', NOW - 5 * MIN, { by: 'crew' })),
      409,
      'HANDOVER_CANCELLED',
    );
  });

  it('a body over its limit', async () => {
    await expectRejected(post({ ...arrival(NOW), callsign: 'x'.repeat(2_000_000) }), 413, 'BODY_TOO_LARGE');
  });

  it('a batch over its limit', async () => {
    const events = Array.from({ length: 501 }, () => arrival(NOW));
    await expectRejected(post({ events }, 'feed', '/api/v1/events/batch'), 413, 'BATCH_TOO_LARGE', 'events');
  });

  it('a missing, wrong or out-of-scope credential', async () => {
    await expectRejected(
      t.app.inject({ method: 'POST', url: '/api/v1/events', payload: arrival(NOW) }),
      401,
      'UNAUTHENTICATED',
    );
    await expectRejected(
      t.app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { authorization: 'Bearer hvt_nonexistent_secret' },
        payload: arrival(NOW),
      }),
      401,
      'UNAUTHENTICATED',
    );
    // An ED may record at its own site only; a viewer may not record at all.
    await expectRejected(post(arrival(NOW, { siteCode: 'R0A02' }), 'rrk15Ed'), 403, 'FORBIDDEN');
    await expectRejected(post(arrival(NOW), 'englandViewer'), 403, 'FORBIDDEN');
  });
});

describe('POST /api/v1/events/batch', () => {
  it('answers a result per event, in order within a handover, one bad event not stopping the rest', async () => {
    const a = arrival(NOW - 30 * MIN);
    const b = arrival(NOW - 20 * MIN, { callsign: 'WM 202' });
    const events = [
      a,
      follow(a.handoverId, 'handed_over', NOW - 10 * MIN, { by: 'crew' }),
      { ...arrival(NOW), nhsNumber: '1' },
      b,
      follow(a.handoverId, 'cleared', NOW - 2 * MIN, {}),
      a,
    ];
    const res = await post({ events }, 'feed', '/api/v1/events/batch');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 4, duplicates: 1, rejected: 1 });
    expect(body.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 400, 201, 201, 200]);
    expect(body.results[2].error).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'events/2/nhsNumber' });
    expect(t.app.projection.get(a.handoverId)?.state).toBe('closed');
    expect(t.app.projection.get(b.handoverId)?.state).toBe('waiting');
  });
});

describe('the amendment window', () => {
  it('refuses a correction to a handover that arrived more than 14 days ago, even one made today', async () => {
    let now = NOW;
    const clocked = await startTestApp({ now: () => now });
    try {
      const a = arrival(now - 60 * MIN);
      await clocked.app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: clocked.auth('feed'),
        payload: a,
      });
      now += 14 * 24 * 60 * MIN;
      // A category: no timestamp in it for the window to refuse, only the handover's own arrival.
      const correction = follow(a.handoverId, 'corrected', now, {
        field: 'category',
        value: 3,
        reason: 'Recorded as 2',
      });
      const res = await clocked.app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: clocked.auth('feed'),
        payload: correction,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'TIMESTAMP_TOO_OLD', field: 'handoverId' });
    } finally {
      await clocked.close();
    }
  });
});
