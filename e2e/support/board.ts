import { expect, type Page } from '@playwright/test';

/** A kiosk link: the token rides in the fragment, which the browser never sends to the server. */
export function kioskUrl(baseUrl: string, path: string, token: string): string {
  return `${baseUrl}${path}#token=${encodeURIComponent(token)}`;
}

export const banner = (page: Page) => page.getByTestId('connection-banner');
export const row = (page: Page, handoverId: string) =>
  page.locator(`[data-testid="handover-row"][data-handover-id="${handoverId}"]`);

/** Opens a live screen and waits until its data is live. */
export async function openLive(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(banner(page)).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
}

/** The handover ids of every row on the board, in screen order (duplicates kept). */
export function rowIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="handover-row"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-handover-id') ?? ''));
}

/**
 * Records, inside the page, the moment (epoch ms) each board row first becomes visible. Install before
 * navigating; read with `rowSeenAt`. Timed in the page, so Playwright's polling adds nothing.
 */
export async function recordRowAppearances(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __rowSeenAt: Record<string, number> }).__rowSeenAt = seen;
    const check = () => {
      for (const element of document.querySelectorAll<HTMLElement>('[data-testid="handover-row"]')) {
        const id = element.dataset.handoverId;
        if (id !== undefined && seen[id] === undefined && element.checkVisibility()) seen[id] = Date.now();
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  });
}

export async function rowSeenAt(page: Page, handoverId: string): Promise<number> {
  const at = await page.evaluate(
    (id) => (window as unknown as { __rowSeenAt?: Record<string, number> }).__rowSeenAt?.[id],
    handoverId,
  );
  if (at === undefined) throw new Error(`row ${handoverId} was never seen (recordRowAppearances first)`);
  return at;
}

/** The number in one of the board's headline figures (figure-waiting, ...). */
export async function figureValue(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).locator('.board-figure__value').textContent()) ?? '';
}
