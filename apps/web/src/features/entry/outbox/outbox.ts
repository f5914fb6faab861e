import type { HandoverEvent } from '@handover/domain';
import type { SendOutcome } from './send-outcome';

/** An event recorded on this device and not yet confirmed by the server. */
export interface PendingItem {
  event: HandoverEvent;
  queuedAt: number;
  attempts: number;
  lastProblem: string | null;
}

/** An event the server refused: kept so a person sees why and can re-enter it correctly. */
export interface RefusedItem {
  event: HandoverEvent;
  refusedAt: number;
  code: string;
  message: string;
}

export interface OutboxSnapshot {
  pending: readonly PendingItem[];
  refused: readonly RefusedItem[];
  sending: boolean;
  /** When the next automatic retry is due (local time); null when none is scheduled. */
  nextAttemptAt: number | null;
  /** The server no longer accepts the credential: nothing is sent until someone signs in again. */
  needsSignIn: boolean;
}

export interface OutboxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface OutboxOptions {
  storage: OutboxStorage;
  storageKey?: string;
  send: (event: HandoverEvent) => Promise<SendOutcome>;
  now?: () => number;
  /** [0, 1): retry jitter. */
  random?: () => number;
}

export const OUTBOX_STORAGE_KEY = 'handover.outbox.v1';
const RETRY_BASE_MS = 1_000;
const RETRY_CAP_MS = 30_000;

interface Stored {
  pending: PendingItem[];
  refused: RefusedItem[];
}

/**
 * Events recorded on a tablet, kept in localStorage from the moment they are made until the server
 * confirms them, so a dropped connection or a page reload loses nothing. Sent one at a time in the
 * order they were made (an arrival before its handover); a retry sends the very same event, so the
 * server's eventId idempotency makes each count exactly once.
 */
export class Outbox {
  private snapshot: OutboxSnapshot;
  private readonly listeners = new Set<() => void>();
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set only when storage refuses writes (full or disabled): the page then keeps events itself. */
  private memory: Stored | undefined;
  private readonly key: string;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: OutboxOptions) {
    this.key = options.storageKey ?? OUTBOX_STORAGE_KEY;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.snapshot = { ...this.read(), sending: false, nextAttemptAt: null, needsSignIn: false };
  }

  readonly getSnapshot = (): OutboxSnapshot => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stores the event first, then tries to send it. */
  enqueue(event: HandoverEvent): void {
    const item: PendingItem = { event, queuedAt: this.now(), attempts: 0, lastProblem: null };
    this.mutate((stored) => ({ ...stored, pending: [...stored.pending, item] }));
    void this.flush();
  }

  /** Sends whatever is waiting, now (after a reconnect, a sign-in or a person pressing "Send now"). */
  flush(): Promise<void> {
    if (this.draining !== undefined) {
      this.drainAgain = true;
      return this.draining;
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.update({ nextAttemptAt: null, needsSignIn: false });
    this.draining = this.drainUntilSettled();
    return this.draining;
  }

  /** A person has read a refusal and dealt with it. */
  dismissRefused(eventId: string): void {
    this.mutate((stored) => ({
      ...stored,
      refused: stored.refused.filter((item) => item.event.eventId !== eventId),
    }));
  }

  dispose(): void {
    clearTimeout(this.retryTimer);
    this.listeners.clear();
  }

  private async drainUntilSettled(): Promise<void> {
    try {
      do {
        this.drainAgain = false;
        await this.drain();
      } while (this.drainAgain && this.retryTimer === undefined && !this.snapshot.needsSignIn);
    } finally {
      // Cleared in the same step as the last check, so a flush arriving now starts a new drain
      // instead of being lost on one that is about to end.
      this.draining = undefined;
    }
  }

  private async drain(): Promise<void> {
    this.update({ sending: true });
    try {
      for (;;) {
        // Another tab may have sent or added items: always work from what is stored.
        const head = this.read().pending[0];
        if (head === undefined) return;
        const outcome = await this.sendSafely(head.event);
        if (!this.settle(head, outcome)) return;
      }
    } finally {
      this.update({ sending: false });
    }
  }

  private async sendSafely(event: HandoverEvent): Promise<SendOutcome> {
    try {
      return await this.options.send(event);
    } catch (error) {
      return {
        kind: 'retry',
        problem: error instanceof Error ? error.message : String(error),
        retryAfterMs: null,
      };
    }
  }

  /** Records the outcome of sending `head`; false when sending should stop for now. */
  private settle(head: PendingItem, outcome: SendOutcome): boolean {
    const eventId = head.event.eventId;
    const without = (items: readonly PendingItem[]) => items.filter((item) => item.event.eventId !== eventId);
    switch (outcome.kind) {
      case 'delivered':
        this.mutate((stored) => ({ ...stored, pending: without(stored.pending) }));
        return true;
      case 'refused': {
        const refused: RefusedItem = {
          event: head.event,
          refusedAt: this.now(),
          code: outcome.code,
          message: outcome.message,
        };
        this.mutate((stored) => ({
          pending: without(stored.pending),
          refused: [...stored.refused, refused],
        }));
        return true;
      }
      case 'unauthorised':
        this.markAttempt(eventId, outcome.message);
        this.update({ needsSignIn: true });
        return false;
      case 'retry': {
        const attempts = this.markAttempt(eventId, outcome.problem);
        const delay = outcome.retryAfterMs ?? this.backoff(attempts);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.flush();
        }, delay);
        this.update({ nextAttemptAt: this.now() + delay });
        return false;
      }
    }
  }

  private markAttempt(eventId: string, problem: string): number {
    let attempts = 0;
    this.mutate((stored) => ({
      ...stored,
      pending: stored.pending.map((item) => {
        if (item.event.eventId !== eventId) return item;
        attempts = item.attempts + 1;
        return { ...item, attempts, lastProblem: problem };
      }),
    }));
    return attempts;
  }

  private backoff(attempts: number): number {
    const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
    return Math.round(ceiling * (0.5 + this.random() / 2));
  }

  /** Read, change, write back: each change starts from storage so tabs do not overwrite each other. */
  private mutate(change: (stored: Stored) => Stored): void {
    const next = change(this.read());
    try {
      this.options.storage.setItem(this.key, JSON.stringify(next));
    } catch {
      // Storage full or disabled: the events stay in memory for this page, which still sends them.
      this.memory = next;
    }
    this.update(next);
  }

  private read(): Stored {
    if (this.memory !== undefined) return this.memory;
    try {
      const text = this.options.storage.getItem(this.key);
      return text === null ? { pending: [], refused: [] } : parseStored(text);
    } catch {
      return { pending: [], refused: [] };
    }
  }

  private update(patch: Partial<OutboxSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function parseStored(text: string): Stored {
  try {
    const value = JSON.parse(text) as Partial<Stored>;
    const hasEvent = (item: unknown): boolean =>
      typeof (item as { event?: { eventId?: unknown } })?.event?.eventId === 'string';
    return {
      pending: Array.isArray(value.pending) ? value.pending.filter(hasEvent) : [],
      refused: Array.isArray(value.refused) ? value.refused.filter(hasEvent) : [],
    };
  } catch {
    return { pending: [], refused: [] };
  }
}
