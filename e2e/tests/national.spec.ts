import { arrival, minutesAgo } from '../support/api';
import { kioskUrl, openLive, row } from '../support/board';
import { expect, test } from '../support/test';

interface Figures {
  waitingNow: number;
  over60Now: number;
}
interface Summary {
  now: Figures;
  sites: { siteCode: string; now: Figures }[];
}

/** NHS England's drill-down: England -> region -> acute trust -> site -> one handover, and the site's board. */
test.describe('national drill-down', () => {
  test('from /national down to a site, its handovers and its wall display', async ({ page, shared, api }) => {
    const { englandViewer, simulatorFeed } = shared.tokens;
    const held = arrival({ at: minutesAgo(62) });
    await api.record(simulatorFeed, held);
    const organisations = await api.get<{
      sites: { code: string; name: string; trustCode: string; regionCode: string }[];
    }>(englandViewer, '/api/v1/organisations');
    const site = organisations.body.sites.find((candidate) => candidate.code === 'RRK15');
    if (site === undefined) throw new Error('RRK15 is not in the reference data');

    await openLive(page, kioskUrl(shared.url, '/national', englandViewer));
    const region = page.locator(
      `[data-testid="region-table"] [data-testid="area-row"][data-code="${site.regionCode}"]`,
    );
    await region.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/region/${site.regionCode}$`));

    const trust = page.locator(
      `[data-testid="trust-table"] [data-testid="area-row"][data-code="${site.trustCode}"]`,
    );
    await trust.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/trust/${site.trustCode}$`));

    const siteRow = page.locator(`[data-testid="site-table"] [data-testid="area-row"][data-code="RRK15"]`);
    await siteRow.getByRole('link', { name: `Handovers at ${site.name}` }).click();
    await expect(page).toHaveURL(new RegExp(`/trust/${site.trustCode}\\?site=RRK15$`));
    const listed = page.locator(`[data-testid="site-handover-row"][data-handover-id="${held.handoverId}"]`);
    await expect(listed).toContainText(held.callsign);

    await listed.getByRole('link', { name: new RegExp(`^Timeline of ${held.callsign},`) }).click();
    await expect(page).toHaveURL(new RegExp(`/handover/${held.handoverId}$`));
    await expect(page.locator('[data-testid="timeline-entry"]').first()).toBeVisible();

    await page.goBack();
    await page
      .locator(`[data-testid="site-table"] [data-testid="area-row"][data-code="RRK15"]`)
      .getByRole('link', { name: `Wall display of ${site.name}` })
      .click();
    await expect(page).toHaveURL(/\/board\/RRK15$/);
    await expect(row(page, held.handoverId)).toHaveAttribute('data-band', 'over_60');
  });

  test('the live figures API adds up from site to trust to region to England', async ({ shared, api }) => {
    const { englandViewer, simulatorFeed } = shared.tokens;
    await api.record(simulatorFeed, arrival({ at: minutesAgo(63) }));
    const summary = async (path: string) => {
      const { status, body } = await api.get<Summary>(englandViewer, path);
      expect(status, path).toBe(200);
      return body;
    };
    const england = await summary('/api/v1/live/england');
    const region = await summary('/api/v1/live/regions/Y60');
    const trust = await summary('/api/v1/live/acute-trusts/RRK');
    const board = await summary('/api/v1/live/sites/RRK15');
    for (const level of [england, region, trust]) {
      const here = level.sites.find((entry) => entry.siteCode === 'RRK15');
      expect(here?.now.waitingNow).toBe(board.now.waitingNow);
      expect(here?.now.over60Now).toBe(board.now.over60Now);
      expect(level.now.waitingNow).toBe(level.sites.reduce((sum, entry) => sum + entry.now.waitingNow, 0));
    }
    expect(board.now.over60Now).toBeGreaterThanOrEqual(1);
  });
});
