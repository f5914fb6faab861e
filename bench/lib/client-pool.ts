import { setTimeout as sleep } from 'node:timers/promises';
import { nowMs } from './clock';
import { RpcChild } from './rpc';
import { concat, type LatencySummary, summarise } from './stats';
import type { ClientSpec, DeliveryResult, EventTable, RecoveryResult, WorkerApi } from './worker-api';

const CLIENTS_PER_WORKER = 625;
/** Hellos in flight per worker while connecting (a thundering herd is the storm's job, not this). */
const CONNECT_CONCURRENCY = 25;

export interface PoolConnectResult {
  connected: number;
  failed: number;
  failures: string[];
  durationMs: number;
  /** Per client: socket open to snapshot. */
  snapshotMs: LatencySummary;
}

/** The websocket screens of a scenario, spread over forked client processes. */
export class ClientPool {
  private constructor(
    readonly specs: ClientSpec[],
    private readonly workers: RpcChild<WorkerApi>[],
  ) {}

  static async connect(specs: ClientSpec[]): Promise<{ pool: ClientPool; result: PoolConnectResult }> {
    const count = Math.max(1, Math.ceil(specs.length / CLIENTS_PER_WORKER));
    const workers = Array.from({ length: count }, () => RpcChild.fork<WorkerApi>('client-worker.ts'));
    const pool = new ClientPool(specs, workers);
    const started = nowMs();
    try {
      const results = await Promise.all(
        workers.map((worker, w) =>
          worker.call('connect', {
            clients: specs.filter((_, i) => i % count === w),
            concurrency: CONNECT_CONCURRENCY,
          }),
        ),
      );
      return {
        pool,
        result: {
          connected: results.reduce((sum, r) => sum + r.connected, 0),
          failed: results.reduce((sum, r) => sum + r.failed, 0),
          failures: results.flatMap((r) => r.failures).slice(0, 5),
          durationMs: nowMs() - started,
          snapshotMs: summarise(concat(results.map((r) => r.connectMs))),
        },
      };
    } catch (error) {
      await pool.stop();
      throw error;
    }
  }

  get workerPids(): number[] {
    return this.workers.map((worker) => worker.pid);
  }

  /** Starts a measurement window: what arrived before is forgotten. */
  async mark(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.call('mark', {})));
  }

  async deliveries(): Promise<number> {
    const counts = await Promise.all(this.workers.map((worker) => worker.call('count', {})));
    return counts.reduce((sum, c) => sum + c.deliveries, 0);
  }

  /**
   * Waits until the clients hold as many event copies as they should (or nothing more arrives for
   * `quietMs`), so a measurement does not stop while deliveries are still on their way.
   */
  async drain(expected: number, quietMs = 3_000, maxMs = 20_000): Promise<void> {
    const deadline = nowMs() + maxMs;
    let last = -1;
    let changedAt = nowMs();
    while (nowMs() < deadline) {
      const now = await this.deliveries();
      if (now >= expected) return;
      if (now !== last) {
        last = now;
        changedAt = nowMs();
      } else if (nowMs() - changedAt > quietMs) return;
      await sleep(200);
    }
  }

  async collect(table: EventTable): Promise<DeliveryResult> {
    const parts = await Promise.all(this.workers.map((worker) => worker.call('collect', { table })));
    const merged: DeliveryResult = {
      latencies: concat(parts.map((p) => p.latencies)),
      expected: 0,
      delivered: 0,
      lost: 0,
      pending: 0,
      pendingClients: 0,
      doubled: 0,
      outOfScope: 0,
      clientsWithLoss: 0,
      clientsWithDoubles: 0,
      disconnects: 0,
      resumes: 0,
      resnapshots: 0,
      closeCodes: {},
      problems: parts.flatMap((p) => p.problems).slice(0, 5),
    };
    for (const part of parts) {
      for (const key of [
        'expected',
        'delivered',
        'lost',
        'pending',
        'pendingClients',
        'doubled',
        'outOfScope',
        'clientsWithLoss',
        'clientsWithDoubles',
        'disconnects',
        'resumes',
        'resnapshots',
      ] as const) {
        merged[key] += part[key];
      }
      for (const [code, n] of Object.entries(part.closeCodes)) {
        merged.closeCodes[code] = (merged.closeCodes[code] ?? 0) + n;
      }
    }
    return merged;
  }

  async recovery(since: number): Promise<RecoveryResult> {
    const parts = await Promise.all(this.workers.map((worker) => worker.call('recovery', { since })));
    return {
      clients: parts.reduce((sum, p) => sum + p.clients, 0),
      recovered: parts.reduce((sum, p) => sum + p.recovered, 0),
      recoveryMs: concat(parts.map((p) => p.recoveryMs)),
      resumed: parts.reduce((sum, p) => sum + p.resumed, 0),
      resnapshotted: parts.reduce((sum, p) => sum + p.resnapshotted, 0),
      stillDown: parts.reduce((sum, p) => sum + p.stillDown, 0),
      attempts: concat(parts.map((p) => p.attempts)),
    };
  }

  /** Clients still reconnecting give up; returns how many. */
  async freeze(): Promise<number> {
    const parts = await Promise.all(this.workers.map((worker) => worker.call('freeze', {})));
    return parts.reduce((sum, p) => sum + p.frozen, 0);
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.call('disconnect', {}).catch(() => undefined)));
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }
}

/** How many event copies the clients should receive in total: each accepted event once per client in scope. */
export function expectedDeliveries(specs: readonly ClientSpec[], table: EventTable): number {
  const bySite = tally(table.siteCodes);
  const byTrust = tally(table.ambulanceTrustCodes);
  let total = 0;
  for (const { scope } of specs) {
    if (scope.kind === 'england') total += table.eventIds.length;
    else if (scope.kind === 'sites') for (const code of scope.codes) total += bySite.get(code) ?? 0;
    else if (scope.kind === 'ambulance_trust') total += byTrust.get(scope.code) ?? 0;
  }
  return total;
}

function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
