import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandoverEvent } from '@handover/domain';
import { type EventStore, openFileEventStore } from '@handover/store';
import { afterEach, describe, expect, it } from 'vitest';
import { arrival, follow } from '../test-support/events-factory';
import { startTestApp, type TestApp } from '../test-support/test-app';

const MIN = 60_000;
// Monday 12 January 2026 (GMT): the 16:00 report covers 11 Jan 16:00Z to 12 Jan 16:00Z.
const CUTOFF = Date.parse('2026-01-12T16:00:00Z');
const DATE = '2026-01-12';

/** The apps' clock, moved by hand, and forward by every event posted (events cannot be in the future). */
const clock = { now: 0 };
const now = () => clock.now;

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'handover-reports-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function sharedStore(): Promise<EventStore> {
  const store = await openFileEventStore({ dir: await tempDir() });
  cleanups.push(() => store.close());
  return store;
}

async function app(options: Parameters<typeof startTestApp>[0]): Promise<TestApp> {
  const started = await startTestApp(options);
  cleanups.push(() => started.close());
  return started;
}

async function post(t: TestApp, event: HandoverEvent) {
  clock.now = Math.max(clock.now, Date.parse(event.at));
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: t.auth('feed'),
    payload: event,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { cursor: string };
}

async function get(t: TestApp, url: string) {
  return t.app.inject({ url, headers: t.auth('englandViewer') });
}

/** A row of a report answer, by level and code. */
function rowOf(body: { rows: Record<string, unknown>[] }, level: string, code: string) {
  return body.rows.find((row) => row.level === level && row.code === code);
}

describe('freezing the 16:00 report', () => {
  it('freezes what was recorded by the cut-off, even when the next event is what triggers it', async () => {
    clock.now = CUTOFF - 60 * MIN;
    const t = await app({ now });
    const spanning = arrival(CUTOFF - 10 * MIN);
    await post(t, spanning);
    await post(t, follow(spanning.handoverId, 'handed_over', CUTOFF - 8 * MIN, { by: 'crew' }));
    const late = arrival(CUTOFF - 5 * MIN);
    await post(t, late);
    // Recorded after the cut-off: the report is frozen just before this event is applied.
    clock.now = CUTOFF + 1000;
    await post(t, follow(late.handoverId, 'handed_over', CUTOFF + 1000, { by: 'crew' }));
    await t.app.reportScheduler.settled();

    const body = (await get(t, `/api/v1/reports/1600/${DATE}`)).json();
    expect(body).toMatchObject({
      report: '1600',
      date: DATE,
      version: 1,
      status: 'frozen',
      asAt: '2026-01-12T16:00:00.000Z',
    });
    expect(rowOf(body, 'site', 'RRK15')).toMatchObject({
      all_handovers: 2,
      handover_time_known: 1,
      still_open: 1,
    });
  });

  it('freezes at a tick after the cut-off when no event follows it', async () => {
    clock.now = CUTOFF - 60 * MIN;
    const t = await app({ now });
    await post(t, arrival(CUTOFF - 30 * MIN));
    clock.now = CUTOFF + 1000;
    t.app.reportScheduler.tick();
    await t.app.reportScheduler.settled();
    // Within the grace after the cut-off nothing is frozen yet: late events from other instances may come.
    expect((await get(t, `/api/v1/reports/1600/${DATE}`)).statusCode).toBe(404);
    clock.now = CUTOFF + 6000;
    t.app.reportScheduler.tick();
    await t.app.reportScheduler.settled();
    const body = (await get(t, `/api/v1/reports/1600/${DATE}`)).json();
    expect(rowOf(body, 'england', 'ENG')).toMatchObject({ all_handovers: 1, still_open: 1 });
  });

  it('makes exactly one version 1 when two instances share the store, both with the same table', async () => {
    const store = await sharedStore();
    clock.now = CUTOFF - 60 * MIN;
    const a = await app({ now, store });
    const b = await app({ now, store });
    const first = arrival(CUTOFF - 40 * MIN);
    await post(a, first);
    const { cursor } = await post(
      a,
      follow(first.handoverId, 'handed_over', CUTOFF - 20 * MIN, { by: 'crew' }),
    );
    await b.app.projection.waitFor(cursor);

    clock.now = CUTOFF + 10_000;
    a.app.reportScheduler.tick();
    b.app.reportScheduler.tick();
    await Promise.all([a.app.reportScheduler.settled(), b.app.reportScheduler.settled()]);

    const versions = await a.app.reportArchives.report1600.versions(DATE);
    expect(versions).toHaveLength(1);
    expect(await store.documents.get('reports-1600.2026-01', `${DATE}/v2`)).toBeUndefined();
    // Whichever instance won, the other would have frozen the very same table.
    expect(versions[0]?.table).toEqual(b.app.reports.report1600(DATE, CUTOFF).table);
    expect(versions[0]?.table).toEqual(a.app.reports.report1600(DATE, CUTOFF).table);
    const listed = (await get(b, '/api/v1/reports/1600')).json().reports;
    expect(listed.filter((entry: { date: string }) => entry.date === DATE)).toHaveLength(1);
  });

  it('keeps the frozen version byte for byte, and lists what a later correction changed in version 2', async () => {
    clock.now = CUTOFF - 60 * MIN;
    const t = await app({ now });
    const corrected = arrival(CUTOFF - 50 * MIN);
    await post(t, corrected);
    await post(t, follow(corrected.handoverId, 'handed_over', CUTOFF - 10 * MIN, { by: 'crew' })); // 40 min
    clock.now = CUTOFF + 10_000;
    t.app.reportScheduler.tick();
    await t.app.reportScheduler.settled();
    const csvV1 = (await get(t, `/api/v1/reports/1600/${DATE}.csv`)).body;
    const documentV1 = JSON.stringify(await t.store.documents.get('reports-1600.2026-01', `${DATE}/v1`));

    clock.now = CUTOFF + 60 * MIN;
    await post(
      t,
      follow(corrected.handoverId, 'corrected', clock.now, {
        field: 'crewHandedOverAt',
        value: new Date(CUTOFF - 38 * MIN).toISOString(),
        reason: 'Stamped late',
      }),
    ); // now 12 min
    await t.app.reportScheduler.reviseNow();
    await t.app.reportScheduler.settled();

    const latest = (await get(t, `/api/v1/reports/1600/${DATE}`)).json();
    expect(latest).toMatchObject({ version: 2, latestVersion: 2, status: 'revised' });
    expect(rowOf(latest, 'site', 'RRK15')).toMatchObject({ over_15_minutes: 0, corrected: 1 });
    expect(latest.changes).toContainEqual({
      row: 'site/RRK15',
      column: 'over_15_minutes',
      before: 1,
      after: 0,
    });
    expect(latest.changes).toContainEqual({ row: 'site/RRK15', column: 'corrected', before: 0, after: 1 });
    expect(latest.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const v1 = await get(t, `/api/v1/reports/1600/${DATE}.csv?version=1`);
    expect(v1.body).toBe(csvV1);
    expect(JSON.stringify(await t.store.documents.get('reports-1600.2026-01', `${DATE}/v1`))).toBe(
      documentV1,
    );
    expect((await get(t, `/api/v1/reports/1600/${DATE}?version=1`)).json().changes).toEqual([]);

    // Nothing changed since: a second check stores nothing.
    await t.app.reportScheduler.reviseNow();
    expect(await t.app.reportArchives.report1600.versions(DATE)).toHaveLength(2);
  });

  it('survives a restart, and freezes a cut-off missed while down from exactly what was recorded by then', async () => {
    const dir = await tempDir();
    clock.now = CUTOFF - 60 * MIN;
    let store = await openFileEventStore({ dir });
    const first = await startTestApp({ now, store });
    const spanning = arrival(CUTOFF - 20 * MIN);
    await post(first, spanning);
    await first.close();
    // While no server runs, a handover is recorded after the cut-off (another writer of the same log).
    await store.append({
      event: follow(spanning.handoverId, 'handed_over', CUTOFF + 5 * MIN, { by: 'crew' }),
      actor: { credentialId: 'x', role: 'feed', label: 'Importer' },
      recordedAt: new Date(CUTOFF + 5 * MIN).toISOString(),
    });
    await store.close();

    clock.now = CUTOFF + 2 * 60 * MIN;
    store = await openFileEventStore({ dir });
    cleanups.push(() => store.close());
    const second = await app({ now, store });
    await second.app.reportScheduler.settled();
    const frozen = (await get(second, `/api/v1/reports/1600/${DATE}?version=1`)).json();
    // At 16:00 the handover was still open; the replay froze the report before applying its stamp.
    expect(frozen).toMatchObject({ version: 1, asAt: '2026-01-12T16:00:00.000Z' });
    expect(rowOf(frozen, 'site', 'RRK15')).toMatchObject({ still_open: 1, handover_time_known: 0 });
    // The revision check at start saw the stamp: version 2, as at the restart.
    const revised = (await get(second, `/api/v1/reports/1600/${DATE}`)).json();
    expect(revised).toMatchObject({ version: 2, asAt: '2026-01-12T18:00:00.000Z' });
    expect(rowOf(revised, 'site', 'RRK15')).toMatchObject({ still_open: 0, handover_time_known: 1 });
    const csv = (await get(second, `/api/v1/reports/1600/${DATE}.csv?version=1`)).body;
    await second.close();
    cleanups.pop();

    const third = await app({ now, store });
    await third.app.reportScheduler.settled();
    expect((await get(third, `/api/v1/reports/1600/${DATE}.csv?version=1`)).body).toBe(csv);
    expect(await third.app.reportArchives.report1600.versions(DATE)).toHaveLength(2);
  });

  it('freezes the daily return at midnight, provisional while handovers are open, final once revised', async () => {
    const midnight = Date.parse('2026-01-13T00:00:00Z');
    clock.now = midnight - 30 * MIN;
    const t = await app({ now });
    const open = arrival(midnight - 20 * MIN);
    await post(t, open);
    clock.now = midnight + 10_000;
    t.app.reportScheduler.tick();
    await t.app.reportScheduler.settled();
    const frozen = (await get(t, `/api/v1/reports/daily-return/${DATE}`)).json();
    expect(frozen).toMatchObject({ report: 'daily-return', version: 1, status: 'provisional' });

    clock.now = midnight + 20 * MIN;
    await post(t, follow(open.handoverId, 'handed_over', clock.now, { by: 'crew' }));
    await t.app.reportScheduler.reviseNow();
    const revised = (await get(t, `/api/v1/reports/daily-return/${DATE}`)).json();
    expect(revised).toMatchObject({ version: 2, status: 'final' });
    expect(revised.rows.find((row: Record<string, unknown>) => row['Site code'] === 'RRK15')).toMatchObject({
      'Handover time known': 1,
      'Over 15 minutes': 1,
      'Over 30 minutes': 1,
      'Total hours': 0.66667,
      Mean: '0:40:00',
      'Still open': 0,
    });
  });
});
