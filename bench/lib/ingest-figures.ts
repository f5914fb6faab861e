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

/** One load's verdict figures: its rounds against the bare pipeline's, alternated with them in one run. */
export interface IngestSummary {
  label: string;
  /** The product's round with the median throughput: the one the verdict reads. */
  median: IngestRow;
  /** Every round of the product, in the order run. */
  rounds: IngestRow[];
  /** The bare pipeline's round with the median throughput, when it ran this load. */
  bareMedian?: IngestRow;
  /** Product / bare for each pair of rounds run back to back, in round order. */
  pairRatios: { throughput: number; cpu: number }[];
  /** Medians of those (NaN without a pair; CPU over the pairs where both processes were watched). */
  throughputRatio: number;
  cpuRatio: number;
}

/**
 * Groups the ingest rows by load. On this shared machine one window can fall in a slow minute, so the
 * single-event load runs in rounds, product and bare pipeline alternated, and the figures are medians.
 */
export function summariseIngest(rows: readonly IngestRow[]): IngestSummary[] {
  const labels = [...new Set(rows.filter((row) => !row.baseline).map((row) => row.label))];
  return labels.flatMap((label) => {
    const rounds = rows.filter((row) => !row.baseline && row.label === label);
    const bare = rows.filter((row) => row.baseline && row.label === label);
    const median = medianBy(rounds, (row) => row.eventsPerSecond);
    if (median === undefined) return [];
    // A pair is a product round and the bare round run beside it (results before rounds: one of each).
    const pairs = rounds.flatMap((row, index) => {
      const other = bare.find((b) => (b.round ?? 1) === (row.round ?? index + 1));
      return other === undefined ? [] : [[row, other] as const];
    });
    const bareMedian = medianBy(bare, (row) => row.eventsPerSecond);
    const pairRatios = pairs.map(([p, b]) => ({
      throughput: p.eventsPerSecond / b.eventsPerSecond,
      cpu: serverCpuPerEventUs(p) / serverCpuPerEventUs(b),
    }));
    return [
      {
        label,
        median,
        rounds,
        ...(bareMedian === undefined ? {} : { bareMedian }),
        pairRatios,
        throughputRatio: medianOf(pairRatios.map((ratio) => ratio.throughput)),
        cpuRatio: medianOf(pairRatios.map((ratio) => ratio.cpu)),
      },
    ];
  });
}

/** The element with the median value (the lower middle one of an even count). */
function medianBy<T>(items: readonly T[], value: (item: T) => number): T | undefined {
  return [...items].sort((a, b) => value(a) - value(b))[Math.floor((items.length - 1) / 2)];
}

function medianOf(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  return medianBy(finite, (v) => v) ?? Number.NaN;
}
