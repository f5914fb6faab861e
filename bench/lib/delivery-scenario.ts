import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientPool, expectedDeliveries, type PoolConnectResult } from './client-pool';
import { type Deployment, type DeploymentKind, STREAM_KEY, startDeployment } from './deployment';
import { type ProcUsage, ProcWatch, readProc, SystemCpuWatch } from './proc-sampler';
import type { BenchReference } from './reference';
import { RpcChild } from './rpc';
import { scopeMix } from './scopes';
import type { SenderApi } from './sender-api';
import { type Stalls, StallWatch, stallClause } from './stall-watch';
import { type LatencySummary, summarise } from './stats';
import type { ClientSpec } from './worker-api';

export interface DeliveryGroup {
  kind: DeploymentKind;
  instances: number;
  clients: number;
  /** Events per second, run one after the other on the same servers and clients. */
  rates: number[];
  durationMs: (rate: number) => number;
  /** Open handovers created before the clients connect (in their snapshots). */
  seedOpen: number;
  env?: Record<string, string>;
}

export interface InstanceMemory {
  label: string;
  idleMb: number;
  connectedMb: number;
  clients: number;
  /** (RSS with its clients - RSS idle) / its clients. */
  perConnectionKb: number;
}

export interface DeliveryRow {
  kind: DeploymentKind;
  instances: number;
  clients: number;
  rate: number;
  durationS: number;
  accepted: number;
  refused: number;
  networkErrors: number;
  refusals: string[];
  /** Accepted events per second actually achieved by the sender. */
  ingestRate: number;
  ackMs: LatencySummary;
  /** Send instant to receive instant, every expected delivery. */
  latencyMs: LatencySummary;
  expected: number;
  delivered: number;
  lost: number;
  doubled: number;
  outOfScope: number;
  /** Events owed to clients still reconnecting at the end of the window (they resume them later). */
  pending: number;
  clientsWithLoss: number;
  disconnects: number;
  resumes: number;
  resnapshots: number;
  closeCodes: Record<string, number>;
  problems: string[];
  deliveriesPerSecond: number;
  /** Server instances (and Redis) over the window. */
  processes: Record<string, ProcUsage>;
  /** The bench's own processes (sender and client workers), for context. */
  loadGeneratorCpuPercent: number;
  machineCpuPercent: number;
  /** Absent in results written before session 11. */
  stalls?: Stalls;
  memory: InstanceMemory[];
  connect: PoolConnectResult;
}

/** Specs for `count` clients in the scope mix, spread evenly over the instances (each can fail over). */
export function clientSpecs(
  count: number,
  wsUrls: string[],
  token: string,
  reference: BenchReference,
): ClientSpec[] {
  return scopeMix(count, reference).map((scope, id) => {
    const first = id % wsUrls.length;
    return { id, token, scope, urls: [...wsUrls.slice(first), ...wsUrls.slice(0, first)] };
  });
}

/** Starts a deployment, connects the clients, then measures each rate in turn. */
export async function runDeliveryGroup(
  group: DeliveryGroup,
  reference: BenchReference,
  log: (line: string) => void,
): Promise<DeliveryRow[]> {
  const deployment = await startDeployment({
    kind: group.kind,
    instances: group.instances,
    ...(group.env ? { env: group.env } : {}),
  });
  const sender = RpcChild.fork<SenderApi>('sender-worker.ts');
  let pool: ClientPool | undefined;
  try {
    await configureSender(sender, deployment);
    await sender.call('seed', { count: group.seedOpen, maxAgeMs: 3_600_000 });
    await sleep(1_000);
    const idle = deployment.instances.map((instance) => readProc(instance.pid)?.rssBytes ?? 0);

    const wsUrls = deployment.instances.map((instance) => instance.wsUrl);
    const specs = clientSpecs(group.clients, wsUrls, deployment.tokens.viewer, reference);
    const connected = await ClientPool.connect(specs);
    pool = connected.pool;
    const connect = connected.result;
    log(
      `  ${connect.connected} clients connected in ${(connect.durationMs / 1000).toFixed(1)} s (${connect.failed} failed)`,
    );
    // Steady state: the connect wave's garbage (every snapshot) is collected before anything is measured.
    await sleep(5_000);
    const memory = deployment.instances.map((instance, i) => {
      const connectedBytes = readProc(instance.pid)?.rssBytes ?? 0;
      const clients = specs.filter((spec) => spec.urls[0] === instance.wsUrl).length;
      const idleBytes = idle[i] ?? 0;
      return {
        label: instance.label,
        idleMb: idleBytes / 1_048_576,
        connectedMb: connectedBytes / 1_048_576,
        clients,
        perConnectionKb: clients > 0 ? (connectedBytes - idleBytes) / clients / 1024 : 0,
      };
    });

    const rows: DeliveryRow[] = [];
    for (const rate of group.rates) {
      rows.push(await measureRate(group, rate, deployment, sender, pool, specs, memory, connect));
      const row = rows[rows.length - 1];
      if (row !== undefined) log(`  ${describeRow(row)}`);
      await sleep(1_000);
    }
    return rows;
  } finally {
    await pool?.stop();
    await sender.stop();
    await deployment.dispose();
  }
}

async function measureRate(
  group: DeliveryGroup,
  rate: number,
  deployment: Deployment,
  sender: RpcChild<SenderApi>,
  pool: ClientPool,
  specs: ClientSpec[],
  memory: InstanceMemory[],
  connect: PoolConnectResult,
): Promise<DeliveryRow> {
  await pool.mark();
  const loadGenerator: Record<string, number> = { sender: sender.pid };
  pool.workerPids.forEach((pid, i) => {
    loadGenerator[`client ${i + 1}`] = pid;
  });
  const stallWatch = await StallWatch.start(deployment.redis?.server.url);
  const watch = new ProcWatch(deployment.pids());
  const loadWatch = new ProcWatch(loadGenerator, 1_000);
  const machine = new SystemCpuWatch(availableParallelism());
  const run = await sender.call('run', { rate, durationMs: group.durationMs(rate) });
  await pool.drain(expectedDeliveries(specs, run.table));
  const processes = watch.stop();
  const loadUsage = loadWatch.stop();
  const machineCpuPercent = machine.stop();
  const stalls = await stallWatch.stop();
  const delivery = await pool.collect(run.table);
  return {
    kind: group.kind,
    instances: group.instances,
    clients: group.clients,
    rate,
    durationS: run.durationMs / 1000,
    accepted: run.accepted,
    refused: run.refused,
    networkErrors: run.networkErrors,
    refusals: run.refusals,
    ingestRate: run.accepted / (run.durationMs / 1000),
    ackMs: run.ackMs,
    latencyMs: summarise(delivery.latencies),
    expected: delivery.expected,
    delivered: delivery.delivered,
    lost: delivery.lost,
    doubled: delivery.doubled,
    outOfScope: delivery.outOfScope,
    pending: delivery.pending,
    clientsWithLoss: delivery.clientsWithLoss,
    disconnects: delivery.disconnects,
    resumes: delivery.resumes,
    resnapshots: delivery.resnapshots,
    closeCodes: delivery.closeCodes,
    problems: delivery.problems,
    deliveriesPerSecond: delivery.delivered / (run.durationMs / 1000),
    processes,
    loadGeneratorCpuPercent: Object.values(loadUsage).reduce((sum, u) => sum + u.cpuPercent, 0),
    machineCpuPercent,
    stalls,
    memory,
    connect,
  };
}

export async function configureSender(sender: RpcChild<SenderApi>, deployment: Deployment): Promise<void> {
  if (deployment.kind === 'baseline') {
    const redisUrl = deployment.redis?.server.url;
    if (redisUrl === undefined) throw new Error('the baseline needs Redis');
    await sender.call('configure', { mode: 'redis', redisUrl, streamKey: STREAM_KEY });
  } else {
    const baseUrls = deployment.instances.map((instance) => instance.httpUrl);
    await sender.call('configure', { mode: 'http', baseUrls, token: deployment.tokens.feed });
  }
}

export function describeRow(row: DeliveryRow): string {
  const l = row.latencyMs;
  return (
    `${row.kind} x${row.instances}, ${row.clients} clients, ${row.rate}/s: ` +
    `p50 ${l.p50.toFixed(1)} p95 ${l.p95.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(1)} ms, ` +
    `${row.delivered}/${row.expected} delivered, lost ${row.lost}, doubled ${row.doubled}, ` +
    `accepted ${row.accepted} (${row.ingestRate.toFixed(0)}/s), refused ${row.refused}; CPU ` +
    Object.entries(row.processes)
      .map(([label, usage]) => `${label} ${usage.cpuPercent.toFixed(0)}%`)
      .join(', ') +
    `, load generator ${row.loadGeneratorCpuPercent.toFixed(0)}%, machine ${row.machineCpuPercent.toFixed(0)}%` +
    stallClause(row.stalls)
  );
}
