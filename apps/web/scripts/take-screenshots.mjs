// Screenshots of the board and entry page against a running server, for checking the look by eye.
// Usage: node scripts/take-screenshots.mjs <demo-credentials.json> <output folder> [name prefix]
// Needs Chromium at /usr/bin/chromium (Debian: apt-get install -y chromium). Reports console errors,
// first-render time and any overflow (a wall display must never scroll).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [credentialsFile, outputDir, prefix = 'board'] = process.argv.slice(2);
if (credentialsFile === undefined || outputDir === undefined) {
  console.error('Usage: node scripts/take-screenshots.mjs <demo-credentials.json> <output folder> [prefix]');
  process.exit(2);
}
const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8'));
const token = encodeURIComponent(credentials.busySiteEd.token);
mkdirSync(outputDir, { recursive: true });

// The board has rendered its data: rows, or the "No ambulances waiting" message.
const BOARD_READY = '.handover-row, .handover-grid__empty';

const shots = [
  { name: `${prefix}-landscape`, path: '/board/RRK15', width: 1920, height: 1080, ready: BOARD_READY },
  { name: `${prefix}-portrait`, path: '/board/RRK15', width: 1080, height: 1920, ready: BOARD_READY },
  { name: `${prefix}-entry-tablet`, path: '/entry/RRK15', width: 1024, height: 768, ready: '.entry' },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  // Time inputs follow the browser's own locale, which on Linux comes from LANG.
  env: { ...process.env, LANG: 'en_GB.UTF-8' },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--lang=en-GB',
  ],
});
let problems = 0;
for (const shot of shots) {
  const page = await browser.newPage({
    viewport: { width: shot.width, height: shot.height },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems++;
      console.log(`  console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => {
    problems++;
    console.log(`  page error: ${error.message}`);
  });
  // Timed inside the page, from navigation start to the first element showing data.
  await page.addInitScript((selector) => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(selector) === null) return;
      window.__firstRenderMs = Math.round(performance.now());
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, shot.ready);
  await page.goto(`${credentials.baseUrl}${shot.path}#token=${token}`);
  await page.waitForSelector(shot.ready, { timeout: 10_000 });
  const firstRenderMs = await page.evaluate(() => window.__firstRenderMs);
  // Let the clock tick and fonts settle.
  await page.waitForTimeout(1_200);
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const clipped = [...document.querySelectorAll('.handover-row, .board-figure, .inbound')].filter(
      (element) =>
        element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1,
    ).length;
    return { page: root.scrollHeight > root.clientHeight || root.scrollWidth > root.clientWidth, clipped };
  });
  const file = join(outputDir, `${shot.name}.png`);
  await page.screenshot({ path: file });
  console.log(
    `${file}: first render ${firstRenderMs} ms, page scrolls: ${overflow.page}, clipped boxes: ${overflow.clipped}`,
  );
  await page.close();
}
await browser.close();
if (problems > 0) {
  console.log(`${problems} console problem(s)`);
  process.exitCode = 1;
}
