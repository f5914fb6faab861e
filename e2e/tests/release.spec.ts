import type { Browser, Page } from '@playwright/test';
import { arrival, minutesAgo } from '../support/api';
import { kioskUrl, openLive } from '../support/board';
import { type ConsoleWatch, expect, type SharedServer, test } from '../support/test';

/**
 * Release to Respond: the control room (/control/RYA) asks the ED to release a held crew, the ED's
 * entry tablet (/entry/RRK15) shows the request and answers, and the control room sees the answer live.
 * Two browser contexts: two machines, each with its own saved credential.
 */
async function openControlRoom(browser: Browser, consoleWatch: ConsoleWatch, shared: SharedServer) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  consoleWatch.watch(context);
  const page = await context.newPage();
  await openLive(page, kioskUrl(shared.url, '/control/RYA', shared.tokens.ambulanceControl));
  return { context, page };
}

async function requestRelease(control: Page, callsign: string): Promise<void> {
  await control.getByRole('button', { name: new RegExp(`^Request release: ${callsign} at `) }).click();
  const dialog = control.getByRole('dialog');
  await expect(dialog).toContainText(`Request release of ${callsign}?`);
  await dialog.getByRole('button', { name: 'Send release request' }).click();
  await expect(dialog).toHaveCount(0);
}

test.describe('release request round trip, control room and ED', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('control requests release, the ED releases the crew, control sees it live', async ({
    browser,
    page,
    shared,
    api,
    consoleWatch,
  }) => {
    const held = arrival({ at: minutesAgo(47), ambulanceTrustCode: 'RYA' });
    await api.record(shared.tokens.simulatorFeed, held);
    const control = await openControlRoom(browser, consoleWatch, shared);
    try {
      const crew = control.page.locator(`[data-testid="held-crew"][data-handover-id="${held.handoverId}"]`);
      await expect(crew).toHaveAttribute('data-release', 'none');

      await openLive(page, kioskUrl(shared.url, '/entry/RRK15', shared.tokens.busySiteEd));
      const entry = page.locator(`[data-testid="entry-row"][data-handover-id="${held.handoverId}"]`);
      await expect(entry).toBeVisible();
      await expect(entry.getByTestId('release-answer')).toHaveCount(0);

      await requestRelease(control.page, held.callsign);
      await expect(crew).toHaveAttribute('data-release', 'open');
      await expect(crew.getByTestId('release-status')).toContainText('no answer yet');

      // The ED sees who asked, live, and answers with one button.
      const answer = entry.getByTestId('release-answer');
      await expect(answer).toContainText('Release requested by West Midlands');
      await expect(answer).toContainText('control room');
      await answer.getByRole('button', { name: new RegExp(`^Release crew: ${held.callsign},`) }).click();
      await expect(entry).toContainText(/Crew released \d\d:\d\d/);
      await expect(answer).toHaveCount(0);

      // The control room sees the answer without reloading.
      await expect(crew).toHaveAttribute('data-release', 'released');
      await expect(crew.getByTestId('release-status')).toContainText(/Released by the ED \d\d:\d\d/);
      await expect(page.getByTestId('outbox-count')).toHaveText('All sent');

      const view = await api.handover(shared.tokens.busySiteEd, held.handoverId);
      expect(view.releaseRequests).toHaveLength(1);
      expect(view.releaseRequests[0]).toMatchObject({ outcome: 'released' });
    } finally {
      await control.context.close();
    }
  });

  test('the ED declines with a reason, control sees the reason and may ask again', async ({
    browser,
    page,
    shared,
    api,
    consoleWatch,
  }) => {
    const held = arrival({ at: minutesAgo(52), ambulanceTrustCode: 'RYA' });
    await api.record(shared.tokens.simulatorFeed, held);
    const control = await openControlRoom(browser, consoleWatch, shared);
    try {
      const crew = control.page.locator(`[data-testid="held-crew"][data-handover-id="${held.handoverId}"]`);
      await openLive(page, kioskUrl(shared.url, '/entry/RRK15', shared.tokens.busySiteEd));
      const entry = page.locator(`[data-testid="entry-row"][data-handover-id="${held.handoverId}"]`);

      await requestRelease(control.page, held.callsign);
      const answer = entry.getByTestId('release-answer');
      await answer.getByRole('button', { name: new RegExp(`^Decline release: ${held.callsign},`) }).click();
      const dialog = page.getByRole('dialog');
      // A decline needs a reason.
      await dialog.getByRole('button', { name: 'Decline release' }).click();
      await expect(dialog).toContainText('Enter why the crew cannot be released');
      await dialog.getByLabel('Reason').fill('Resus full, no cubicle free');
      await dialog.getByRole('button', { name: 'Decline release' }).click();
      await expect(dialog).toHaveCount(0);
      await expect(entry).toContainText('Release declined');

      await expect(crew).toHaveAttribute('data-release', 'declined');
      await expect(crew.getByTestId('release-status')).toContainText('Resus full, no cubicle free');
      await expect(
        control.page.getByRole('button', { name: new RegExp(`^Ask again: ${held.callsign} at `) }),
      ).toBeVisible();
    } finally {
      await control.context.close();
    }
  });
});
