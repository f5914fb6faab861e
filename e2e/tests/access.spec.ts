import { kioskUrl } from '../support/board';
import { expect, test } from '../support/test';

test.describe('credentials and scope in the UI', () => {
  test('the RRK15 ED credential on another site’s board gets a plain "not allowed" naming the scopes', async ({
    page,
    shared,
  }) => {
    await page.goto(kioskUrl(shared.url, '/board/R0A02', shared.tokens.busySiteEd));
    const problem = page.getByTestId('access-problem');
    await expect(problem.getByRole('heading')).toHaveText('This credential does not cover this screen');
    // Names what the credential covers and what the screen needs, in words and codes.
    await expect(problem).toContainText(
      /This credential covers Queen Elizabeth Hospital Birmingham \(RRK15\); the ED wall display needs .*\(R0A02\)/,
    );
    await expect(problem.getByRole('link', { name: 'Use a different credential' })).toBeVisible();
    await expect(page.locator('[data-testid="handover-row"]')).toHaveCount(0);
    await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  });

  test('a bogus token is not accepted and leads to the sign-in page, which signs in and returns', async ({
    page,
    shared,
    consoleWatch,
  }) => {
    // The browser logs the server's 401 answers to the bogus credential.
    consoleWatch.allow(/status of 401/);
    await page.goto(kioskUrl(shared.url, '/board/RRK15', 'hvt_bogus0000000_NotARealSecretNotARealSecret00'));
    const problem = page.getByTestId('access-problem');
    await expect(problem.getByRole('heading')).toHaveText('This credential was not accepted');
    await expect(page.locator('[data-testid="handover-row"]')).toHaveCount(0);
    // The token never stays in the address bar.
    expect(page.url()).not.toContain('token=');

    await problem.getByRole('link', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fboard%2FRRK15$/);
    await expect(page.getByRole('heading', { name: 'Sign in with a credential' })).toBeVisible();

    const field = page.getByLabel('Credential');
    await field.fill('hvt_bogus0000000_NotARealSecretNotARealSecret00');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('There is a problem');

    await field.fill(shared.tokens.busySiteEd);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/board\/RRK15$/);
    await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-state', 'live');
  });

  test('the start page / loads and lists the screens the credential opens', async ({ page, shared }) => {
    await page.goto(kioskUrl(shared.url, '/board/RRK15', shared.tokens.busySiteEd));
    await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-state', 'live');
    const response = await page.goto(`${shared.url}/`);
    expect(response?.status(), 'GET / (the start page)').toBe(200);
    await expect(page.getByRole('heading', { name: /^Signed in as / })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Wall display' })).toHaveAttribute('href', '/board/RRK15');
    await expect(page.getByRole('link', { name: 'Entry tablet' })).toHaveAttribute('href', '/entry/RRK15');
  });
});
