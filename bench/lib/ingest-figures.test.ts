import { describe, expect, it } from 'vitest';
import type { IngestRow } from './ingest';
import { serverCpuPerEventUs, summariseIngest } from './ingest-figures';

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

describe('ingest in alternated rounds', () => {
  const cpu = (cpuPercent: number) => ({ cpuPercent, rssMbMax: 100, rssMbEnd: 100 });
  const product = (round: number, eventsPerSecond: number) =>
    row({ round, eventsPerSecond, processes: { 'instance A': cpu(eventsPerSecond / 50) } });
  const bare = (round: number, eventsPerSecond: number) =>
    row({ round, baseline: true, eventsPerSecond, processes: { 'baseline A': cpu(eventsPerSecond / 100) } });
  const batches = row({ label: 'batches of 100, 8 feeds', batchSize: 100, eventsPerSecond: 12_000 });

  it("reads the product's median round, against the bare pipeline's median, ratios from each pair run together", () => {
    // Round 2 fell in a slow minute for both: its pair's ratio is as usual, and the medians ignore it.
    const rows = [batches, product(1, 5_200), bare(1, 10_000), product(2, 2_000), bare(2, 4_000)];
    rows.push(product(3, 5_600), bare(3, 8_000));
    const [batched, single] = summariseIngest(rows);

    expect(batched?.median).toBe(batches);
    expect(batched?.bareMedian).toBeUndefined();
    expect(batched?.throughputRatio).toBeNaN();
    expect(single?.rounds.map((r) => r.eventsPerSecond)).toEqual([5_200, 2_000, 5_600]);
    expect(single?.median.eventsPerSecond).toBe(5_200);
    expect(single?.bareMedian?.eventsPerSecond).toBe(8_000);
    expect(single?.pairRatios.map((ratio) => ratio.throughput)).toEqual([0.52, 0.5, 0.7]);
    expect(single?.throughputRatio).toBeCloseTo(0.52);
    // The product's CPU per event is 200 µs in every round, the bare pipeline's 100: 2 x throughout.
    expect(single?.cpuRatio).toBeCloseTo(2);
  });

  it('reads results written before rounds (one product row, one bare row) as one pair', () => {
    const [single] = summariseIngest([
      row({ eventsPerSecond: 4_000, processes: { 'instance A': cpu(80) } }),
      row({ baseline: true, eventsPerSecond: 8_000, processes: { 'baseline A': cpu(80) } }),
    ]);
    expect(single?.median.eventsPerSecond).toBe(4_000);
    expect(single?.throughputRatio).toBeCloseTo(0.5);
    expect(single?.cpuRatio).toBeCloseTo(2);
  });
});
