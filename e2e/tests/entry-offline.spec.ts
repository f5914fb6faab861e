import type { Page, Route } from '@playwright/test';
import { uniqueCallsign } from '../support/api';
import { banner, kioskUrl } from '../support/board';
import { storedEvents } from '../support/event-log';
import { expect, type SharedServer, test, WEBSOCKET_REFUSED } from '../support/test';

/** The ED tablet at /entry/RRK15 keeps what staff record while the network is down, then sends it once. */
test.use({ viewport: { width: 1024, height: 768 } });

const FAILED_REQUEST = /Failed to load resource: net::ERR_/;

async function openEntry(page: Page, shared: SharedServer): Promise<void> {
  await page.goto(kioskUrl(shared.url, '/entry/RRK15', shared.tokens.busySiteEd));
  await expect(banner(page)).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
  await expect(page.getByTestId('outbox-count')).toHaveText('All sent');
}

/** Records an arrival (now) and then the ED's handover stamp for it, through the tablet's form and list. */
async function recordArrivalAndHandover(page: Page, callsign: string): Promise<void> {
  await page.getByLabel('Callsign').fill(callsign);
  await page.getByRole('button', { name: 'Record arrival' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Arrival of ${callsign}` })).toBeVisible();
  const entry = page.getByTestId('entry-row').filter({ hasText: callsign });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Not sent yet');
  await page.getByRole('button', { name: new RegExp(`^Handed over \\(ED\\): ${callsign},`) }).click();
  await expect(entry).toContainText(/Handed over \d\d:\d\d/);
}

async function expectRecordedOnce(shared: SharedServer, callsign: string): Promise<void> {
  const response = await fetch(`${shared.url}/api/v1/handovers?siteCode=RRK15&limit=1000`, {
    headers: { authorization: `Bearer ${shared.tokens.busySiteEd}` },
  });
  const { handovers } = (await response.json()) as {
    handovers: { handoverId: string; callsign: string; state: string; arrivedAt: string | null }[];
  };
  const mine = handovers.filter((handover) => handover.callsign === callsign);
  expect(mine, `handovers with callsign ${callsign}`).toHaveLength(1);
  const [handover] = mine;
  if (handover === undefined) return;

  const one = await fetch(`${shared.url}/api/v1/handovers/${handover.handoverId}`, {
    headers: { authorization: `Bearer ${shared.tokens.busySiteEd}` },
  });
  const view = (await one.json()) as {
    state: string;
    arrivedAt: string | null;
    edHandedOverAt: string | null;
  };
  expect(view.state).toBe('handed_over');
  expect(view.arrivedAt).not.toBeNull();
  expect(view.edHandedOverAt).not.toBeNull();

  const stored = await storedEvents(shared.dataDir, handover.handoverId);
  expect(stored.map((event) => event.type).sort(), 'events stored for the handover').toEqual([
    'arrived',
    'handed_over',
  ]);
}

test.describe('ED entry tablet /entry/RRK15', () => {
  test('offline: an arrival and a handover wait on the tablet, then reach the server exactly once', async ({
    page,
    context,
    shared,
    consoleWatch,
  }, testInfo) => {
    consoleWatch.allow(FAILED_REQUEST);
    consoleWatch.allow(WEBSOCKET_REFUSED);
    await openEntry(page, shared);
    const callsign = uniqueCallsign('OFF');

    await context.setOffline(true);
    await recordArrivalAndHandover(page, callsign);
    const outbox = page.getByTestId('outbox-count');
    await expect(outbox).toHaveText('2 waiting to send');
    await expect(outbox).toHaveAttribute('data-count', '2');

    // Load the page again while offline, if it can load offline at all. A probe page tells, so that
    // the tablet itself is never left on the browser's offline error page. (A navigation, not
    // page.reload(), which forces revalidation: a kiosk relaunching opens the address again.)
    const probe = await context.newPage();
    const loadsOffline = await probe
      .goto(`${shared.url}/entry/RRK15`)
      .then(() => probe.getByTestId('outbox-count').waitFor({ timeout: 5_000 }))
      .then(
        () => true,
        () => false,
      );
    await probe.close();
    if (loadsOffline) {
      await page.goto(`${shared.url}/entry/RRK15`);
      await expect(outbox).toHaveText('2 waiting to send');
      await expect(page.getByTestId('entry-row').filter({ hasText: callsign })).toContainText('Not sent yet');
      testInfo.annotations.push({ type: 'offline-reload', description: 'page loaded again while offline' });
    } else {
      testInfo.annotations.push({
        type: 'offline-reload-skipped',
        description: 'the entry page cannot load offline (no service worker or offline cache)',
      });
    }

    await context.setOffline(false);
    await expect(outbox).toHaveText('All sent', { timeout: 15_000 });
    await expect(outbox).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('entry-row').filter({ hasText: callsign })).not.toContainText(
      'Not sent yet',
    );
    await expect(page.getByTestId('refused-events')).toHaveCount(0);
    await expectRecordedOnce(shared, callsign);
  });

  test('server unreachable: unsent events survive a reload, and a lost answer does not double one', async ({
    page,
    shared,
    consoleWatch,
  }) => {
    consoleWatch.allow(FAILED_REQUEST);
    await openEntry(page, shared);
    const callsign = uniqueCallsign('LOST');

    // The server cannot be reached for sending (the page itself still loads).
    let mode: 'unreachable' | 'lose-first-answer' | 'through' = 'unreachable';
    /** The eventId of every POST that reached the server, in order. */
    const delivered: string[] = [];
    await page.route('**/api/v1/events', async (route: Route) => {
      if (mode === 'unreachable') return route.abort('connectionrefused');
      delivered.push((route.request().postDataJSON() as { eventId: string }).eventId);
      if (mode === 'lose-first-answer') {
        // The event reaches the server and is stored, but the answer never comes back.
        mode = 'through';
        const response = await route.fetch();
        expect(response.status()).toBe(201);
        return route.abort('connectionreset');
      }
      return route.fallback();
    });

    await recordArrivalAndHandover(page, callsign);
    const outbox = page.getByTestId('outbox-count');
    await expect(outbox).toHaveText('2 waiting to send');

    await page.reload();
    await expect(outbox).toHaveText('2 waiting to send');
    const entry = page.getByTestId('entry-row').filter({ hasText: callsign });
    await expect(entry).toContainText('Not sent yet');
    await expect(entry).toContainText(/Handed over \d\d:\d\d/);

    mode = 'lose-first-answer';
    // Send now (unless the tablet's own retry is already under way: the button hides while it sends).
    const sendNow = page.getByRole('button', { name: 'Send now' });
    await sendNow.click({ timeout: 2_000 }).catch(() => undefined);
    await expect.poll(() => mode).toBe('through');
    await sendNow.click({ timeout: 2_000 }).catch(() => undefined);
    await expect(outbox).toHaveText('All sent', { timeout: 10_000 });
    await expect(entry).not.toContainText('Not sent yet');
    await expect(page.getByTestId('refused-events')).toHaveCount(0);
    // The arrival reached the server twice (its answer lost the first time), the same eventId both times.
    expect(delivered).toHaveLength(3);
    expect(delivered[0]).toBe(delivered[1]);
    await expectRecordedOnce(shared, callsign);
  });
});
