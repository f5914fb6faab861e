import { computeMetrics, type HandoverEvent, parseCsvRecords, thresholdsAt } from '@handover/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrival, follow } from '../test-support/events-factory';
import { startTestApp, type TestApp, type TestCredentialName } from '../test-support/test-app';

const MIN = 60_000;
// Monday 12 January 2026, GMT. The app's clock moves forward with the events posted.
const DAY_START = Date.parse('2026-01-12T00:00:00Z');
const CUTOFF = Date.parse('2026-01-12T16:00:00Z');
const clock = { now: DAY_START };
let t: TestApp;

async function post(event: HandoverEvent) {
  clock.now = Math.max(clock.now, Date.parse(event.at));
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: t.auth('feed'),
    payload: event,
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function get(url: string, as: TestCredentialName = 'englandViewer') {
  return t.app.inject({ url, headers: t.auth(as) });
}

async function handover(
  minutes: number,
  arrivedAt: number,
  where: { siteCode?: string; ambulanceTrustCode?: string } = {},
) {
  const event = arrival(arrivedAt, where);
  await post(event);
  await post(follow(event.handoverId, 'handed_over', arrivedAt + minutes * MIN, { by: 'crew' }));
}

beforeAll(async () => {
  t = await startTestApp({ now: () => clock.now });
  // RRK15 and RRK97 (trust RRK, Midlands, conveyed by RYA); R1H12 (Barts, London, by RRU, and one by RYA).
  await handover(10, DAY_START + 60 * MIN);
  await handover(20, DAY_START + 2 * 60 * MIN);
  await handover(35, DAY_START + 3 * 60 * MIN, { siteCode: 'RRK97' });
  await handover(50, DAY_START + 4 * 60 * MIN, { siteCode: 'R1H12', ambulanceTrustCode: 'RRU' });
  await handover(16, DAY_START + 5 * 60 * MIN, { siteCode: 'R1H12', ambulanceTrustCode: 'RYA' });
  await post(arrival(DAY_START + 6 * 60 * MIN)); // still open
  clock.now = DAY_START + 8 * 60 * MIN;
});
afterAll(() => t.close());

describe('GET /api/v1/reports/compliance', () => {
  const url = (query: string) =>
    `/api/v1/reports/compliance?from=2026-01-12T00:00:00Z&to=2026-01-13T00:00:00Z${query}`;

  it('answers any period with every metric, computed by the domain, per group and in total', async () => {
    const res = await get(url('&groupBy=acute_trust'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      groupBy: 'acute_trust',
      scope: 'england',
      asAt: '2026-01-12T08:00:00.000Z',
    });
    expect(body.rows.map((row: { code: string }) => row.code)).toEqual(['R1H', 'RRK']);
    const period = { start: DAY_START, end: DAY_START + 24 * 60 * MIN };
    const context = { now: clock.now, thresholds: thresholdsAt(t.app.thresholds, clock.now) };
    const all = [...t.app.projection.handovers.values()];
    expect(body.total).toEqual(JSON.parse(JSON.stringify(computeMetrics(all, period, context))));
    const rrk = all.filter((h) => h.siteCode.startsWith('RRK'));
    expect(body.rows[1].metrics).toEqual(JSON.parse(JSON.stringify(computeMetrics(rrk, period, context))));
    expect(body.total).toMatchObject({
      allHandovers: 6,
      known: 5,
      stillOpen: 1,
      over15: 4,
      over30: 2,
      over45: 1,
    });
  });

  it('groups by site by default, and by ambulance trust, region or England', async () => {
    const bySite = (await get(url(''))).json();
    expect(bySite.rows.map((row: { code: string }) => row.code).sort()).toEqual(['R1H12', 'RRK15', 'RRK97']);
    const byAmbulance = (await get(url('&groupBy=ambulance_trust'))).json();
    expect(
      byAmbulance.rows.map((r: { code: string; metrics: { allHandovers: number } }) => [
        r.code,
        r.metrics.allHandovers,
      ]),
    ).toEqual([
      ['RRU', 1],
      ['RYA', 5],
    ]);
    expect((await get(url('&groupBy=england'))).json().rows).toHaveLength(1);
    expect((await get(url('&groupBy=region'))).json().rows.map((r: { code: string }) => r.code)).toEqual([
      'Y56',
      'Y60',
    ]);
  });

  it("counts only the handovers of the credential's scope, or of a narrower one asked for", async () => {
    const london = (await get(url('&groupBy=site'), 'londonViewer')).json();
    expect(london).toMatchObject({ scope: 'region:Y56', total: { allHandovers: 2 } });
    // An ambulance trust sees its conveyances wherever they went, split by site.
    const rya = (await get(url('&groupBy=site'), 'ryaControl')).json();
    expect(rya.rows.map((row: { code: string }) => row.code).sort()).toEqual(['R1H12', 'RRK15', 'RRK97']);
    expect(rya.total.allHandovers).toBe(5);
    const narrowed = (await get(url('&scope=acute_trust:RRK'))).json();
    expect(narrowed).toMatchObject({ scope: 'acute_trust:RRK', total: { allHandovers: 4 } });
    const site = (await get(url(''), 'rrk15Ed')).json();
    expect(site.total.allHandovers).toBe(3);
  });

  it('refuses a scope beyond the credential, bad periods and unknown groupings', async () => {
    expect((await get(url('&scope=england'), 'londonViewer')).json().error.code).toBe('FORBIDDEN');
    expect((await get(url('&scope=region:Y56'), 'rrk15Ed')).statusCode).toBe(403);
    expect((await get(url('&scope=acute_trust:ZZZ'))).json().error).toMatchObject({
      code: 'INVALID_FIELD',
      field: 'scope',
    });
    expect((await get(url('&scope=planet:earth'))).json().error.field).toBe('scope');
    expect((await get(url('&groupBy=ward'))).statusCode).toBe(400);
    const backwards = await get(
      '/api/v1/reports/compliance?from=2026-01-13T00:00:00Z&to=2026-01-12T00:00:00Z',
    );
    expect(backwards.json().error).toMatchObject({ code: 'INVALID_FIELD', field: 'to' });
    const tooLong = await get('/api/v1/reports/compliance?from=2024-01-01T00:00:00Z&to=2026-01-12T00:00:00Z');
    expect(tooLong.json().error.message).toMatch(/400 days/);
    expect((await get('/api/v1/reports/compliance?from=yesterday&to=2026-01-12T00:00:00Z')).statusCode).toBe(
      400,
    );
    // Not read as 2 March: a day February does not have is refused.
    const unreal = await get('/api/v1/reports/compliance?from=2026-02-30T00:00:00Z&to=2026-03-05T00:00:00Z');
    expect(unreal.json().error).toMatchObject({ code: 'INVALID_TIMESTAMP', field: 'from' });
  });

  it('is open to viewers, control rooms, EDs and admins, not to feeds or crews', async () => {
    expect((await get(url(''), 'admin')).statusCode).toBe(200);
    expect((await get(url(''), 'feed')).statusCode).toBe(403);
    expect((await get(url(''), 'ryaCrew')).statusCode).toBe(403);
    expect((await t.app.inject({ url: url('') })).statusCode).toBe(401);
  });
});

describe('the 16:00 report over HTTP', () => {
  it('gives the provisional report as at now, for the period ending at the next cut-off', async () => {
    const body = (await get('/api/v1/reports/1600/provisional')).json();
    expect(body).toMatchObject({
      report: '1600',
      date: '2026-01-12',
      version: null,
      status: 'provisional',
      period: { start: '2026-01-11T16:00:00.000Z', end: '2026-01-12T16:00:00.000Z' },
      asAt: '2026-01-12T08:00:00.000Z',
      changes: [],
    });
    expect(body.rows.find((row: { level: string }) => row.level === 'england')).toMatchObject({
      all_handovers: 6,
      still_open: 1,
    });
    const csv = await get('/api/v1/reports/1600/provisional.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="handover-report-1600-2026-01-12-provisional.csv"',
    );
    const first = parseCsvRecords(csv.body)[0];
    expect(first).toMatchObject({
      report_date: '2026-01-12',
      version: '',
      status: 'provisional',
      level: 'england',
    });
  });

  it('says when a report is not frozen yet, and refuses impossible dates and versions', async () => {
    const notYet = (await get('/api/v1/reports/1600/2026-01-12')).json();
    expect(notYet.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(notYet.error.message).toMatch(/frozen at 2026-01-12T16:00:00.000Z/);
    expect((await get('/api/v1/reports/1600/2025-06-01')).json().error.message).toMatch(
      /No 16:00 report was frozen/,
    );
    expect((await get('/api/v1/reports/1600/2026-02-30')).json().error).toMatchObject({ field: 'date' });
    expect((await get('/api/v1/reports/1600/12-01-2026')).statusCode).toBe(400);
  });

  it('lists and serves frozen reports, each reader seeing the rows of its scope', async () => {
    clock.now = CUTOFF + 10_000;
    t.app.reportScheduler.tick();
    await t.app.reportScheduler.settled();
    const list = (await get('/api/v1/reports/1600')).json();
    expect(list.reports[0]).toMatchObject({ date: '2026-01-12', latestVersion: 1, status: 'frozen' });

    const rows = async (as: TestCredentialName) =>
      (await get('/api/v1/reports/1600/2026-01-12', as))
        .json()
        .rows.map((r: { level: string; code: string }) => `${r.level}:${r.code}`);
    const england = await rows('englandViewer');
    expect(england).toHaveLength(
      1 + 7 + t.app.organisations.acuteTrusts.length + t.app.organisations.sites.length + 11,
    );
    expect(await rows('rrk15Ed')).toEqual(['site:RRK15']);
    expect(await rows('ryaControl')).toEqual(['ambulance_trust:RYA']);
    const london = await rows('londonViewer');
    expect(london).toContain('region:Y56');
    expect(london).toContain('acute_trust:R1H');
    expect(london).toContain('site:R1H12');
    expect(london).toContain('ambulance_trust:RRU');
    expect(london).not.toContain('england:ENG');
    expect(london).not.toContain('site:RRK15');

    const csv = parseCsvRecords((await get('/api/v1/reports/1600/2026-01-12.csv', 'rrk15Ed')).body);
    expect(csv).toHaveLength(1);
    expect(csv[0]).toMatchObject({
      report_date: '2026-01-12',
      version: '1',
      status: 'frozen',
      code: 'RRK15',
      all_handovers: '3',
    });
    expect((await get('/api/v1/reports/1600/2026-01-12?version=2')).json().error.message).toMatch(
      /versions 1 to 1/,
    );
  });
});

describe('the daily return over HTTP', () => {
  it("computes today's return live, provisional while anything is open, with NHS England's columns", async () => {
    const body = (await get('/api/v1/reports/daily-return/2026-01-12')).json();
    expect(body).toMatchObject({ report: 'daily-return', version: null, status: 'provisional' });
    expect(
      body.rows.find(
        (row: Record<string, unknown>) => row['Trust code'] === 'RRK' && row['Site code'] === '',
      ),
    ).toMatchObject({
      'Handover time known': 3,
      'Over 15 minutes': 2,
      'Over 30 minutes': 1,
      'All handovers': 4,
      'Total hours': 1.08333,
      Mean: '0:21:40',
      'Still open': 1,
    });
    const csv = await get('/api/v1/reports/daily-return/2026-01-12.csv', 'rrk15Ed');
    expect(csv.body.split('\r\n')[0]).toContain('Handover time known,Over 15 minutes,Over 30 minutes');
    expect(parseCsvRecords(csv.body).map((r) => r['Site code'])).toEqual(['RRK15']);
    expect(csv.headers['content-disposition']).toContain('handover-daily-return-2026-01-12-live.csv');
  });

  it('serves the frozen return of a past day, and refuses a day not begun', async () => {
    const list = (await get('/api/v1/reports/daily-return')).json();
    // Started on the 12th: yesterday's return was due and frozen at start.
    expect(list.reports.map((entry: { date: string }) => entry.date)).toContain('2026-01-11');
    expect((await get('/api/v1/reports/daily-return/2026-01-11')).json()).toMatchObject({
      version: 1,
      status: 'final',
    });
    expect((await get('/api/v1/reports/daily-return/2026-01-14')).json().error.message).toMatch(/not begun/);
  });
});
