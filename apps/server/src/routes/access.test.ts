import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrival, follow } from '../test-support/events-factory';
import { startTestApp, type TestApp, type TestCredentialName } from '../test-support/test-app';

const MIN = 60_000;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ALL: TestCredentialName[] = [
  'admin',
  'feed',
  'ryaFeed',
  'rrk15Ed',
  'ryaCrew',
  'ryaControl',
  'englandViewer',
  'londonViewer',
];

/** Role x route -> the credentials allowed; every other credential must get 403. */
const MATRIX: {
  route: string;
  allowed: TestCredentialName[];
  request: () => InjectOptions;
}[] = [
  { route: 'GET /api/v1/organisations', allowed: ALL, request: () => ({ url: '/api/v1/organisations' }) },
  { route: 'GET /api/v1/handovers', allowed: ALL, request: () => ({ url: '/api/v1/handovers' }) },
  { route: 'GET /api/v1/me', allowed: ALL, request: () => ({ url: '/api/v1/me' }) },
  {
    route: 'GET /api/v1/live/england',
    allowed: ['admin', 'feed', 'englandViewer'],
    request: () => ({ url: '/api/v1/live/england' }),
  },
  {
    route: 'GET /api/v1/live/sites/RRK15',
    allowed: ['admin', 'feed', 'rrk15Ed', 'englandViewer'],
    request: () => ({ url: '/api/v1/live/sites/RRK15' }),
  },
  {
    route: 'GET /api/v1/live/ambulance-trusts/RYA',
    allowed: ['admin', 'feed', 'ryaFeed', 'ryaCrew', 'ryaControl', 'englandViewer'],
    request: () => ({ url: '/api/v1/live/ambulance-trusts/RYA' }),
  },
  {
    route: 'GET /api/v1/admin/credentials',
    allowed: ['admin'],
    request: () => ({ url: '/api/v1/admin/credentials' }),
  },
  {
    route: 'POST /api/v1/events (arrival at RRK15 by RYA)',
    allowed: ['admin', 'feed', 'ryaFeed', 'rrk15Ed', 'ryaCrew'],
    request: () => ({ method: 'POST', url: '/api/v1/events', payload: arrival(Date.now() - MIN) }),
  },
];

/** Records an event through the API as `name`. */
function post(name: TestCredentialName, payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/v1/events', headers: t.auth(name), payload });
}

describe('role x route', () => {
  for (const { route, allowed, request } of MATRIX) {
    for (const name of ALL) {
      const expectAllowed = allowed.includes(name);
      it(`${route}: ${name} is ${expectAllowed ? 'allowed' : 'refused 403'}`, async () => {
        const res = await t.app.inject({ ...request(), headers: t.auth(name) });
        if (expectAllowed) expect(res.statusCode, res.body).toBeLessThan(300);
        else {
          expect(res.statusCode, res.body).toBe(403);
          expect(res.json().error.code).toBe('FORBIDDEN');
        }
      });
    }
  }

  it('lets only the control room of the conveying trust request a release, and only the ED answer it', async () => {
    const a = arrival(Date.now() - 50 * MIN);
    await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: t.auth('feed'), payload: a });
    const request = follow(a.handoverId, 'release_requested', Date.now() - MIN, {});
    expect((await post('rrk15Ed', request)).statusCode).toBe(403);
    expect((await post('ryaControl', request)).statusCode).toBe(201);
    const answer = follow(a.handoverId, 'release_responded', Date.now(), { outcome: 'released' });
    expect((await post('ryaControl', answer)).statusCode).toBe(403);
    expect((await post('rrk15Ed', answer)).statusCode).toBe(201);
  });

  it('answers a HEAD as its GET: allowed where the GET is, refused where it is not', async () => {
    const head = (name: TestCredentialName, url: string) =>
      t.app.inject({ method: 'HEAD', url, headers: t.auth(name) });
    expect((await head('englandViewer', '/api/v1/me')).statusCode).toBe(200);
    expect((await head('admin', '/api/v1/admin/credentials')).statusCode).toBe(200);
    expect((await head('englandViewer', '/api/v1/admin/credentials')).statusCode).toBe(403);
  });

  it("refuses an event a role may not record whether or not the handover exists (not 'not found')", async () => {
    const unknown = follow(crypto.randomUUID(), 'cleared', Date.now(), {});
    const asControl = await post('ryaControl', unknown);
    expect(asControl.statusCode).toBe(403);
    expect(asControl.json().error.code).toBe('FORBIDDEN');
    expect((await post('feed', unknown)).json().error.code).toBe('HANDOVER_NOT_FOUND');
  });

  it('hides handovers outside the scope: the list omits them and a direct read is 404', async () => {
    const a = arrival(Date.now() - MIN);
    await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: t.auth('feed'), payload: a });
    const list = await t.app.inject({ url: '/api/v1/handovers?limit=1000', headers: t.auth('londonViewer') });
    expect(list.json().handovers.map((h: { handoverId: string }) => h.handoverId)).not.toContain(
      a.handoverId,
    );
    const direct = await t.app.inject({
      url: `/api/v1/handovers/${a.handoverId}`,
      headers: t.auth('londonViewer'),
    });
    expect(direct.statusCode).toBe(404);
    const own = await t.app.inject({ url: `/api/v1/handovers/${a.handoverId}`, headers: t.auth('rrk15Ed') });
    expect(own.json().handoverId).toBe(a.handoverId);
  });
});

describe('credentials', () => {
  it('an administrator creates a credential that works at once and revokes it so it stops working', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/credentials',
      headers: t.auth('admin'),
      payload: { label: 'Good Hope ED wall', role: 'ed', scope: { kind: 'sites', codes: ['RRK98'] } },
    });
    expect(created.statusCode).toBe(201);
    const { token, record } = created.json();
    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({
      label: 'Good Hope ED wall',
      role: 'ed',
      scope: { kind: 'sites', codes: ['RRK98'] },
    });
    // The secret is base64url, so it may itself hold "_": it is everything after "<prefix>_<id>_".
    const secret = token.slice(token.indexOf(`_${record.id}_`) + record.id.length + 2);
    expect(secret.length).toBeGreaterThan(20);
    expect(JSON.stringify(record)).not.toContain(secret);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/credentials/${record.id}`,
      headers: t.auth('admin'),
    });
    expect(revoked.statusCode).toBe(200);
    const after = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a role and scope that do not fit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/credentials',
      headers: t.auth('admin'),
      payload: { label: 'Wrong', role: 'ed', scope: { kind: 'england' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_FIELD');
  });
});

describe('rate limit per credential', () => {
  it('answers 429 with Retry-After once the burst is spent, per credential', async () => {
    const limited = await startTestApp({ config: { rateLimit: { ratePerSecond: 1, burst: 3 } } });
    try {
      const get = (name: TestCredentialName) =>
        limited.app.inject({ url: '/api/v1/me', headers: limited.auth(name) });
      for (let i = 0; i < 3; i++) expect((await get('englandViewer')).statusCode).toBe(200);
      const refused = await get('englandViewer');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await get('londonViewer')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('public routes', () => {
  it('reports alive and ready with the store kind', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', store: 'file' });
  });

  it('publishes an OpenAPI document generated from the route schemas, and a browsable page', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const ingest = doc.paths['/api/v1/events'].post;
    expect(ingest.requestBody.content['application/json'].schema).toBeDefined();
    expect(Object.keys(ingest.responses)).toEqual(
      expect.arrayContaining(['201', '200', '400', '409', '422']),
    );
    expect(doc.paths['/ws']).toBeUndefined();
    const page = await t.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here', headers: t.auth('admin') });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('live figures', () => {
  it('computes waiting now, longest wait and today with the domain for a site', async () => {
    const fresh = await startTestApp();
    try {
      const now = Date.now();
      for (const minutes of [5, 20, 70]) {
        await fresh.app.inject({
          method: 'POST',
          url: '/api/v1/events',
          headers: fresh.auth('feed'),
          payload: arrival(now - minutes * MIN),
        });
      }
      const res = await fresh.app.inject({ url: '/api/v1/live/sites/RRK15', headers: fresh.auth('rrk15Ed') });
      const body = res.json();
      expect(body.now.waitingNow).toBe(3);
      expect(body.now.over60Now).toBe(1);
      expect(body.now.longestWaitMs).toBeGreaterThanOrEqual(70 * MIN);
      expect(body.sites.map((s: { siteCode: string }) => s.siteCode)).toEqual(['RRK15']);
    } finally {
      await fresh.close();
    }
  });
});
