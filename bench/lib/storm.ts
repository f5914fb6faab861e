import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientPool, expectedDeliveries } from './client-pool';
import { nowMs } from './clock';
import { clientSpecs, configureSender } from './delivery-scenario';
import { startDeployment } from './deployment';
import { type ListenQueueReport, ListenQueueWatch } from './listen-queue';
import { type ProcUsage, ProcWatch, SystemCpuWatch } from './proc-sampler';
import type { BenchReference } from './reference';
import { prefillHistory } from './ring-prefill';
import { RpcChild } from './rpc';
import type { SenderApi } from './sender-api';
import { type LatencySummary, summarise } from './stats';

export interface StormOptions {
  clients: number;
  /** Events in the log (and so in each instance's resume buffer) before the storm. */
  historyEvents: number;
  rate: number;
  /** Give up waiting for the clients after this long. */
  timeoutMs: number;
  env?: Record<string, string>;
}

export interface StormResult {
  clients: number;
  historyEvents: number;
  rate: number;
  connectSeconds: number;
  /** Kill of instance A to the last client live again on B; null if some never came back. */
  allRecoveredSeconds: number | null;
  /** How long after the kill the bench waited for them. */
  waitedSeconds: number;
  recoveryMs: LatencySummary;
  /** Connection attempts each client needed. */
  attempts: LatencySummary;
  recovered: number;
  resumed: number;
  resnapshotted: number;
  stillDown: number;
  accepted: number;
  /** Ingest through B during the storm: per request, and events not answered within 10 s of the end. */
  ackMs: LatencySummary;
  unanswered: number;
  expected: number;
  delivered: number;
  lost: number;
  /** Events not yet delivered to clients still reconnecting when the bench stopped waiting. */
  pending: number;
  pendingClients: number;
  doubled: number;
  problems: string[];
  survivor: ProcUsage | undefined;
  machineCpuPercent: number;
  /** The survivor's accept queue from the kill until every client was back. */
  listenQueue: ListenQueueReport;
}

/**
 * Every client on instance A (their list says A then B); events keep flowing into B; A is killed with
 * SIGKILL. Each client reconnects to B with the web app's backoff and resumes from its cursor. Measures
 * until every client is live again, and checks each received every event exactly once.
 */
export async function runStorm(
  options: StormOptions,
  reference: BenchReference,
  log: (line: string) => void,
): Promise<StormResult> {
  const deployment = await startDeployment({
    kind: 'redis',
    instances: 2,
    ...(options.env ? { env: options.env } : {}),
    beforeInstances: (url) => prefillHistory(url, options.historyEvents, reference),
  });
  const sender = RpcChild.fork<SenderApi>('sender-worker.ts');
  let pool: ClientPool | undefined;
  try {
    const [a, b] = deployment.instances;
    if (a?.server === undefined || b === undefined) throw new Error('the storm needs two instances');
    await configureSender(sender, deployment);
    await sender.call('seed', { count: 400, maxAgeMs: 3_600_000 });
    const specs = clientSpecs(options.clients, [a.wsUrl], deployment.tokens.viewer, reference).map(
      (spec) => ({
        ...spec,
        urls: [a.wsUrl, b.wsUrl],
      }),
    );
    const started = nowMs();
    const connected = await ClientPool.connect(specs);
    pool = connected.pool;
    const connectSeconds = (nowMs() - started) / 1000;
    log(`  ${connected.result.connected} clients on instance A in ${connectSeconds.toFixed(1)} s`);

    await pool.mark();
    const watch = new ProcWatch({ survivor: b.pid });
    const machine = new SystemCpuWatch(availableParallelism());
    // Events keep arriving through B for the whole storm.
    const running = sender.call('run', {
      rate: options.rate,
      durationMs: 0,
      targets: [1],
      answerWaitMs: 10_000,
    });
    await sleep(3_000);
    const listenQueue = new ListenQueueWatch(Number(new URL(b.wsUrl).port));
    const killedAt = nowMs();
    await a.server.kill9();
    log('  instance A killed (SIGKILL)');

    let recovery = await pool.recovery(killedAt);
    let allRecoveredSeconds: number | null = null;
    while (nowMs() - killedAt < options.timeoutMs) {
      recovery = await pool.recovery(killedAt);
      if (recovery.recovered === options.clients) {
        allRecoveredSeconds = Math.max(...recovery.recoveryMs) / 1000;
        break;
      }
      await sleep(250);
    }
    const waitedSeconds = (nowMs() - killedAt) / 1000;
    const queue = listenQueue.stop();
    log(
      `  survivor's accept queue: deepest ${queue.deepestQueue}, ${queue.overflows} handshakes dropped (full queue)` +
        (queue.overflowingFromS === null
          ? ''
          : `, from ${queue.overflowingFromS.toFixed(1)} s to ${queue.untilS?.toFixed(1)} s after the kill`),
    );
    log(
      `  ${recovery.recovered}/${options.clients} live again on B` +
        (allRecoveredSeconds === null ? '' : `, the last after ${allRecoveredSeconds.toFixed(1)} s`),
    );
    // Clients still reconnecting now give up, so none is caught half-way through its resume below.
    const frozen = await pool.freeze();
    if (frozen > 0) log(`  ${frozen} clients still reconnecting stop trying`);
    await sleep(2_000);
    await sender.call('stop', {});
    const run = await running;
    log(
      `  sender stopped: ${run.accepted} events accepted through B during the storm, ack p99 ${run.ackMs.p99.toFixed(0)} ms, ${run.unanswered} unanswered after 10 s`,
    );
    await pool.drain(expectedDeliveries(specs, run.table), 3_000, 10_000);
    const survivor = watch.stop().survivor;
    const machineCpuPercent = machine.stop();
    const delivery = await pool.collect(run.table);
    return {
      clients: options.clients,
      historyEvents: options.historyEvents,
      rate: options.rate,
      connectSeconds,
      allRecoveredSeconds,
      waitedSeconds,
      recoveryMs: summarise(recovery.recoveryMs),
      attempts: summarise(recovery.attempts),
      recovered: recovery.recovered,
      resumed: recovery.resumed,
      resnapshotted: recovery.resnapshotted,
      stillDown: recovery.stillDown,
      accepted: run.accepted,
      ackMs: run.ackMs,
      unanswered: run.unanswered,
      expected: delivery.expected,
      delivered: delivery.delivered,
      lost: delivery.lost,
      pending: delivery.pending,
      pendingClients: delivery.pendingClients,
      doubled: delivery.doubled,
      problems: delivery.problems,
      survivor,
      machineCpuPercent,
      listenQueue: queue,
    };
  } finally {
    await pool?.stop();
    await sender.stop();
    await deployment.dispose();
  }
}
