/**
 * Browser cost (issue #7, item 2): the production web build in Debian's Chromium, driven by
 * playwright-core, against a real server. Measures the main-thread time of the ED board's per-second
 * tick with 40 open handovers, and of the national view's updates with 2,000 open handovers while events
 * arrive, from a Chrome trace (every top-level task of the page's main thread), plus the page's own
 * long-task observer.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '@handover/store/test-support';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startDeployment } from './lib/deployment';
import { batchStatuses, postJson } from './lib/http-post';
import { launchedChromiumCpuSeconds } from './lib/proc-sampler';
import type { BenchReference } from './lib/reference';
import { type LatencySummary, summarise } from './lib/stats';
import { tickFloorHtml } from './lib/tick-floor';
import { type MainThreadProfile, type MainThreadUpdate, mainThreadProfile } from './lib/trace-analysis';
import { HandoverTraffic, type TrafficEvent } from './lib/traffic';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB_BUILD = join(REPO_ROOT, 'apps/web/dist');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const BOARD_SITE = 'RRK15';
const BOARD_OPEN = 40;
const NATIONAL_OPEN = 2_000;
/** NHS England's peak event rate (DOMAIN.md section 7). */
const NATIONAL_EVENTS_PER_SECOND = 3;
/** Every task, script call, frame phase and paint: enough to split an update's cost, but the tracer's own work
 * (an event per layout root, per paint layer, ...) inflates the CPU it measures. */
const DETAILED_TRACE = [
  '-*',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'cc',
];
/** Only the main thread's tasks, with where each was posted from (so timers and frames are still known). */
const LIGHT_TRACE = ['-*', 'toplevel'];
const LONG_TASKS = '__benchLongTasks';
const FIRST_ROW = '__benchFirstRow';
const FIRST_ROW_LOADS = 5;

export interface PageCost {
  page: string;
  openHandovers: number;
  windowS: number;
  /** What counts as an update: the board's ticks, or every burst of national-view work. */
  updates: number;
  /** Main-thread CPU time per update (thread time: unaffected by other processes on this machine). */
  perUpdateCpuMs: LatencySummary;
  /** The same in wall time (what a viewer waits on this loaded machine). */
  perUpdateWallMs: LatencySummary;
  /**
   * CPU per update in a last light window, after the others: the page as it runs for hours, once V8 has
   * compiled its hot code (the first window starts 3 s after the page went live). Shown, not judged.
   */
  settledPerUpdateCpuMs: LatencySummary;
  /** Mean CPU per update: script and messages, style and layout, paint, the rest of the frame. */
  meanBreakdownCpuMs: { script: number; styleLayout: number; paint: number; otherFrame: number };
  /**
   * Where the figures come from. 'one window': one detailed trace. 'light + detailed windows': the per-update
   * figures, long tasks and busy time from a light trace (tasks only), then the breakdown from a second, detailed
   * window of the same length, whose own per-update CPU is `detailedPerUpdateCpuMs` (tracer overhead included).
   */
  traced: 'one window' | 'light + detailed windows';
  detailedPerUpdateCpuMs?: LatencySummary;
  /** Script and frame CPU per update in the light window (its frames are not split further). */
  lightBreakdownCpuMs?: { script: number; frame: number };
  /** CPU per update, split: updates in which a timer fired (the tick) and the rest (incoming events). */
  tickUpdatesCpuMs: LatencySummary;
  otherUpdatesCpuMs: LatencySummary;
  busyCpuPerSecondMs: number;
  /**
   * CPU of the whole browser (every Chromium process: main thread, compositor, raster, display) per second
   * of the first window, from /proc. What the screen costs the machine, whichever thread does the work;
   * tracing adds to it a little.
   */
  browserCpuPerSecondMs: number;
  /** Over the light windows (the first and the settled one), the collector's tasks included. */
  longestTaskMs: number;
  /** V8's garbage-collector tasks between the updates (not counted in them), in the first window. */
  collector: MainThreadProfile['collector'];
  /** Tasks over 50 ms in the light windows' traces, and as the page's own PerformanceObserver saw them in every window. */
  longTasksInTrace: number;
  longTasksObserved: number;
  eventsPosted: number;
}

export interface BrowserCostResult {
  chromium: string;
  /** From navigation start to the first handover row on the wall display, over fresh loads. */
  boardFirstRowMs: LatencySummary;
  board: PageCost;
  /** Ticks of the smallest page doing the board's per-second job (bench/lib/tick-floor.ts), same trace. */
  tickFloorCpuMs: LatencySummary;
  national: PageCost | { skipped: string };
}

export async function measureBrowserCost(
  reference: BenchReference,
  windowMs: number,
  log: (line: string) => void,
): Promise<BrowserCostResult> {
  const build = await snapshotWebBuild();
  const deployment = await startDeployment({ kind: 'file', instances: 1, env: { WEB_DIR: build.dir } });
  let browser: Browser | undefined;
  try {
    const baseUrl = deployment.instances[0]?.httpUrl ?? '';
    const { viewer, feed } = deployment.tokens;
    const traffic = new HandoverTraffic(reference.sites);
    // Open handovers from a few minutes to two hours old, so the board shows every band.
    await seed(traffic, baseUrl, feed, BOARD_OPEN, [BOARD_SITE]);
    const elsewhere = reference.sites.map((site) => site.code).filter((code) => code !== BOARD_SITE);
    await seed(traffic, baseUrl, feed, NATIONAL_OPEN - BOARD_OPEN, elsewhere);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.addInitScript(`
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="handover-row"]') === null) return;
        window.${FIRST_ROW} = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
      window.${LONG_TASKS} = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.${LONG_TASKS}.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    `);

    const boardUrl = `${baseUrl}/board/${BOARD_SITE}#token=${encodeURIComponent(viewer)}`;
    const firstRows: number[] = [];
    for (let load = 0; load < FIRST_ROW_LOADS; load++) {
      await page.goto('about:blank');
      await openLive(page, boardUrl, '[data-testid="handover-row"]', 1);
      firstRows.push(Number(await page.evaluate(`window.${FIRST_ROW}`)));
    }
    const boardFirstRowMs = summarise(firstRows);
    log(
      `  board first row after navigation: p50 ${boardFirstRowMs.p50.toFixed(0)} ms, max ${boardFirstRowMs.max.toFixed(0)} ms`,
    );
    await openLive(page, boardUrl, '[data-testid="handover-row"]', BOARD_OPEN);
    const board = await measure(browser, page, windowMs, {
      page: `/board/${BOARD_SITE}`,
      openHandovers: BOARD_OPEN,
      ticksOnly: true,
      lightTotals: true,
    });
    log(`  board: ${describe(board)}`);
    const tickFloorCpuMs = await measureTickFloor(browser, page, windowMs);
    log(
      `  floor (${BOARD_OPEN} bare timers): CPU per tick p50 ${tickFloorCpuMs.p50.toFixed(1)} max ${tickFloorCpuMs.max.toFixed(1)} ms; ` +
        `the board's p50 is ${(board.perUpdateCpuMs.p50 / tickFloorCpuMs.p50).toFixed(2)} x the floor's`,
    );

    const national = hasRoute('/national')
      ? await (async () => {
          await openLive(page, `${baseUrl}/national#token=${encodeURIComponent(viewer)}`);
          return measure(browser, page, windowMs, {
            page: '/national',
            openHandovers: NATIONAL_OPEN,
            ticksOnly: false,
            lightTotals: true,
            during: (signal) => postSteadily(traffic, baseUrl, feed, signal),
          });
        })()
      : { skipped: 'apps/web has no /national route yet' };
    log(`  national: ${'skipped' in national ? national.skipped : describe(national)}`);
    return { chromium: browser.version(), boardFirstRowMs, board, tickFloorCpuMs, national };
  } finally {
    await browser?.close();
    await deployment.dispose();
    await build.remove();
  }
}

/**
 * A copy of the web build, so a rebuild while the bench runs cannot pull files from under the server.
 * BENCH_WEB_DIR measures another build instead (e.g. one built before a change, for A/B runs).
 */
async function snapshotWebBuild(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const source = process.env.BENCH_WEB_DIR ?? WEB_BUILD;
  if (source === WEB_BUILD && !existsSync(join(WEB_BUILD, 'index.html'))) {
    const built = spawnSync('pnpm', ['--filter', '@handover/web', 'build'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('could not build apps/web (pnpm --filter @handover/web build)');
  }
  const temp = await makeTempDir('handover-bench-web-');
  const dir = join(temp.path, 'dist');
  cpSync(source, dir, { recursive: true });
  return { dir, remove: () => temp.remove() };
}

/** Whether the web app has a screen at `path` yet (the national view was being built alongside this). */
function hasRoute(path: string): boolean {
  return readFileSync(join(REPO_ROOT, 'apps/web/src/app/routes.ts'), 'utf8').includes(`pattern: '${path}'`);
}

async function seed(
  traffic: HandoverTraffic,
  baseUrl: string,
  token: string,
  count: number,
  siteCodes: string[],
): Promise<void> {
  for (let done = 0; done < count; done += 500) {
    const now = Date.now();
    const events = Array.from({ length: Math.min(500, count - done) }, () =>
      traffic.arrival(now - 2 * 60_000 - Math.random() * 118 * 60_000, siteCodes),
    );
    const answer = await postJson(`${baseUrl}/api/v1/events/batch`, token, {
      events: events.map((e) => e.event),
    });
    const statuses = batchStatuses(answer.body, events.length) ?? [];
    events.forEach((e, i) => {
      traffic.settled(e.event.eventId, statuses[i] === 201);
    });
    if (answer.status !== 200 || statuses.some((s) => s !== 201)) {
      throw new Error(
        `seeding the browser's handovers failed: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
  }
}

async function openLive(page: Page, url: string, rows?: string, count?: number): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="connection-banner"][data-state="live"]', { timeout: 30_000 });
  if (rows !== undefined && count !== undefined) {
    await page.waitForFunction(`document.querySelectorAll('${rows}').length >= ${count}`);
  }
  // Let start-up work (fonts, first charts, code chunks) finish before anything is measured.
  await sleep(3_000);
}

/**
 * Traces the page for `windowMs` (while `during` runs, if given) and sums its main-thread work. With
 * `lightTotals`, the per-update figures come from a light trace and the breakdown from a second, detailed window.
 */
async function measure(
  browser: Browser,
  page: Page,
  windowMs: number,
  options: {
    page: string;
    openHandovers: number;
    ticksOnly: boolean;
    lightTotals: boolean;
    during?: (signal: AbortSignal) => Promise<number>;
  },
): Promise<PageCost> {
  await page.evaluate(`window.${LONG_TASKS}.length = 0`);
  const first = await traceWindow(
    browser,
    page,
    windowMs,
    options.lightTotals ? LIGHT_TRACE : DETAILED_TRACE,
    options.during,
  );
  const detailed = options.lightTotals
    ? await traceWindow(browser, page, windowMs, DETAILED_TRACE, options.during)
    : first;
  const settled = await traceWindow(browser, page, windowMs, LIGHT_TRACE, options.during);
  const observed = (await page.evaluate(`window.${LONG_TASKS}.slice()`)) as number[];
  const pick = (profile: MainThreadProfile) => profile.updates.filter((u) => !options.ticksOnly || u.timer);
  const updates = pick(first.profile);
  const detailedUpdates = pick(detailed.profile);
  const mean = (list: MainThreadUpdate[], of: (u: MainThreadUpdate) => number) =>
    list.length > 0 ? list.reduce((sum, u) => sum + of(u), 0) / list.length : 0;
  const split = (list: MainThreadUpdate[]) => ({
    script: mean(list, (u) => u.cpuMs - u.frameCpuMs),
    styleLayout: mean(list, (u) => u.styleLayoutCpuMs),
    paint: mean(list, (u) => u.paintCpuMs),
    // Nested trace events can overlap by a few microseconds: never below zero.
    otherFrame: Math.max(
      0,
      mean(list, (u) => u.frameCpuMs - u.styleLayoutCpuMs - u.paintCpuMs),
    ),
  });
  const profile = first.profile;
  return {
    page: options.page,
    openHandovers: options.openHandovers,
    windowS: windowMs / 1000,
    updates: updates.length,
    perUpdateCpuMs: summarise(updates.map((u) => u.cpuMs)),
    perUpdateWallMs: summarise(updates.map((u) => u.wallMs)),
    settledPerUpdateCpuMs: summarise(pick(settled.profile).map((u) => u.cpuMs)),
    meanBreakdownCpuMs: split(detailedUpdates),
    ...(options.lightTotals
      ? {
          traced: 'light + detailed windows' as const,
          detailedPerUpdateCpuMs: summarise(detailedUpdates.map((u) => u.cpuMs)),
          lightBreakdownCpuMs: {
            script: mean(updates, (u) => u.cpuMs - u.frameCpuMs),
            frame: mean(updates, (u) => u.frameCpuMs),
          },
        }
      : { traced: 'one window' as const }),
    tickUpdatesCpuMs: summarise(profile.updates.filter((u) => u.timer).map((u) => u.cpuMs)),
    otherUpdatesCpuMs: summarise(profile.updates.filter((u) => !u.timer).map((u) => u.cpuMs)),
    busyCpuPerSecondMs: profile.busyCpuMs / (windowMs / 1000),
    browserCpuPerSecondMs: first.browserCpuPerSecondMs,
    // Over the light windows (the first and the settled one); the detailed trace's own cost would inflate them.
    longestTaskMs: Math.max(profile.longestTaskMs, settled.profile.longestTaskMs),
    longTasksInTrace: profile.longTasks + settled.profile.longTasks,
    collector: profile.collector,
    // Over every window: the observer does not depend on the trace.
    longTasksObserved: observed.length,
    eventsPosted:
      first.eventsPosted + (options.lightTotals ? detailed.eventsPosted : 0) + settled.eventsPosted,
  };
}

/** The board's tick floor on this machine: the same light trace of the smallest page doing its job. */
async function measureTickFloor(browser: Browser, page: Page, windowMs: number): Promise<LatencySummary> {
  await page.goto('about:blank');
  await page.setContent(tickFloorHtml(BOARD_OPEN));
  await sleep(3_000);
  const { profile } = await traceWindow(browser, page, windowMs, LIGHT_TRACE);
  return summarise(profile.updates.filter((u) => u.timer).map((u) => u.cpuMs));
}

/** One trace of `windowMs` with the given categories, while `during` runs. */
async function traceWindow(
  browser: Browser,
  page: Page,
  windowMs: number,
  categories: string[],
  during?: (signal: AbortSignal) => Promise<number>,
): Promise<{ profile: MainThreadProfile; eventsPosted: number; browserCpuPerSecondMs: number }> {
  await browser.startTracing(page, { categories });
  const stop = new AbortController();
  const posting = during?.(stop.signal) ?? Promise.resolve(0);
  const cpuBefore = launchedChromiumCpuSeconds();
  await sleep(windowMs);
  const browserCpuPerSecondMs = ((launchedChromiumCpuSeconds() - cpuBefore) * 1000) / (windowMs / 1000);
  stop.abort();
  const eventsPosted = await posting;
  const raw = await browser.stopTracing();
  // BENCH_TRACE_DIR keeps every window's trace, to open in DevTools or read when a number looks odd.
  const keep = process.env.BENCH_TRACE_DIR;
  if (keep !== undefined) writeFileSync(join(keep, `trace-${Date.now()}-${categories.length}.json`), raw);
  const trace = JSON.parse(raw.toString('utf8')) as Parameters<typeof mainThreadProfile>[0];
  return { profile: mainThreadProfile(trace), eventsPosted, browserCpuPerSecondMs };
}

/** Posts the national peak rate of events (arrivals, handovers, clears) until aborted; returns how many. */
async function postSteadily(
  traffic: HandoverTraffic,
  baseUrl: string,
  token: string,
  signal: AbortSignal,
): Promise<number> {
  let posted = 0;
  while (!signal.aborted) {
    const { event }: TrafficEvent = traffic.next(Date.now());
    const answer = await postJson(`${baseUrl}/api/v1/events`, token, event);
    traffic.settled(event.eventId, answer.status === 201);
    if (answer.status === 201) posted += 1;
    await sleep(1_000 / NATIONAL_EVENTS_PER_SECOND);
  }
  return posted;
}

function describe(cost: PageCost): string {
  const cpu = cost.perUpdateCpuMs;
  const b = cost.meanBreakdownCpuMs;
  return (
    `${cost.updates} updates in ${cost.windowS} s, CPU per update p50 ${cpu.p50.toFixed(1)} p95 ${cpu.p95.toFixed(1)} ` +
    `max ${cpu.max.toFixed(1)} ms (settled, a last window: p50 ${cost.settledPerUpdateCpuMs.p50.toFixed(1)} max ` +
    `${cost.settledPerUpdateCpuMs.max.toFixed(1)} ms; wall max ${cost.perUpdateWallMs.max.toFixed(1)} ms; mean script ${b.script.toFixed(1)}, ` +
    `style+layout ${b.styleLayout.toFixed(1)}, paint ${b.paint.toFixed(1)}), whole browser ` +
    `${cost.browserCpuPerSecondMs.toFixed(0)} ms CPU per s, longest task ${cost.longestTaskMs.toFixed(1)} ms, ` +
    `long tasks ${cost.longTasksInTrace} (observer ${cost.longTasksObserved}); V8's garbage collector apart: ` +
    `${cost.collector.tasks} tasks, ${cost.collector.cpuMs.toFixed(1)} ms CPU, longest ${cost.collector.longestCpuMs.toFixed(1)} ms` +
    (cost.detailedPerUpdateCpuMs === undefined
      ? ''
      : `; totals from a light trace (script ${cost.lightBreakdownCpuMs?.script.toFixed(1)}, frames ` +
        `${cost.lightBreakdownCpuMs?.frame.toFixed(1)}), breakdown from a detailed one whose CPU per update is p50 ` +
        `${cost.detailedPerUpdateCpuMs.p50.toFixed(1)} max ${cost.detailedPerUpdateCpuMs.max.toFixed(1)} ms`)
  );
}
