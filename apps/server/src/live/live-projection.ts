import { applyEvent, compareCursors, type Handover, type RecordedEvent } from '@handover/domain';

export type ProjectionListener = (applied: AppliedEvent[]) => void;

/** An event the reducer accepted, with the handover as it stands after it (and before: undefined if new). */
export interface AppliedEvent {
  recorded: RecordedEvent;
  handover: Handover;
  previous: Handover | undefined;
}

interface Waiter {
  cursor: string;
  resolve: () => void;
}

/**
 * Every instance folds the whole event log, in order, into this in-memory view with the same domain
 * reducer the browser uses. Events the reducer refuses (two instances racing, at most) are skipped
 * on every instance alike, so all instances agree.
 */
export class LiveProjection {
  readonly handovers = new Map<string, Handover>();
  private position: string | null = null;
  private readonly listeners = new Set<ProjectionListener>();
  /** API requests waiting for their event, in cursor order: a batch looks only at those it releases. */
  private waiters: Waiter[] = [];

  /** Cursor of the last event applied (null before any). */
  get cursor(): string | null {
    return this.position;
  }

  get(handoverId: string): Handover | undefined {
    return this.handovers.get(handoverId);
  }

  apply(batch: readonly RecordedEvent[]): void {
    const applied: AppliedEvent[] = [];
    for (const recorded of batch) {
      if (compareCursors(recorded.cursor, this.position) <= 0) continue;
      this.position = recorded.cursor;
      const current = this.handovers.get(recorded.event.handoverId);
      const result = applyEvent(current, recorded);
      if (!result.ok || result.duplicate) continue;
      this.handovers.set(result.handover.handoverId, result.handover);
      applied.push({ recorded, handover: result.handover, previous: current });
    }
    if (applied.length > 0) for (const listener of this.listeners) listener(applied);
    this.releaseWaiters();
  }

  /** Resolves once the event at `cursor` has been applied (read-your-writes for the API). */
  waitFor(cursor: string): Promise<void> {
    if (compareCursors(cursor, this.position) <= 0) return Promise.resolve();
    return new Promise((resolve) => this.addWaiter({ cursor, resolve }));
  }

  /** `waitFor`, bounded: true once the event at `cursor` has been applied, false after `timeoutMs`. */
  catchUp(cursor: string, timeoutMs: number): Promise<boolean> {
    if (compareCursors(cursor, this.position) <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== reached);
        resolve(false);
      }, timeoutMs);
      const reached = {
        cursor,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      this.addWaiter(reached);
    });
  }

  onApplied(listener: ProjectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private addWaiter(waiter: Waiter): void {
    // Appends are acknowledged about in cursor order, so the place is almost always at the end.
    let index = this.waiters.length;
    while (index > 0 && compareCursors(this.waiters[index - 1]?.cursor ?? null, waiter.cursor) > 0) index--;
    this.waiters.splice(index, 0, waiter);
  }

  private releaseWaiters(): void {
    let released = 0;
    for (const waiter of this.waiters) {
      if (compareCursors(waiter.cursor, this.position) > 0) break;
      released++;
    }
    if (released === 0) return;
    for (const waiter of this.waiters.splice(0, released)) waiter.resolve();
  }
}
