import { setTimeout as delay } from 'node:timers/promises';
import { MAX_BATCH_EVENTS } from '@handover/protocol';
import { type QueuedEvent, takeBatch } from './batch-builder';
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  retryDelayMs,
} from './retry-policy';
import { answered, countInto, emptyStats, type SendStats } from './send-stats';
import type { GeneratedEvent, Sender } from './wire-events';

/**
 * Posts generated events to the server's public batch API, exactly as a real integration would: with
 * ordinary bearer credentials, in batches of up to 500, a few in flight at once. Events of one handover
 * keep their order and are never in two batches in flight together. A batch whose answer does not come
 * (connection lost, timeout, 429, 5xx) is posted again with the very same events and eventIds, so the
 * server's idempotency turns a re-post of what it already recorded into `duplicate` results: an event
 * is never sent twice under different ids, whatever fails.
 */

/** Bearer tokens by the party that sends each event. */
export interface SenderCredentials {
  /** The ambulance feed (a feed credential): every event type except Release to Respond. */
  feed: string;
  /** A control room credential, for release_requested. */
  control?: string;
  /** An ED credential, for the ED's events. */
  ed?: string;
  /** Sends the events of any role above without its own credential (an admin may record anything). */
  admin?: string;
}

export type EventResult =
  | { outcome: 'accepted' | 'duplicate'; generated: GeneratedEvent; status: number; cursor: string }
  | { outcome: 'rejected'; generated: GeneratedEvent; status: number; code: string; message: string }
  | { outcome: 'failed' | 'skipped'; generated: GeneratedEvent; reason: string };

export interface ApiSenderOptions {
  /** The server, e.g. http://localhost:8080. */
  baseUrl: string;
  credentials: SenderCredentials;
  /** Batches in flight at once (default 4). */
  concurrency?: number;
  /** Events per batch (default and maximum: the API's 500). */
  batchSize?: number;
  /** `submit` waits while more events than this wait to be posted (default 2 x concurrency x batchSize). */
  maxQueued?: number;
  retry?: Partial<RetryPolicy>;
  /** A post without an answer after this long is abandoned and retried (default 60 s). */
  requestTimeoutMs?: number;
  /** Told the outcome of every event (for tests and diagnostics). */
  onResult?: (result: EventResult) => void;
  fetch?: typeof fetch;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** The server refused the credential itself (401, or a role that may not post events): nothing can get through. */
export class SenderFatalError extends Error {
  override readonly name = 'SenderFatalError';
}

type Answer =
  | { kind: 'results'; results: readonly BatchItem[] }
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'retry'; reason: string; retryAfterMs: number | undefined };

interface BatchItem {
  index: number;
  status: number;
  cursor?: string;
  error?: { code: string; message: string };
}

export class ApiSender {
  private readonly endpoint: string;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly maxQueued: number;
  private readonly policy: RetryPolicy;
  private readonly requestTimeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly stopping = new AbortController();

  private queue: QueuedEvent[] = [];
  /** Handovers with a batch in flight: none of their events may be posted until it is answered. */
  private readonly busy = new Set<string>();
  private readonly flights = new Set<Promise<void>>();
  private readonly waiters: (() => void)[] = [];
  private readonly tally: SendStats = emptyStats();
  private startedAt: number | undefined;
  private fatal: SenderFatalError | undefined;
  private closed = false;

  constructor(private readonly options: ApiSenderOptions) {
    this.endpoint = `${options.baseUrl.replace(/\/+$/, '')}/api/v1/events/batch`;
    this.concurrency = positive('concurrency', options.concurrency ?? 4);
    this.batchSize = positive('batchSize', options.batchSize ?? MAX_BATCH_EVENTS);
    if (this.batchSize > MAX_BATCH_EVENTS) {
      throw new RangeError(`batchSize is at most ${MAX_BATCH_EVENTS}, got ${this.batchSize}`);
    }
    this.maxQueued = positive('maxQueued', options.maxQueued ?? 2 * this.concurrency * this.batchSize);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? sleepUnlessAborted;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /**
   * Queues events in the order given (each handover's events in causal order) and starts posting them.
   * Resolves once the queue has room again, so a producer cannot run far ahead of the server.
   */
  async submit(events: Iterable<GeneratedEvent>): Promise<void> {
    this.throwIfFatal();
    this.startedAt ??= this.now();
    for (const generated of events) {
      this.tally.submitted += 1;
      // After shutdown nothing more is posted: a late producer's events are only counted.
      if (this.closed) {
        this.tally.unsent += 1;
        continue;
      }
      const token = this.tokenFor(generated.sendAs);
      if (token === undefined) {
        this.tally.skipped += 1;
        countInto(this.tally.skippedByRole, generated.sendAs);
        this.report({ outcome: 'skipped', generated, reason: `no credential for ${generated.sendAs}` });
      } else {
        this.queue.push({ generated, token });
      }
    }
    this.pump();
    await this.until(() => this.queue.length < this.maxQueued);
  }

  /** Resolves when every queued event has been answered or given up on. */
  async drain(): Promise<SendStats> {
    await this.until(() => this.queue.length === 0 && this.flights.size === 0);
    return this.stats();
  }

  /** Submits and drains: the whole of `events` delivered (or accounted for) when it resolves. */
  async send(events: Iterable<GeneratedEvent>): Promise<SendStats> {
    await this.submit(events);
    return this.drain();
  }

  /**
   * Stops: drops what is still queued (counted as unsent), lets batches in flight finish for up to
   * `graceMs`, then abandons them (counted as failed; a later run re-sends them safely).
   */
  async shutdown(graceMs = 5_000): Promise<SendStats> {
    this.closed = true;
    this.tally.unsent += this.queue.length;
    this.queue = [];
    const settled = Promise.all(this.flights).then(() => true);
    const timedOut = this.sleep(graceMs, this.stopping.signal).then(() => false);
    if (!(await Promise.race([settled, timedOut]))) {
      this.stopping.abort();
      await settled;
    }
    this.stopping.abort();
    this.wake();
    return this.stats();
  }

  stats(): SendStats {
    const elapsedMs = this.startedAt === undefined ? 0 : Math.max(0, this.now() - this.startedAt);
    return {
      ...this.tally,
      rejectedByCode: { ...this.tally.rejectedByCode },
      failedByReason: { ...this.tally.failedByReason },
      skippedByRole: { ...this.tally.skippedByRole },
      elapsedMs,
      eventsPerSecond: elapsedMs > 0 ? (answered(this.tally) * 1000) / elapsedMs : 0,
    };
  }

  private tokenFor(role: Sender): string | undefined {
    const { credentials } = this.options;
    return credentials[role] ?? credentials.admin;
  }

  /** Starts as many batches as the concurrency allows and the ordering rules permit. */
  private pump(): void {
    while (this.flights.size < this.concurrency && this.queue.length > 0 && !this.fatal) {
      const { batch, rest } = takeBatch(this.queue, this.busy, this.batchSize);
      if (batch.length === 0) break;
      this.queue = rest;
      const handovers = new Set(batch.map((item) => item.generated.event.handoverId));
      for (const handoverId of handovers) this.busy.add(handoverId);
      const flight: Promise<void> = this.deliver(batch).finally(() => {
        for (const handoverId of handovers) this.busy.delete(handoverId);
        this.flights.delete(flight);
        this.pump();
        this.wake();
      });
      this.flights.add(flight);
    }
    this.wake();
  }

  /** Posts one batch until it is answered, refused or given up on. Never throws. */
  private async deliver(batch: readonly QueuedEvent[]): Promise<void> {
    const first = batch[0];
    if (first === undefined) return;
    const body = JSON.stringify({ events: batch.map((item) => item.generated.event) });
    this.tally.sent += batch.length;
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.post(first.token, body);
      if (answer.kind === 'results') {
        this.recordResults(batch, answer.results);
        return;
      }
      if (answer.kind === 'refused') {
        for (const { generated } of batch) this.reject(generated, answer.status, answer.code, answer.message);
        if (answer.status === 401 || answer.status === 403) this.stopOnFatal(answer.code, answer.message);
        return;
      }
      if (attempt >= this.policy.maxAttempts || this.stopping.signal.aborted) {
        const reason = this.stopping.signal.aborted ? 'stopped' : answer.reason;
        for (const { generated } of batch) this.fail(generated, reason);
        return;
      }
      this.tally.retries += 1;
      await this.sleep(
        retryDelayMs(this.policy, attempt, answer.retryAfterMs, this.random),
        this.stopping.signal,
      );
    }
  }

  private async post(token: string, body: string): Promise<Answer> {
    this.tally.requests += 1;
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.requestTimeoutMs)]);
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(this.endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
        signal,
      });
      text = await response.text();
    } catch (error) {
      // The answer is lost, not the events: the server may have recorded them, and a re-post says so.
      return { kind: 'retry', reason: networkReason(error), retryAfterMs: undefined };
    }
    const parsed = parseJson(text);
    if (response.status === 200) {
      const results = batchItems(parsed);
      return results === undefined
        ? { kind: 'retry', reason: 'unreadable answer', retryAfterMs: undefined }
        : { kind: 'results', results };
    }
    const error = apiError(parsed);
    if (isRetryableStatus(response.status)) {
      return {
        kind: 'retry',
        reason: error?.code ?? `HTTP ${response.status}`,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.now()),
      };
    }
    return {
      kind: 'refused',
      status: response.status,
      code: error?.code ?? `HTTP_${response.status}`,
      message: error?.message ?? text.slice(0, 200),
    };
  }

  private recordResults(batch: readonly QueuedEvent[], results: readonly BatchItem[]): void {
    const byIndex = new Map(results.map((item) => [item.index, item]));
    batch.forEach(({ generated }, index) => {
      const item = byIndex.get(index);
      if (item === undefined) {
        this.fail(generated, 'no result for the event');
      } else if (item.error !== undefined) {
        this.reject(generated, item.status, item.error.code, item.error.message);
      } else {
        const outcome = item.status === 201 ? 'accepted' : 'duplicate';
        this.tally[outcome === 'accepted' ? 'accepted' : 'duplicates'] += 1;
        this.report({ outcome, generated, status: item.status, cursor: item.cursor ?? '' });
      }
    });
  }

  private reject(generated: GeneratedEvent, status: number, code: string, message: string): void {
    this.tally.rejected += 1;
    countInto(this.tally.rejectedByCode, code);
    this.report({ outcome: 'rejected', generated, status, code, message });
  }

  private fail(generated: GeneratedEvent, reason: string): void {
    this.tally.failed += 1;
    countInto(this.tally.failedByReason, reason);
    this.report({ outcome: 'failed', generated, reason });
  }

  private stopOnFatal(code: string, message: string): void {
    this.fatal ??= new SenderFatalError(`The server refused the credential (${code}): ${message}`);
    this.tally.unsent += this.queue.length;
    this.queue = [];
  }

  private report(result: EventResult): void {
    this.options.onResult?.(result);
  }

  private throwIfFatal(): void {
    if (this.fatal) throw this.fatal;
  }

  /** Waits for `condition`; a shutdown ends every wait, a fatal refusal fails it. */
  private async until(condition: () => boolean): Promise<void> {
    for (;;) {
      this.throwIfFatal();
      if (condition() || this.closed) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number >= 1`);
  return value;
}

async function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch(() => undefined);
}

function networkReason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timeout';
    if (error.name === 'AbortError') return 'stopped';
    const cause = (error as { cause?: unknown }).cause;
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') return code;
  }
  return 'network error';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function apiError(body: unknown): { code: string; message: string } | undefined {
  const error = (body as { error?: unknown } | undefined)?.error as
    | { code?: unknown; message?: unknown }
    | undefined;
  return typeof error?.code === 'string'
    ? { code: error.code, message: typeof error.message === 'string' ? error.message : '' }
    : undefined;
}

/** The per-event results of a 200 batch answer, or undefined when it is not one. */
function batchItems(body: unknown): BatchItem[] | undefined {
  const results = (body as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results)) return undefined;
  const items: BatchItem[] = [];
  for (const raw of results as unknown[]) {
    const item = raw as { index?: unknown; status?: unknown; cursor?: unknown; error?: unknown };
    if (typeof item.index !== 'number' || typeof item.status !== 'number') return undefined;
    const error = apiError(item);
    items.push({
      index: item.index,
      status: item.status,
      ...(typeof item.cursor === 'string' ? { cursor: item.cursor } : {}),
      ...(error !== undefined ? { error } : {}),
    });
  }
  return items;
}
