import { readFileSync } from 'node:fs';
import { Api } from '../support/api';
import { kioskUrl } from '../support/board';
import { seedBoard } from '../support/seed';
import { type ServerProcess, startServer } from '../support/server';
import { expect, test } from '../support/test';

/** The 16:00 report in the browser: figures on screen, the CSV download, an A4 print. */
test.describe('16:00 report', () => {
  let server: ServerProcess | undefined;

  test.beforeAll(async () => {
    server = await startServer();
    await seedBoard(new Api(server.url), server.tokens);
  });
  test.afterAll(async () => {
    await server?.dispose();
  });

  test('shows the provisional report with its figures, downloads its CSV and prints on A4', async ({
    page,
  }) => {
    if (server === undefined) throw new Error('no server');
    await page.goto(kioskUrl(server.url, '/reports/1600/provisional', server.tokens.englandViewer));
    const headline = page.getByTestId('report-headline').first();
    await expect(headline).toBeVisible({ timeout: 15_000 });
    await expect(headline).toContainText('Handover time known');
    await expect(page.getByTestId('report-trust-table').first()).toContainText('Queen Elizabeth Hospital');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-csv').first().click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.split(/\r?\n/)[0]).toContain('handover_time_known');
    expect(csv).toContain('RRK15');

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
