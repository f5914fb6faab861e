/**
 * The live pipeline benchmark (issue #7): real server processes on the file store and on Redis, a real
 * redis-server (AOF, appendfsync always), thousands of websocket clients in separate processes, a
 * sender at a fixed rate, and a bare baseline pipeline measured the same way in the same run; then
 * durable ingest, a reconnect storm, the browser's cost per update and the reports engine's timings.
 * Writes bench/RESULTS.md and bench/results.json (a --quick run: bench/results/quick.*).
 *
 *   pnpm bench            the full matrix (about 10 minutes)
 *   pnpm bench --quick    a small matrix, a smoke run of every part (under 2 minutes)
 *   options: --only=delivery,ingest,probe,storm,browser,reports   --groups=redis:5000,baseline:5000 (delivery
 *   groups by store and client count)   --profile (CPU profiles of the servers, in bench/results/profiles)
 *   --server-dir=/path/to/a/copy/of/apps/server (measure a candidate change before applying it)
 *   A run of only some parts writes bench/results/partial.{md,json} instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureBrowserCost } from './browser-cost';
import { nowMs } from './lib/clock';
import { runCrossInstanceProbe } from './lib/cross-instance-probe';
import { type DeliveryGroup, type DeliveryRow, runDeliveryGroup } from './lib/delivery-scenario';
import { runIngest } from './lib/ingest';
import { describeMachine, loadAverages } from './lib/machine';
import { readSystemCpu } from './lib/proc-sampler';
import { loadBenchReference } from './lib/reference';
import { runReportTimings } from './lib/reports-timings';
import type { BenchResults } from './lib/results';
import { renderMarkdown } from './lib/results-md';
import { runStorm } from './lib/storm';
import { checkTargets } from './lib/targets';

const SECTIONS = ['delivery', 'ingest', 'probe', 'storm', 'browser', 'reports'] as const;
type Section = (typeof SECTIONS)[number];

interface Plan {
  groups: Omit<DeliveryGroup, 'env'>[];
  storm: { clients: number; historyEvents: number; rate: number; timeoutMs: number };
  ingest: { windowMs: number; singleRounds: number };
  probePairs: number;
  browserWindowMs: number;
  reportsEnv: Record<string, string>;
}

const FULL_DURATIONS: Record<number, number> = { 10: 10_000, 100: 10_000, 1000: 6_000 };
const full = (kind: DeliveryGroup['kind'], clients: number): Omit<DeliveryGroup, 'env'> => ({
  kind,
  instances: kind === 'file' ? 1 : 2,
  clients,
  rates: [10, 100, 1000],
  durationMs: (rate) => FULL_DURATIONS[rate] ?? 8_000,
  seedOpen: 400,
});
const quick = (kind: DeliveryGroup['kind'], rates: number[]): Omit<DeliveryGroup, 'env'> => ({
  kind,
  instances: kind === 'file' ? 1 : 2,
  clients: 300,
  rates,
  durationMs: () => 3_000,
  seedOpen: 200,
});

const PLANS: Record<'quick' | 'full', Plan> = {
  full: {
    // The baseline runs right after the product at the same size, so both see the same machine.
    groups: [
      full('file', 1_000),
      full('file', 5_000),
      full('redis', 1_000),
      full('baseline', 1_000),
      full('redis', 5_000),
      full('baseline', 5_000),
    ],
    storm: { clients: 5_000, historyEvents: 50_000, rate: 100, timeoutMs: 45_000 },
    ingest: { windowMs: 8_000, singleRounds: 3 },
    probePairs: 300,
    browserWindowMs: 10_000,
    reportsEnv: {},
  },
  quick: {
    groups: [quick('file', [100]), quick('redis', [10, 100]), quick('baseline', [100])],
    storm: { clients: 300, historyEvents: 3_000, rate: 50, timeoutMs: 20_000 },
    ingest: { windowMs: 2_500, singleRounds: 1 },
    probePairs: 100,
    browserWindowMs: 4_000,
    reportsEnv: { DAYS: '30', RUNS: '2' },
  },
};

function parseArgs(argv: string[]) {
  const quickRun = argv.includes('--quick');
  const only = argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const unknown = only?.filter((s) => !(SECTIONS as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0)
    throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  const groups = argv
    .find((a) => a.startsWith('--groups='))
    ?.slice('--groups='.length)
    .split(',');
  const serverDir = argv.find((a) => a.startsWith('--server-dir='))?.slice('--server-dir='.length);
  return {
    mode: quickRun ? ('quick' as const) : ('full' as const),
    sections: new Set<Section>((only as Section[] | undefined) ?? SECTIONS),
    groups,
    serverDir,
    partial: only !== undefined || groups !== undefined || serverDir !== undefined,
    profile: argv.includes('--profile'),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const plan = PLANS[args.mode];
  if (args.serverDir !== undefined) process.env.BENCH_SERVER_DIR = args.serverDir;
  const benchDir = fileURLToPath(new URL('.', import.meta.url));
  const resultsDir = `${benchDir}results`;
  const started = nowMs();
  const startedAt = new Date().toISOString();
  const log = (line: string) =>
    console.log(`[${((nowMs() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const before = loadAverages();
  const cpuBefore = readSystemCpu();
  let highest1m = before[0];
  const loadTimer = setInterval(() => {
    highest1m = Math.max(highest1m, loadAverages()[0]);
  }, 5_000);
  const profileEnv = (section: string): Record<string, string> =>
    args.profile
      ? {
          NODE_OPTIONS: `--import ${fileURLToPath(new URL('./lib/cpu-profile.mjs', import.meta.url))}`,
          BENCH_CPU_PROF_DIR: `${resultsDir}/profiles/${section}`,
        }
      : {};

  const reference = loadBenchReference();
  const machine = describeMachine();
  log(
    `${args.mode} run on ${machine.cpuModel} x${machine.cores}, load ${before.map((v) => v.toFixed(2)).join(' ')}`,
  );
  const results: Omit<BenchResults, 'targets' | 'durationS' | 'load'> = {
    startedAt,
    command: `pnpm bench${args.mode === 'quick' ? ' --quick' : ''}${process.argv
      .slice(2)
      .filter((a) => a !== '--quick')
      .map((a) => ` ${a}`)
      .join('')}`,
    mode: args.mode,
    machine,
    delivery: [] as DeliveryRow[],
    errors: [],
  };
  const attempt = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      log(`${name} FAILED: ${message}`);
      results.errors.push(`${name}: ${message}`);
    }
  };

  if (args.sections.has('delivery')) {
    const chosen = plan.groups.filter((g) => args.groups?.includes(`${g.kind}:${g.clients}`) ?? true);
    for (const group of chosen) {
      const name = `${group.kind} x${group.instances}, ${group.clients} clients`;
      log(`delivery: ${name}`);
      await attempt(`delivery ${name}`, async () => {
        const env = profileEnv(`delivery-${group.kind}-${group.clients}`);
        results.delivery.push(...(await runDeliveryGroup({ ...group, env }, reference, log)));
      });
    }
  }
  if (args.sections.has('ingest')) {
    log('durable ingest');
    await attempt('ingest', async () => {
      results.ingest = await runIngest(plan.ingest, log, profileEnv('ingest'));
    });
  }
  if (args.sections.has('probe')) {
    log('cross-instance read-your-writes probe');
    await attempt('probe', async () => {
      results.crossInstance = await runCrossInstanceProbe(plan.probePairs, log);
    });
  }
  if (args.sections.has('storm')) {
    log(`reconnect storm: ${plan.storm.clients} clients, ${plan.storm.historyEvents} events of history`);
    await attempt('storm', async () => {
      results.storm = await runStorm({ ...plan.storm, env: profileEnv('storm') }, reference, log);
    });
  }
  if (args.sections.has('browser')) {
    log('browser cost');
    await attempt('browser', async () => {
      results.browser = await measureBrowserCost(reference, plan.browserWindowMs, log);
    });
  }
  if (args.sections.has('reports')) {
    log('report timings (bench/reports.bench.ts)');
    await attempt('reports', async () => {
      const timings = await runReportTimings(plan.reportsEnv);
      if (timings === undefined) throw new Error('bench/reports.bench.ts is not there');
      results.reports = timings;
      for (const { query, medianMs } of timings.medians) log(`  ${query}: ${medianMs} ms`);
    });
  }

  clearInterval(loadTimer);
  const complete: BenchResults = {
    ...results,
    durationS: (nowMs() - started) / 1000,
    load: { before, after: loadAverages(), highest1m, stealPercent: stealPercentSince(cpuBefore) },
    targets: [],
  };
  complete.targets = checkTargets(complete);
  const [jsonPath, mdPath] = args.partial
    ? [`${resultsDir}/partial.json`, `${resultsDir}/partial.md`]
    : args.mode === 'full'
      ? [`${benchDir}results.json`, `${benchDir}RESULTS.md`]
      : [`${resultsDir}/quick.json`, `${resultsDir}/quick.md`];
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(complete, null, 2)}\n`);
  // The verdicts are printed before the markdown is rendered: a table that refuses its rows loses no run.
  for (const target of complete.targets) {
    log(
      `${target.pass === null ? 'N/A ' : target.pass ? 'PASS' : 'FAIL'}  ${target.target}: ${target.measured}`,
    );
  }
  writeFileSync(mdPath, renderMarkdown(complete));
  log(`wrote ${mdPath} and ${jsonPath}`);
}

/** Share of the machine's CPU time the hypervisor gave to other guests since `before`. */
function stealPercentSince(before: ReturnType<typeof readSystemCpu>): number {
  const now = readSystemCpu();
  const total = now.total - before.total;
  return total > 0 ? ((now.steal - before.steal) / total) * 100 : 0;
}

// Ctrl-C: exit through 'exit' so the helpers kill the servers and redis-servers they started.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
