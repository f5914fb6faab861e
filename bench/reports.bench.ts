/**
 * The reports engine on one year of generated national history (about 4.4 million handovers):
 * how long the fact store takes to build and how much memory it holds, then the median of several runs
 * of the 16:00 national report, the daily return and a 30-day national compliance query (each run
 * starts after a garbage collection; the script needs node's --expose-gc, which `pnpm reports` passes).
 *
 *   pnpm --filter @handover/bench reports          (HANDOVERS_PER_DAY=12000 DAYS=365 RUNS=7 by default)
 *
 * The history is synthetic and built in process (no HTTP, no store): handovers with realistic shapes
 * (volumes weighted by each trust's A&E attendances, mostly the home ambulance trust, long-tailed
 * durations, some never stamped, cohorted, disputed, corrected, with release requests), fed one at a
 * time through the same `replace` the server calls for every applied event.
 */
import { readFileSync } from 'node:fs';
import {
  addDays,
  build1600Report,
  buildDailyReturn,
  calendarDay,
  ENGLAND_THRESHOLDS,
  groupRows,
  type Handover,
  HourlyFactStore,
  loadOrganisations,
  type Organisations,
  type ReportLevel,
} from '@handover/domain';

const HANDOVERS_PER_DAY = Number(process.env.HANDOVERS_PER_DAY ?? 12_000);
const DAYS = Number(process.env.DAYS ?? 365);
const RUNS = Number(process.env.RUNS ?? 7);
const FIRST_DAY = '2025-04-01';
const MINUTE = 60_000;

function referenceOrganisations(): Organisations {
  const text = (file: string) =>
    readFileSync(new URL(`../packages/domain/reference/${file}`, import.meta.url), 'utf8');
  return loadOrganisations({
    acuteTrusts: text('acute_trusts.csv'),
    ambulanceTrusts: text('ambulance_trusts.csv'),
    sites: text('sites.csv'),
  });
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface SiteChoice {
  siteCode: string;
  homeAmbulanceTrust: string;
}

/** Sites weighted by their trust's type-1 attendances shared among its sites (a cumulative table). */
function siteTable(orgs: Organisations): { cumulative: number[]; sites: SiteChoice[] } {
  const homeOf = new Map(orgs.ambulanceTrusts.map((trust) => [trust.regionCode, trust.code]));
  const cumulative: number[] = [];
  const sites: SiteChoice[] = [];
  let total = 0;
  for (const site of orgs.sites) {
    const trust = orgs.acuteTrust(site.trustCode);
    total += (trust?.type1AttendancesMar2026 ?? 10_000) / orgs.sitesOfTrust(site.trustCode).length;
    cumulative.push(total);
    sites.push({ siteCode: site.code, homeAmbulanceTrust: homeOf.get(site.regionCode) ?? 'RRU' });
  }
  return { cumulative: cumulative.map((value) => value / total), sites };
}

function pick<T>(table: { cumulative: number[]; sites: T[] }, u: number): T {
  let low = 0;
  let high = table.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((table.cumulative[middle] ?? 1) < u) low = middle + 1;
    else high = middle;
  }
  return table.sites[low] as T;
}

const actor = { credentialId: 'bench', role: 'feed', label: 'Bench' };

/** Feeds a year of handovers into the store, one at a time, and returns how many counted. */
function generate(store: HourlyFactStore, orgs: Organisations): number {
  const next = random(20_260_401);
  const table = siteTable(orgs);
  const ambulanceCodes = orgs.ambulanceTrusts.map((trust) => trust.code);
  let count = 0;
  for (let day = 0; day < DAYS; day++) {
    const { start, end } = calendarDay(addDays(FIRST_DAY, day));
    for (let i = 0; i < HANDOVERS_PER_DAY; i++) {
      const site = pick(table, next());
      const arrivedAt = start + Math.floor(next() * (end - start));
      // Long-tailed: median about 17 minutes, a tail past an hour.
      const handoverMs = Math.round(Math.exp(Math.log(17 * MINUTE) + 0.7 * gaussian(next)));
      const stamped = next() > 0.05;
      const cohorted = next() < 0.03;
      const handover: Handover = {
        handoverId: `h${count}`,
        siteCode: site.siteCode,
        ambulanceTrustCode:
          next() < 0.06
            ? (ambulanceCodes[Math.floor(next() * ambulanceCodes.length)] ?? 'RRU')
            : site.homeAmbulanceTrust,
        callsign: 'X',
        state: stamped ? 'closed' : cohorted ? 'cohorted' : 'waiting',
        preAlerted: false,
        arrivedAt,
        crewHandedOverAt: stamped ? arrivedAt + handoverMs : undefined,
        edHandedOverAt:
          stamped && next() < 0.1 ? arrivedAt + handoverMs + Math.round(next() * 10 * MINUTE) : undefined,
        clearedAt:
          stamped || cohorted
            ? arrivedAt +
              (cohorted ? Math.round(handoverMs / 3) : handoverMs + Math.round(next() * 25 * MINUTE))
            : undefined,
        releaseRequests:
          handoverMs > 45 * MINUTE && next() < 0.3
            ? [
                {
                  requestedAt: arrivedAt + 45 * MINUTE,
                  requestedBy: actor,
                  respondedAt: arrivedAt + 45 * MINUTE + Math.round(next() * 10 * MINUTE),
                  respondedBy: actor,
                  outcome: next() < 0.6 ? 'released' : 'declined',
                },
              ]
            : [],
        corrections: [],
        eventIds: [],
        lastCursor: '0-0',
      };
      store.replace(undefined, handover);
      count++;
    }
  }
  return count;
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time<T>(run: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

function measure(label: string, run: (index: number) => unknown): void {
  run(0); // warm up
  // Collecting first keeps one run's garbage from landing in the next run's time.
  const times = Array.from({ length: RUNS }, (_, index) => {
    globalThis.gc?.();
    return time(() => run(index + 1)).ms;
  });
  const shown = times.map((ms) => ms.toFixed(1)).join(' ');
  console.log(`${label.padEnd(44)} median ${median(times).toFixed(1).padStart(7)} ms   (runs: ${shown})`);
}

function heapBytes(): number {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

const orgs = referenceOrganisations();
const store = new HourlyFactStore(ENGLAND_THRESHOLDS);
const before = heapBytes();
const built = time(() => generate(store, orgs));
const after = heapBytes();
const stats = store.stats();
const millions = built.result / 1_000_000;

console.log(`History: ${built.result.toLocaleString('en-GB')} handovers over ${DAYS} days from ${FIRST_DAY}`);
console.log(
  `Build (generate + fact + add):  ${(built.ms / 1000).toFixed(1)} s, ${(built.ms / millions / 1000).toFixed(2)} s per million`,
);
console.log(
  `Memory held: ${((after - before) / 1_048_576 / millions).toFixed(1)} MB per million handovers ` +
    `(heap + array buffers; columns alone ${(stats.bytes / 1_048_576 / millions).toFixed(1)} MB per million, ` +
    `${stats.hours.toLocaleString('en-GB')} hour blocks)`,
);
console.log(`Median of ${RUNS} runs after one warm-up:`);

const lastDay = addDays(FIRST_DAY, DAYS - 1);
const reportDate = (index: number) => addDays(lastDay, -index);
const asAtOf = (date: string) => calendarDay(date).end + 3 * 86_400_000;

measure('16:00 national report (all tables)', (i) =>
  build1600Report(store, orgs, reportDate(i), asAtOf(reportDate(i))),
);
measure('daily return (every trust and site)', (i) =>
  buildDailyReturn(store, orgs, reportDate(i), asAtOf(reportDate(i))),
);
measure('30-day national query, group partials only', (i) => {
  const end = calendarDay(reportDate(i)).end;
  return store.partialsByGroup({ start: end - 30 * 86_400_000, end }, end);
});
for (const level of ['england', 'region', 'acute_trust', 'site'] as ReportLevel[]) {
  measure(`30-day national query, by ${level}`, (i) => {
    const end = calendarDay(reportDate(i)).end;
    const period = { start: end - 30 * 86_400_000, end };
    return groupRows(store.partialsByGroup(period, end), level, orgs, store.thresholdsFor(period.start));
  });
}
