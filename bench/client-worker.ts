/**
 * A client process of the bench (forked by run.ts): holds several hundred websocket screens, each
 * speaking the real live protocol, and answers the harness's questions about what they received.
 */

import { BenchClient, EventIds } from './lib/bench-client';
import { nowMs } from './lib/clock';
import { serveRpc } from './lib/rpc';
import { inScope } from './lib/scopes';
import type { ClientSpec, DeliveryResult, EventTable, RecoveryResult, WorkerApi } from './lib/worker-api';

const CONNECT_TIMEOUT_MS = 120_000;
const MAX_PROBLEMS = 5;

const eventIds = new EventIds();
let clients: BenchClient[] = [];
let deliveries = 0;
const countDeliveries = (count: number) => {
  deliveries += count;
};

async function connect(specs: ClientSpec[], concurrency: number): Promise<WorkerApi['connect']['result']> {
  const fresh = specs.map((spec) => new BenchClient(spec, eventIds, countDeliveries));
  clients.push(...fresh);
  const connectMs = new Float64Array(fresh.length);
  const failures: string[] = [];
  let next = 0;
  let failed = 0;
  const lane = async () => {
    for (let index = next++; index < fresh.length; index = next++) {
      const client = fresh[index];
      if (client === undefined) continue;
      const started = nowMs();
      try {
        await client.start(CONNECT_TIMEOUT_MS);
        connectMs[index] = nowMs() - started;
      } catch (error) {
        failed += 1;
        if (failures.length < MAX_PROBLEMS) failures.push(`client ${client.spec.id}: ${String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { connected: fresh.length - failed, failed, failures, connectMs };
}

function mark(): WorkerApi['mark']['result'] {
  eventIds.clear();
  deliveries = 0;
  for (const client of clients) client.resetWindow();
  return { clients: clients.length };
}

/** Checks every client against the events the sender had accepted: each one in scope exactly once. */
function collect(table: EventTable): DeliveryResult {
  const rows = table.eventIds.length;
  const rowOf = new Map<string, number>();
  table.eventIds.forEach((id, row) => {
    rowOf.set(id, row);
  });
  const localToRow = Int32Array.from(eventIds.ids, (id) => rowOf.get(id) ?? -1);
  const bySite = groupRows(table.siteCodes);
  const byTrust = groupRows(table.ambulanceTrustCodes);
  const allRows = Array.from({ length: rows }, (_, row) => row);
  const where = (row: number) => ({
    siteCode: table.siteCodes[row] ?? '',
    ambulanceTrustCode: table.ambulanceTrustCodes[row] ?? '',
  });

  const latencies: number[] = [];
  const counts = new Int32Array(rows);
  const result: DeliveryResult = {
    latencies: new Float64Array(0),
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
    problems: [],
  };
  for (const client of clients) {
    const { scope } = client.spec;
    const touched: number[] = [];
    client.received.forEach((local, k) => {
      const row = localToRow[local] ?? -1;
      if (row < 0) return; // an event from before this window
      if (!inScope(scope, where(row))) {
        result.outOfScope += 1;
        return;
      }
      const seen = counts[row] ?? 0;
      counts[row] = seen + 1;
      if (seen === 0) {
        touched.push(row);
        latencies.push((client.times[k] ?? Number.NaN) - (table.sendTimes[row] ?? Number.NaN));
      }
    });
    const expectedRows =
      scope.kind === 'england'
        ? allRows
        : scope.kind === 'sites'
          ? scope.codes.flatMap((code) => bySite.get(code) ?? [])
          : scope.kind === 'ambulance_trust'
            ? (byTrust.get(scope.code) ?? [])
            : [];
    let lost = 0;
    let doubled = 0;
    for (const row of expectedRows) {
      const seen = counts[row] ?? 0;
      if (seen === 0) lost += 1;
      else doubled += seen - 1;
    }
    for (const row of touched) counts[row] = 0;
    result.expected += expectedRows.length;
    result.delivered += expectedRows.length - lost;
    result.doubled += doubled;
    if (client.isDown) {
      result.pending += lost;
      result.pendingClients += 1;
      lost = 0;
    }
    result.lost += lost;
    if (lost > 0) result.clientsWithLoss += 1;
    if (doubled > 0) result.clientsWithDoubles += 1;
    if ((lost > 0 || doubled > 0 || client.refusal) && result.problems.length < MAX_PROBLEMS) {
      result.problems.push(
        `client ${client.spec.id} (${JSON.stringify(scope)}): expected ${expectedRows.length}, lost ${lost}, doubled ${doubled}${client.refusal ? `, ${client.refusal}` : ''}`,
      );
    }
    result.disconnects += client.disconnects;
    result.resumes += client.resumes;
    result.resnapshots += client.resnapshots;
    for (const [code, n] of Object.entries(client.closeCodes)) {
      result.closeCodes[code] = (result.closeCodes[code] ?? 0) + n;
    }
  }
  result.latencies = Float64Array.from(latencies);
  return result;
}

function recovery(since: number): RecoveryResult {
  const recoveryMs: number[] = [];
  const attempts: number[] = [];
  let resumed = 0;
  let resnapshotted = 0;
  let stillDown = 0;
  for (const client of clients) {
    if (client.isDown) stillDown += 1;
    const last = client.lastRecovery;
    if (client.isDown || last === undefined || last.lostAt < since) continue;
    recoveryMs.push(last.at - since);
    attempts.push(last.attempts);
    if (last.how === 'resumed') resumed += 1;
    else resnapshotted += 1;
  }
  return {
    clients: clients.length,
    recovered: recoveryMs.length,
    recoveryMs: Float64Array.from(recoveryMs),
    resumed,
    resnapshotted,
    stillDown,
    attempts: Float64Array.from(attempts),
  };
}

function groupRows(keys: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, row) => {
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  });
  return groups;
}

serveRpc<WorkerApi>({
  connect: ({ clients: specs, concurrency }) => connect(specs, concurrency),
  mark,
  count: () => ({ deliveries }),
  collect: ({ table }) => collect(table),
  recovery: ({ since }) => recovery(since),
  freeze: () => {
    let frozen = 0;
    for (const client of clients) {
      if (client.isDown) frozen += 1;
      client.freezeIfDown();
    }
    return { frozen };
  },
  disconnect: () => {
    for (const client of clients) client.stop();
    const closed = clients.length;
    clients = [];
    return { closed };
  },
});
