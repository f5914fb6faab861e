import type { IngestRow } from './ingest';

/**
 * The server's CPU time per acknowledged event, in µs: what an event costs the instance, read apart
 * from how fast the machine let the sender and Redis go that hour. NaN when it was not measured.
 */
export function serverCpuPerEventUs(row: IngestRow): number {
  const server = row.processes[row.baseline ? 'baseline A' : 'instance A'];
  return server === undefined || row.eventsPerSecond <= 0
    ? Number.NaN
    : (server.cpuPercent / 100 / row.eventsPerSecond) * 1e6;
}
