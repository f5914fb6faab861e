import { ApiSender, SenderFatalError } from './api-sender';
import { parseCliOptions, USAGE, UsageError } from './cli-options';
import { PreflightError, preflight } from './preflight';
import { londonTime, ProgressDisplay, summaryLines } from './progress-display';
import { loadReferenceData } from './reference-data';
import { planSimulation, runSimulation, type SimulationPlan } from './run-simulation';

/**
 * `simulate`: simulated traffic to a server through its public API (see USAGE). Exit codes: 0 every
 * event delivered; 1 the server or a credential failed; 2 bad usage; 3 done, but some events were
 * rejected or not delivered; 130 stopped by Ctrl-C (or SIGTERM).
 */

// A second Ctrl-C this long after the first stops at once; sooner, it is the same keypress reaching
// both this process and its parent script.
const SECOND_SIGNAL_AFTER_MS = 1_000;

async function main(argv: readonly string[]): Promise<number> {
  const options = parseCliOptions(argv, process.env.INIT_CWD ?? process.cwd());
  if (options === undefined) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { organisations, calibration } = loadReferenceData(options.referenceDir);
  const unknown = options.sites?.filter((code) => organisations.site(code) === undefined) ?? [];
  if (unknown.length > 0) throw new UsageError(`Unknown site code(s): ${unknown.join(', ')}`);
  const plan = planOrUsageError(() => planSimulation(options.request, Date.now()));

  const checks = await preflight(options.url, options.credentials);
  const roles = checks.map((check) => `${check.name}: ${check.label || check.role}`).join('; ');
  console.log(`${describe(plan, options.sites)}\n  to ${options.url} (${roles}), seed ${options.seed}`);
  if (options.credentials.control === undefined || options.credentials.ed === undefined) {
    console.log(
      options.credentials.admin === undefined
        ? '  no admin token: events of a role without its own token are skipped'
        : '  the admin token sends the events of a role without its own token',
    );
  }

  const stop = new AbortController();
  let stoppedAt: number | undefined;
  const onSignal = (): void => {
    if (stoppedAt === undefined) {
      stoppedAt = Date.now();
      process.stderr.write('\nstopping: letting the batches in flight finish (Ctrl-C again to quit now)\n');
      stop.abort();
    } else if (Date.now() - stoppedAt > SECOND_SIGNAL_AFTER_MS) {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const sender = new ApiSender({
    baseUrl: options.url,
    credentials: options.credentials,
    concurrency: options.concurrency,
  });
  const display = new ProgressDisplay(process.stdout);
  try {
    const report = await runSimulation({
      plan,
      traffic: {
        seed: options.seed,
        organisations,
        calibration,
        ...(options.sites ? { sites: options.sites } : {}),
      },
      sender,
      signal: stop.signal,
      onProgress: (progress) => display.update(progress),
    });
    display.finish();
    const days = options.request.days ?? 7;
    const what = `${days} ${days === 1 ? 'day' : 'days'}`;
    for (const line of summaryLines(report, what)) console.log(line);
    if (report.stopped) return 130;
    return report.stats.rejected + report.stats.failed > 0 ? 3 : 0;
  } finally {
    display.finish();
  }
}

function planOrUsageError(plan: () => SimulationPlan): SimulationPlan {
  try {
    return plan();
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

function describe(plan: SimulationPlan, sites: readonly string[] | undefined): string {
  const where = sites ? `sites ${sites.join(', ')}` : 'every site in England';
  const from = londonTime(plan.arrivedFrom);
  switch (plan.mode) {
    case 'backfill':
      return `backfill: handovers arriving from ${from} to ${londonTime(plan.until ?? plan.startedAt)}, ${where}`;
    case 'live':
      return `live: real time, ${where}; catching up first: handovers arriving since ${from}${plan.since !== undefined ? `, events after ${londonTime(plan.since)}` : ''}`;
    case 'accelerated':
      return `accelerated: replaying from ${from}${plan.until !== undefined ? ` to ${londonTime(plan.until)}` : ', then live once caught up'}, ${where}`;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`simulate: ${error.message}\nRun with --help for the flags.`);
      process.exit(2);
    }
    if (error instanceof PreflightError || error instanceof SenderFatalError) {
      console.error(`\nsimulate: ${error.message}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
