import { availableParallelism } from 'node:os';
import { startDeployment } from './deployment';
import { serverCpuPerEventUs } from './ingest-figures';
import { type ProcUsage, ProcWatch, SystemCpuWatch } from './proc-sampler';
import { RpcChild } from './rpc';
import type { IngestResult, SenderApi } from './sender-api';
import { type Stalls, StallWatch, stallClause } from './stall-watch';

export interface IngestRow extends IngestResult {
  label: string;
  /** The bare pipeline (baseline-broadcast.ts), measured in the same run: not the product. */
  baseline?: true;
  processes: Record<string, ProcUsage>;
  machineCpuPercent: number;
  /** Absent in results written before session 11. */
  stalls?: Stalls;
  /** Which round of a load run in rounds beside the bare pipeline (single events). */
  round?: number;
}

const SINGLE_FEEDS = 64;
const SINGLE_EVENTS = `single events, ${SINGLE_FEEDS} feeds`;

/**
 * Durable, acknowledged ingest into one instance on Redis (appendonly, appendfsync always): concurrent
 * feeds post as fast as answers come back, in batches and as single events; only accepted events count.
 * Single events alternate with the same load into the bare pipeline, round after round, so the product's
 * figure reads against what this machine allowed at that minute. Each load starts on a fresh deployment,
 * so none inherits another's log.
 */
export async function runIngest(
  { windowMs, singleRounds }: { windowMs: number; singleRounds: number },
  log: (line: string) => void,
  env: Record<string, string> = {},
): Promise<IngestRow[]> {
  const sender = RpcChild.fork<SenderApi>('sender-worker.ts');
  try {
    const rows = [await measure('redis', sender, windowMs, log, env, ['batches of 100, 8 feeds', 8, 100])];
    for (let round = 1; round <= singleRounds; round++) {
      const load = [SINGLE_EVENTS, SINGLE_FEEDS, 1, round] as const;
      const product = () => measure('redis', sender, windowMs, log, env, load);
      const bare = () => measure('baseline', sender, windowMs, log, {}, load);
      // Product first in odd rounds, the bare pipeline first in even ones: a drifting machine favours neither.
      const [first, second] = round % 2 === 1 ? [product, bare] : [bare, product];
      rows.push(await first(), await second());
    }
    return rows;
  } finally {
    await sender.stop();
  }
}

async function measure(
  kind: 'redis' | 'baseline',
  sender: RpcChild<SenderApi>,
  durationMs: number,
  log: (line: string) => void,
  env: Record<string, string>,
  [label, concurrency, batchSize, round]: readonly [
    label: string,
    concurrency: number,
    batchSize: number,
    round?: number,
  ],
): Promise<IngestRow> {
  const deployment = await startDeployment({ kind, instances: 1, env });
  try {
    const baseUrls = deployment.instances.map((instance) => instance.httpUrl);
    // A new target starts new traffic: no follow-up refers to a handover another deployment holds.
    await sender.call('configure', { mode: 'http', baseUrls, token: deployment.tokens.feed });
    if (kind === 'redis') await sender.call('seed', { count: 500 });
    // Warm up (JIT, connection pool) before anything is counted; the bare pipeline has no batch route.
    await sender.call('ingest', { concurrency: 4, batchSize: kind === 'redis' ? 50 : 1, durationMs: 1_500 });
    const stallWatch = await StallWatch.start(deployment.redis?.server.url);
    const watch = new ProcWatch({ ...deployment.pids(), sender: sender.pid });
    const machine = new SystemCpuWatch(availableParallelism());
    const result = await sender.call('ingest', { concurrency, batchSize, durationMs });
    const row: IngestRow = {
      label,
      ...result,
      processes: watch.stop(),
      machineCpuPercent: machine.stop(),
      stalls: await stallWatch.stop(),
      ...(kind === 'baseline' ? { baseline: true } : {}),
      ...(round === undefined ? {} : { round }),
    };
    log(
      `  ${kind === 'baseline' ? 'baseline, ' : ''}${label}${round === undefined ? '' : `, round ${round}`}: ${row.eventsPerSecond.toFixed(0)} events/s acknowledged, ack p50 ${row.ackMs.p50.toFixed(1)} ms p99 ${row.ackMs.p99.toFixed(1)} ms, refused ${row.refused}${cpuPerEvent(row)}${stallClause(row.stalls)}`,
    );
    return row;
  } finally {
    await deployment.dispose();
  }
}

function cpuPerEvent(row: IngestRow): string {
  const us = serverCpuPerEventUs(row);
  return Number.isFinite(us) ? `, server CPU ${us.toFixed(0)} µs per event` : '';
}
