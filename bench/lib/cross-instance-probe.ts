import { randomUUID } from 'node:crypto';
import type { HandoverEvent } from '@handover/domain';
import { configureSender } from './delivery-scenario';
import { startDeployment } from './deployment';
import { postJson } from './http-post';
import { RpcChild } from './rpc';
import type { SenderApi } from './sender-api';

export interface CrossInstanceProbeResult {
  pairs: number;
  /** Background load on instance A while probing (events/s acknowledged). */
  backgroundEventsPerSecond: number;
  /** Follow-ups accepted by instance B right after A acknowledged the arrival. */
  accepted: number;
  /** Refused, by error code (HANDOVER_NOT_FOUND: B had not yet applied what A acknowledged). */
  refusedByCode: Record<string, number>;
}

/**
 * A feed behind a load balancer: posts an arrival to instance A and, as soon as A acknowledges it, the
 * handover to instance B, while other feeds keep A busy. The API promises read-your-writes; this checks
 * whether it holds across instances (B must have applied what A acknowledged).
 */
export async function runCrossInstanceProbe(
  pairs: number,
  log: (line: string) => void,
): Promise<CrossInstanceProbeResult> {
  const deployment = await startDeployment({ kind: 'redis', instances: 2 });
  const sender = RpcChild.fork<SenderApi>('sender-worker.ts');
  try {
    const [a, b] = deployment.instances;
    if (a === undefined || b === undefined) throw new Error('the probe needs two instances');
    await configureSender(sender, deployment);
    await sender.call('seed', { count: 300 });
    const background = sender.call('ingest', {
      concurrency: 4,
      batchSize: 50,
      durationMs: 60_000,
      stopEarly: true,
    });
    const result: CrossInstanceProbeResult = {
      pairs,
      backgroundEventsPerSecond: 0,
      accepted: 0,
      refusedByCode: {},
    };
    for (let i = 0; i < pairs; i++) {
      const code = await probeOnce(a.httpUrl, b.httpUrl, deployment.tokens.feed, i);
      if (code === undefined) result.accepted += 1;
      else result.refusedByCode[code] = (result.refusedByCode[code] ?? 0) + 1;
    }
    await sender.call('stop', {});
    result.backgroundEventsPerSecond = (await background).eventsPerSecond;
    log(
      `  ${result.accepted}/${pairs} follow-ups accepted by B (refused: ${JSON.stringify(result.refusedByCode)}) while A took ${result.backgroundEventsPerSecond.toFixed(0)} events/s`,
    );
    return result;
  } finally {
    await sender.stop();
    await deployment.dispose();
  }
}

/** One arrival through A, then at once its handover through B: undefined if B accepted it, else the error code. */
async function probeOnce(
  urlA: string,
  urlB: string,
  token: string,
  serial: number,
): Promise<string | undefined> {
  const handoverId = randomUUID();
  const arrival: HandoverEvent = {
    type: 'arrived',
    eventId: randomUUID(),
    handoverId,
    at: new Date().toISOString(),
    siteCode: 'RRK15',
    ambulanceTrustCode: 'RYA',
    callsign: `P${serial.toString(36).toUpperCase()}`,
  };
  const first = await postJson(`${urlA}/api/v1/events`, token, arrival);
  if (first.status !== 201) throw new Error(`probe arrival refused: ${first.status}`);
  const followUp: HandoverEvent = {
    type: 'handed_over',
    eventId: randomUUID(),
    handoverId,
    at: new Date().toISOString(),
    by: 'crew',
  };
  const second = await postJson(`${urlB}/api/v1/events`, token, followUp);
  if (second.status === 201) return undefined;
  return (second.body as { error?: { code?: string } }).error?.code ?? String(second.status);
}
