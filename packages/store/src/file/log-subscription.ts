import type { RecordedEvent } from '@handover/domain';
import { toError } from '../error-message';

const BATCH_SIZE = 500;

/**
 * Follows the in-memory log of the file store: delivers every record from `position` on, one batch
 * at a time, and waits to be woken when new records are committed.
 */
export class LogSubscription {
  private stopped = false;
  private delivering = false;

  constructor(
    private readonly records: readonly RecordedEvent[],
    private position: number,
    private readonly onEvents: (events: RecordedEvent[]) => Promise<void> | void,
    private readonly onError: ((error: Error) => void) | undefined,
  ) {}

  /** Delivers what is new, unless a delivery loop is already running (it will pick the new records up). */
  wake(): void {
    if (!this.delivering && !this.stopped) void this.deliver();
  }

  /** No delivery starts after this; one already running is not waited for (it may be the caller). */
  stop(): void {
    this.stopped = true;
  }

  private async deliver(): Promise<void> {
    this.delivering = true;
    try {
      while (!this.stopped && this.position < this.records.length) {
        const batch = this.records.slice(this.position, this.position + BATCH_SIZE);
        this.position += batch.length;
        try {
          await this.onEvents(batch);
        } catch (error) {
          // The handler has seen the batch: delivering it again would break exactly-once, so report and go on.
          this.report(error);
        }
      }
    } finally {
      this.delivering = false;
    }
  }

  private report(error: unknown): void {
    try {
      this.onError?.(toError(error));
    } catch {
      // An onError that throws has nowhere left to report to.
    }
  }
}
