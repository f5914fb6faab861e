import { describe, expect, it } from 'vitest';
import type { IngestRow } from './ingest';
import { serverCpuPerEventUs } from './ingest-figures';

const ACK_MS = { samples: 40_000, p50: 10, p95: 20, p99: 30, max: 40, mean: 12 };

function row(overrides: Partial<IngestRow>): IngestRow {
  return {
    label: 'single events, 64 feeds',
    concurrency: 64,
    batchSize: 1,
    durationMs: 10_000,
    requests: 40_000,
    accepted: 40_000,
    refused: 0,
    networkErrors: 0,
    eventsPerSecond: 4_000,
    ackMs: ACK_MS,
    refusals: [],
    processes: {},
    machineCpuPercent: 150,
    ...overrides,
  };
}

describe('server CPU per event', () => {
  it("divides the instance's CPU by the events it acknowledged", () => {
    const usage = { cpuPercent: 90, rssMbMax: 180, rssMbEnd: 170 };
    // 0.9 s of CPU a second over 4,000 events a second: 225 µs each.
    expect(serverCpuPerEventUs(row({ processes: { 'instance A': usage, redis: usage } }))).toBeCloseTo(225);
  });

  it('reads the bare pipeline from its own process', () => {
    const usage = { cpuPercent: 80, rssMbMax: 60, rssMbEnd: 60 };
    const bare = row({ baseline: true, eventsPerSecond: 8_000, processes: { 'baseline A': usage } });
    expect(serverCpuPerEventUs(bare)).toBeCloseTo(100);
  });

  it('is NaN when nothing was acknowledged or the server was not watched', () => {
    const usage = { cpuPercent: 80, rssMbMax: 60, rssMbEnd: 60 };
    expect(serverCpuPerEventUs(row({ eventsPerSecond: 0, processes: { 'instance A': usage } }))).toBeNaN();
    expect(serverCpuPerEventUs(row({ processes: {} }))).toBeNaN();
  });
});
