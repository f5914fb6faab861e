// Screenshots of the control room, national, region, trust and handover screens against a running demo
// server with traffic (see the simulator), for checking the look by eye.
// Usage: node scripts/take-view-screenshots.mjs <demo-credentials.json> <output folder>
// Needs Chromium at /usr/bin/chromium. Reports console errors, horizontal overflow and, for the control
// room (a fixed console screen), any page scrolling.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [credentialsFile, outputDir] = process.argv.slice(2);
if (credentialsFile === undefined || outputDir === undefined) {
  console.error('Usage: node scripts/take-view-screenshots.mjs <demo-credentials.json> <output folder>');
  process.exit(2);
}
const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8'));
const base = credentials.baseUrl;
const viewer = credentials.englandViewer.token;
const control = credentials.ambulanceControl.token;
const controlTrust = credentials.ambulanceControl.record.scope.code;
mkdirSync(outputDir, { recursive: true });

// A handover worth looking at: one with corrections and a release request if there is one.
const listed = await fetch(`${base}/api/v1/handovers?siteCode=RRK15&limit=1000`, {
  headers: { authorization: `Bearer ${viewer}` },
}).then((response) => response.json());
const score = (h) => h.corrections.length * 2 + h.releaseRequests.length * 3 + (h.clearedAt ? 1 : 0);
const chosen = [...listed.handovers].sort((a, b) => score(b) - score(a))[0];

const NATIONAL_READY = '.national-figures .national-figure, .access-problem';
const shots = [
  {
    name: 'control-landscape',
    path: `/control/${controlTrust}`,
    token: control,
    width: 1920,
    height: 1080,
    ready: '.control-figures',
    fixed: true,
  },
  {
    name: 'control-portrait',
    path: `/control/${controlTrust}`,
    token: control,
    width: 1080,
    height: 1920,
    ready: '.control-figures',
    fixed: true,
  },
  {
    name: 'national-landscape',
    path: '/national',
    token: viewer,
    width: 1920,
    height: 1080,
    ready: NATIONAL_READY,
  },
  {
    name: 'national-portrait',
    path: '/national',
    token: viewer,
    width: 1080,
    height: 1920,
    ready: NATIONAL_READY,
  },
  {
    name: 'national-full',
    path: '/national',
    token: viewer,
    width: 1920,
    height: 1080,
    ready: NATIONAL_READY,
    full: true,
  },
  {
    name: 'region-landscape',
    path: '/region/Y60',
    token: viewer,
    width: 1920,
    height: 1080,
    ready: NATIONAL_READY,
  },
  {
    name: 'region-portrait',
    path: '/region/Y60',
    token: viewer,
    width: 1080,
    height: 1920,
    ready: NATIONAL_READY,
  },
  {
    name: 'trust-landscape',
    path: '/trust/RRK?site=RRK15',
    token: viewer,
    width: 1920,
    height: 1080,
    ready: NATIONAL_READY,
    full: true,
  },
  {
    name: 'trust-portrait',
    path: '/trust/RRK?site=RRK15',
    token: viewer,
    width: 1080,
    height: 1920,
    ready: NATIONAL_READY,
  },
  ...(chosen === undefined
    ? []
    : [
        {
          name: 'handover-landscape',
          path: `/handover/${chosen.handoverId}`,
          token: viewer,
          width: 1920,
          height: 1080,
          ready: '.timeline, .access-problem',
        },
        {
          name: 'handover-portrait',
          path: `/handover/${chosen.handoverId}`,
          token: viewer,
          width: 1080,
          height: 1920,
          ready: '.timeline, .access-problem',
        },
      ]),
];

// ONLY=control (a name prefix) takes just those shots.
const only = process.env.ONLY;
const wanted = only === undefined ? shots : shots.filter((shot) => shot.name.startsWith(only));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  env: { ...process.env, LANG: 'en_GB.UTF-8' },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=en-GB'],
});
let problems = 0;
for (const shot of wanted) {
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
  const started = Date.now();
  await page.goto(`${base}${shot.path}#token=${encodeURIComponent(shot.token)}`);
  await page.waitForSelector(shot.ready, { timeout: 20_000 });
  const readyMs = Date.now() - started;
  // Let charts lay out and the yesterday figures arrive.
  await page.waitForTimeout(2_500);
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    return {
      vertical: root.scrollHeight > root.clientHeight,
      horizontal: root.scrollWidth > root.clientWidth,
    };
  });
  const file = join(outputDir, `${shot.name}.png`);
  await page.screenshot({ path: file, fullPage: shot.full === true });
  const scrollProblem = overflow.horizontal || (shot.fixed && overflow.vertical);
  if (scrollProblem) problems++;
  console.log(
    `${file}: ready in ${readyMs} ms, scrolls vertically: ${overflow.vertical}, horizontally: ${overflow.horizontal}`,
  );
  await page.close();
}
await browser.close();
if (problems > 0) {
  console.log(`${problems} problem(s)`);
  process.exitCode = 1;
}
