import { describe, expect, it } from 'vitest';
import type { IngestRow } from './ingest';
import type { BenchResults } from './results';
import { checkTargets } from './targets';

const ACK_MS = { samples: 40_000, p50: 10, p95: 20, p99: 30, max: 40, mean: 12 };

function single(round: number, eventsPerSecond: number, baseline = false): IngestRow {
  const server = baseline ? 'baseline A' : 'instance A';
  return {
    label: 'single events, 64 feeds',
    concurrency: 64,
    batchSize: 1,
    durationMs: 8_000,
    requests: eventsPerSecond * 8,
    accepted: eventsPerSecond * 8,
    refused: 0,
    networkErrors: 0,
    eventsPerSecond,
    ackMs: ACK_MS,
    refusals: [],
    processes: { [server]: { cpuPercent: 90, rssMbMax: 150, rssMbEnd: 150 } },
    machineCpuPercent: 190,
    round,
    ...(baseline ? { baseline: true as const } : {}),
  };
}

function ingestVerdict(ingest: IngestRow[]) {
  const results: Omit<BenchResults, 'targets'> = {
    startedAt: '2026-11-22T07:00:00Z',
    command: 'pnpm bench --only=ingest',
    mode: 'full',
    durationS: 60,
    machine: { cpuModel: 'test', cores: 2, memoryGb: 8, os: 'linux', node: 'v20', redis: '7', chromium: '1' },
    load: { before: [0, 0, 0], after: [0, 0, 0], highest1m: 0, stealPercent: 0 },
    delivery: [],
    ingest,
    errors: [],
  };
  return checkTargets(results).find((check) => check.target.includes('single events'));
}

describe('the single-event ingest verdict', () => {
  it('passes on the median round, however slow one round was, and names every round', () => {
    const verdict = ingestVerdict([
      single(1, 5_300),
      single(1, 9_000, true),
      single(2, 1_400),
      single(2, 3_000, true),
      single(3, 5_100),
      single(3, 9_500, true),
    ]);
    expect(verdict?.pass).toBe(true);
    expect(verdict?.measured).toMatch(/^5100 events\/s \(median of 3 rounds: 5300, 1400, 5100\)/);
    expect(verdict?.measured).toContain('alternated with it: median 9000 events/s');
    // Each round's product against the bare pipeline run beside it: 5300 / 9000, 1400 / 3000, 5100 / 9500.
    expect(verdict?.measured).toContain('product / bare by round 0.59, 0.47, 0.54 (median 0.54)');
  });

  it('fails when the median round is under the target, though one round passed', () => {
    const verdict = ingestVerdict([single(1, 5_300), single(2, 4_200), single(3, 4_900)]);
    expect(verdict?.pass).toBe(false);
    expect(verdict?.measured).toMatch(/^4900 events\/s/);
  });
});
