import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { Api } from '../support/api';
import { kioskUrl } from '../support/board';
import { seedBoard } from '../support/seed';
import { type ServerProcess, startServer } from '../support/server';
import { expect, test } from '../support/test';
import { VIEWS, type View } from '../support/views';

/**
 * An automated WCAG 2.1 AA audit (axe-core) of every screen, with a realistic queue on it, at the
 * wall's landscape size. axe finds what a machine can (contrast, names, roles, landmarks, labels);
 * keyboard walks and screen-reader wording still need a person.
 */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  let server: ServerProcess | undefined;
  let seeded: string[] = [];

  test.beforeAll(async () => {
    server = await startServer();
    seeded = await seedBoard(new Api(server.url), server.tokens);
  });
  test.afterAll(async () => {
    await server?.dispose();
  });

  const audit = async (page: Page, view: View) => {
    if (server === undefined) throw new Error('no server');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(kioskUrl(server.url, view.path, view.token(server.tokens)));
    await expect(page.locator(view.ready).first()).toBeVisible({ timeout: 15_000 });
    const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
    const found = results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      where: violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')}: ${node.failureSummary}`),
    }));
    expect(found, `${view.name}: WCAG AA violations`).toEqual([]);
    // The audit looked at a page with content, not an empty shell.
    expect(results.passes.length).toBeGreaterThan(10);
  };

  for (const view of VIEWS) {
    test(`${view.name} has no WCAG AA violations`, async ({ page }) => {
      await audit(page, view);
    });
  }

  test('handover timeline has no WCAG AA violations', async ({ page }) => {
    await audit(page, {
      name: 'handover',
      path: `/handover/${seeded[3] ?? ''}`,
      token: (t) => t.busySiteEd,
      ready: '[data-testid="timeline-entry"]',
    });
  });
});
