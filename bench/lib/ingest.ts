import { availableParallelism } from 'node:os';
import { configureSender } from './delivery-scenario';
import { startDeployment } from './deployment';
import { type ProcUsage, ProcWatch, SystemCpuWatch } from './proc-sampler';
import { RpcChild } from './rpc';
import type { IngestResult, SenderApi } from './sender-api';

export interface IngestRow extends IngestResult {
  label: string;
  processes: Record<string, ProcUsage>;
  machineCpuPercent: number;
}

/**
 * Durable, acknowledged ingest into one instance on Redis (appendonly, appendfsync always): concurrent
 * feeds post as fast as answers come back, in batches and as single events; only accepted events count.
 */
export async function runIngest(
  durationMs: number,
  log: (line: string) => void,
  env: Record<string, string> = {},
): Promise<IngestRow[]> {
  const deployment = await startDeployment({ kind: 'redis', instances: 1, env });
  const sender = RpcChild.fork<SenderApi>('sender-worker.ts');
  try {
    await configureSender(sender, deployment);
    await sender.call('seed', { count: 500 });
    // Warm up (JIT, connection pool) before anything is counted.
    await sender.call('ingest', { concurrency: 4, batchSize: 50, durationMs: 1_500 });
    const rows: IngestRow[] = [];
    for (const [label, concurrency, batchSize] of [
      ['batches of 100, 8 feeds', 8, 100],
      ['single events, 64 feeds', 64, 1],
    ] as const) {
      const watch = new ProcWatch({ ...deployment.pids(), sender: sender.pid });
      const machine = new SystemCpuWatch(availableParallelism());
      const result = await sender.call('ingest', { concurrency, batchSize, durationMs });
      const row = { label, ...result, processes: watch.stop(), machineCpuPercent: machine.stop() };
      log(
        `  ${label}: ${row.eventsPerSecond.toFixed(0)} events/s acknowledged, ack p50 ${row.ackMs.p50.toFixed(1)} ms p99 ${row.ackMs.p99.toFixed(1)} ms, refused ${row.refused}`,
      );
      rows.push(row);
    }
    return rows;
  } finally {
    await sender.stop();
    await deployment.dispose();
  }
}
