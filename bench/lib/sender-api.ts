import type { LatencySummary } from './stats';
import type { EventTable } from './worker-api';

/** How the sender writes: through the product's API, or straight onto the Redis stream (the baseline). */
export type SenderTarget =
  | { mode: 'http'; baseUrls: string[]; token: string }
  | { mode: 'redis'; redisUrl: string; streamKey: string };

export interface RunResult {
  /** Only the events the server (or Redis) acknowledged: what every client in scope must receive. */
  table: EventTable;
  sent: number;
  accepted: number;
  refused: number;
  networkErrors: number;
  /** Events whose request was still unanswered `answerWaitMs` after the run ended (counted as neither). */
  unanswered: number;
  requests: number;
  durationMs: number;
  /** Per request, from writing it to its answer. */
  ackMs: LatencySummary;
  refusals: string[];
}

export interface IngestResult {
  concurrency: number;
  batchSize: number;
  durationMs: number;
  requests: number;
  accepted: number;
  refused: number;
  networkErrors: number;
  eventsPerSecond: number;
  ackMs: LatencySummary;
  refusals: string[];
}

export type SenderApi = {
  configure: { args: SenderTarget; result: { ok: true } };
  /** Arrivals up front (so follow-ups and snapshots have something to work on). */
  seed: { args: { count: number; siteCodes?: string[]; maxAgeMs?: number }; result: { accepted: number } };
  /** Sends at `rate` events/s for `durationMs` (0: until `stop`), to the configured targets in turn. */
  run: {
    args: { rate: number; durationMs: number; targets?: number[]; answerWaitMs?: number };
    result: RunResult;
  };
  stop: { args: Record<string, never>; result: { ok: true } };
  /** As fast as acknowledgements allow: `concurrency` loops each posting `batchSize` events at a time. */
  /** `stopEarly`: `stop` ends it too. */
  ingest: {
    args: { concurrency: number; batchSize: number; durationMs: number; stopEarly?: boolean };
    result: IngestResult;
  };
};
