import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { Api } from '../support/api';
import { kioskUrl } from '../support/board';
import { seedBoard } from '../support/seed';
import { REPO_ROOT, type ServerProcess, startServer } from '../support/server';
import { expect, test } from '../support/test';
import { VIEWS, type View } from '../support/views';

/**
 * A screenshot of every screen at wall sizes (1920x1080 and 1080x1920), written to e2e/screenshots/
 * (gitignored) from a server seeded with a realistic queue, for checking the look by eye. Each view
 * must render without console errors; the wall display must never scroll.
 */
const OUTPUT = join(REPO_ROOT, 'e2e/screenshots');
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
];

test.describe('screenshots', () => {
  let server: ServerProcess | undefined;
  let seeded: string[] = [];

  test.beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    server = await startServer();
    seeded = await seedBoard(new Api(server.url), server.tokens);
  });
  test.afterAll(async () => {
    await server?.dispose();
  });

  const shoot = async (page: Page, view: View) => {
    if (server === undefined) throw new Error('no server');
    await page.goto(kioskUrl(server.url, view.path, view.token(server.tokens)));
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect(page.locator(view.ready).first()).toBeVisible({ timeout: 15_000 });
      await expect(page.getByTestId('access-problem')).toHaveCount(0);
      // Let the clocks tick and the layout settle after the resize.
      await page.waitForTimeout(1_200);
      await page.screenshot({ path: join(OUTPUT, `${view.name}-${size.width}x${size.height}.png`) });
      if (view.noScroll) {
        const scrolls = await page.evaluate(() => {
          const root = document.documentElement;
          return root.scrollHeight > root.clientHeight || root.scrollWidth > root.clientWidth;
        });
        expect(scrolls, `${view.name} scrolls at ${size.width}x${size.height}`).toBe(false);
      }
    }
  };

  for (const view of VIEWS) {
    test(`${view.name} at 1920x1080 and 1080x1920`, async ({ page }) => {
      await shoot(page, view);
    });
  }

  test('handover at 1920x1080 and 1080x1920', async ({ page }) => {
    // The crew whose release was requested: the richest timeline.
    const path = `/handover/${seeded[3] ?? ''}`;
    await shoot(page, {
      name: 'handover',
      path,
      token: (t) => t.busySiteEd,
      ready: '[data-testid="timeline-entry"]',
    });
  });
});
