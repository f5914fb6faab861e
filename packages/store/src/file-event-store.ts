import { constants } from 'node:fs';
import { access, type FileHandle, mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedEvent } from '@handover/domain';
import { hasErrorCode, unavailable } from './error-message';
import type { AppendRequest, AppendResult, EventStore } from './event-store';
import { StoreUnavailableError } from './event-store';
import { AppendOnlyFile } from './file/append-only-file';
import { syncDirectory } from './file/atomic-file';
import { type DataDirLock, lockDataDir } from './file/data-dir-lock';
import { fileCursor, recordsUpTo } from './file/file-cursor';
import { FileDocumentStore } from './file/file-documents';
import { replayLog } from './file/log-replay';
import { LogSubscription } from './file/log-subscription';
import { invalidRequestError, recordOf } from './recorded-event-codec';

export const EVENT_LOG_FILE = 'events.log';
const DOCUMENTS_DIR = 'documents';
/** Upper bound on one group commit, so a burst becomes several writes rather than one huge one. */
const MAX_GROUP_SIZE = 1000;

export interface FileEventStoreOptions {
  /** The data directory: events.log and documents/ live here. Exactly one process may open it. */
  dir: string;
  /** Hears problems repaired on open (a torn final write that was dropped). */
  onWarning?: (message: string) => void;
}

export interface FileEventStore extends EventStore {
  readonly kind: 'file';
}

/**
 * Opens the embedded store: replays events.log into memory (dropping a torn final write, refusing
 * to open on damage anywhere else), then appends with group commit.
 */
export async function openFileEventStore(options: FileEventStoreOptions): Promise<FileEventStore> {
  const { dir } = options;
  await mkdir(dir, { recursive: true });
  const lock = await lockDataDir(dir);
  const logPath = join(dir, EVENT_LOG_FILE);
  let handle: FileHandle | undefined;
  try {
    const existing = await readIfExists(logPath);
    const replay = replayLog(existing ?? Buffer.alloc(0), EVENT_LOG_FILE);
    handle = await open(logPath, 'a');
    if (existing === undefined) await syncDirectory(dir);
    if (replay.tornTail) {
      await handle.truncate(replay.validLength);
      await handle.datasync();
      const { lineNumber, byteLength, reason } = replay.tornTail;
      options.onWarning?.(
        `${EVENT_LOG_FILE}: dropped a torn final write at line ${lineNumber} (${byteLength} bytes, ${reason}); ` +
          `the ${replay.records.length} events before it are intact.`,
      );
    }
    const documents = await FileDocumentStore.open(join(dir, DOCUMENTS_DIR));
    return new FileStore(
      dir,
      new AppendOnlyFile(handle, replay.validLength),
      replay.records,
      documents,
      lock,
    );
  } catch (error) {
    await handle?.close();
    await lock.release();
    throw error;
  }
}

interface PendingAppend {
  request: AppendRequest;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

class FileStore implements FileEventStore {
  readonly kind = 'file';
  // Every record stays in memory for readAfter and subscriptions: fine for one site's volume, not for
  // years of national traffic (see the package README: archive old events before that matters).
  private readonly byEventId = new Map<string, RecordedEvent>();
  private readonly versions = new Map<string, string>();
  private readonly subscriptions = new Set<LogSubscription>();
  private queue: PendingAppend[] = [];
  private draining = false;
  private drained: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly dir: string,
    private readonly log: AppendOnlyFile,
    private readonly records: RecordedEvent[],
    readonly documents: FileDocumentStore,
    private readonly lock: DataDirLock,
  ) {
    for (const record of records) this.index(record);
  }

  append(request: AppendRequest): Promise<AppendResult> {
    if (this.closing) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.draining) this.drained = this.drain();
    });
  }

  async readAfter(after: string | null, limit: number): Promise<RecordedEvent[]> {
    if (this.closing) throw closedError();
    const start = recordsUpTo(after);
    return limit > 0 ? this.records.slice(start, start + limit) : [];
  }

  subscribe(
    after: string | null,
    onEvents: (events: RecordedEvent[]) => Promise<void> | void,
    onError?: (error: Error) => void,
  ): () => Promise<void> {
    if (this.closing) throw closedError();
    const subscription = new LogSubscription(this.records, recordsUpTo(after), onEvents, onError);
    this.subscriptions.add(subscription);
    // Deliver the backlog after subscribe has returned its unsubscribe function.
    queueMicrotask(() => subscription.wake());
    return async () => {
      subscription.stop();
      this.subscriptions.delete(subscription);
    };
  }

  async versionOf(handoverId: string): Promise<string | null> {
    if (this.closing) throw closedError();
    // The only writer: what it has committed is the store's version.
    return this.versions.get(handoverId) ?? null;
  }

  async ping(): Promise<void> {
    if (this.closing) throw closedError();
    try {
      await access(this.dir, constants.W_OK);
    } catch (error) {
      throw unavailable(`The data directory ${this.dir} is not writable`, error);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.drained;
    for (const subscription of this.subscriptions) subscription.stop();
    this.subscriptions.clear();
    await this.documents.close();
    await this.log.close();
    await this.lock.release();
  }

  /** Group commit: whatever queued up while the previous write+sync ran goes out in one write+sync. */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.commit(this.queue.splice(0, MAX_GROUP_SIZE));
    } finally {
      this.draining = false;
    }
  }

  /** Settles every append of the group; never throws (the drain loop must go on). */
  private async commit(group: PendingAppend[]): Promise<void> {
    const plan = this.plan(group);
    if (plan.appended.length > 0) {
      try {
        await this.log.append(Buffer.from(plan.lines.join(''), 'utf8'));
      } catch (error) {
        const failure = unavailable(`Could not write ${EVENT_LOG_FILE}`, error);
        for (const pending of group) pending.reject(failure);
        return;
      }
      for (const record of plan.appended) {
        this.records.push(record);
        this.index(record);
      }
    }
    for (const settle of plan.settlements) settle();
    for (const subscription of this.subscriptions) subscription.wake();
  }

  /**
   * Decides each append of a group in order, against what is on disk plus what earlier appends of the
   * same group will write, so duplicates and version checks inside one group behave as if serial.
   */
  private plan(group: PendingAppend[]): {
    appended: RecordedEvent[];
    lines: string[];
    settlements: (() => void)[];
  } {
    const appended: RecordedEvent[] = [];
    const lines: string[] = [];
    const settlements: (() => void)[] = [];
    const staged = new Map<string, RecordedEvent>();
    const stagedVersions = new Map<string, string>();
    for (const { request, resolve, reject } of group) {
      const recorded = recordOf(request, fileCursor(this.records.length + appended.length + 1));
      const line = recorded && encodeLine(recorded);
      if (recorded === undefined || line === undefined) {
        settlements.push(() => reject(invalidRequestError()));
        continue;
      }
      const { eventId, handoverId } = recorded.event;
      const original = this.byEventId.get(eventId) ?? staged.get(eventId);
      if (original) {
        settlements.push(() => resolve({ outcome: 'duplicate', recorded: original }));
        continue;
      }
      const currentVersion = stagedVersions.get(handoverId) ?? this.versions.get(handoverId) ?? null;
      if (request.expectedVersion !== undefined && request.expectedVersion !== currentVersion) {
        settlements.push(() => resolve({ outcome: 'conflict', currentVersion }));
        continue;
      }
      appended.push(recorded);
      lines.push(line);
      staged.set(eventId, recorded);
      stagedVersions.set(handoverId, recorded.cursor);
      settlements.push(() => resolve({ outcome: 'appended', recorded }));
    }
    return { appended, lines, settlements };
  }

  private index(record: RecordedEvent): void {
    this.byEventId.set(record.event.eventId, record);
    this.versions.set(record.event.handoverId, record.cursor);
  }
}

/** A record's line in events.log, or undefined when it cannot be written as JSON. */
function encodeLine(record: RecordedEvent): string | undefined {
  try {
    return `${JSON.stringify(record)}\n`;
  } catch {
    return undefined;
  }
}

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function closedError(): StoreUnavailableError {
  return new StoreUnavailableError('The file event store is closed');
}
