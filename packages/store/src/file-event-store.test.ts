import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, type FileHandle, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished, type TestContext, vi } from 'vitest';
import { describeEventStoreContract } from './contract.test-suite';
import type { EventStore } from './event-store';
import { StoreUnavailableError } from './event-store';
import { EVENT_LOG_FILE, openFileEventStore } from './file-event-store';
import { appendRequest, sampleArrival, sampleLargeCorrection } from './test-support/sample-events';
import { makeTempDir } from './test-support/temp-dir';

describeEventStoreContract('file store', async () => {
  const dir = await makeTempDir();
  const opened: EventStore[] = [];
  const openStore = async () => {
    const store = await openFileEventStore({ dir: dir.path });
    opened.push(store);
    return store;
  };
  return {
    store: await openStore(),
    reopen: openStore,
    cleanup: async () => {
      await Promise.all(opened.map((store) => store.close()));
      await dir.remove();
    },
  };
});

async function tempDir(): Promise<string> {
  const dir = await makeTempDir();
  onTestFinished(() => dir.remove());
  return dir.path;
}

async function openInTest(dir: string, onWarning?: (message: string) => void) {
  const store = await openFileEventStore({ dir, onWarning });
  onTestFinished(() => store.close());
  return store;
}

async function appendEvents(store: EventStore, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const event = sampleArrival();
    await store.append(appendRequest(event));
    ids.push(event.eventId);
  }
  return ids;
}

async function readLogLines(dir: string): Promise<string[]> {
  const content = await readFile(join(dir, EVENT_LOG_FILE), 'utf8');
  expect(content.endsWith('\n')).toBe(true);
  return content.slice(0, -1).split('\n');
}

describe('file store: the log on disk', () => {
  it('writes one JSON record per line: the RecordedEvent, cursors "<n>-0"', async () => {
    const dir = await tempDir();
    const store = await openInTest(dir);
    const result = await store.append(appendRequest(sampleArrival()));
    await store.append(appendRequest(sampleArrival()));
    const lines = await readLogLines(dir);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toEqual(result.outcome === 'appended' ? result.recorded : undefined);
    expect(lines.map((line) => JSON.parse(line).cursor)).toEqual(['1-0', '2-0']);
  });

  it('group commit: 200 concurrent appends share a few write+sync rounds, not 200', async () => {
    const dir = await tempDir();
    const store = await openInTest(dir);
    const probe = await open(join(dir, 'probe'), 'w');
    const fileHandlePrototype: FileHandle = Object.getPrototypeOf(probe);
    await probe.close();
    const datasync = vi.spyOn(fileHandlePrototype, 'datasync');
    onTestFinished(() => datasync.mockRestore());
    await Promise.all(Array.from({ length: 200 }, () => store.append(appendRequest(sampleArrival()))));
    expect(datasync.mock.calls.length).toBeGreaterThan(0);
    expect(datasync.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it.each([
    ['a final line without its newline', '{"event":{"eventId":"torn'],
    ['a final line that is not a record', '{"event":\n'],
  ])('drops %s on open, warns, keeps every earlier event and appends cleanly after', async (_, garbage) => {
    const dir = await tempDir();
    const first = await openFileEventStore({ dir });
    const ids = await appendEvents(first, 3);
    await first.close();
    const goodSize = (await stat(join(dir, EVENT_LOG_FILE))).size;
    await appendFile(join(dir, EVENT_LOG_FILE), garbage);

    const warnings: string[] = [];
    const store = await openInTest(dir, (message) => warnings.push(message));
    expect(warnings).toEqual([expect.stringMatching(/torn final write at line 4/)]);
    expect((await stat(join(dir, EVENT_LOG_FILE))).size).toBe(goodSize);
    expect((await store.readAfter(null, 10)).map((record) => record.event.eventId)).toEqual(ids);

    const next = await store.append(appendRequest(sampleArrival()));
    expect(next.outcome === 'appended' && next.recorded.cursor).toBe('4-0');
    const lines = await readLogLines(dir);
    expect(lines.map((line) => JSON.parse(line).cursor)).toEqual(['1-0', '2-0', '3-0', '4-0']);
  });

  it('refuses to open when a line in the middle is corrupt, naming the line', async () => {
    const dir = await tempDir();
    const first = await openFileEventStore({ dir });
    await appendEvents(first, 3);
    await first.close();
    const lines = await readLogLines(dir);
    lines[1] = '{"event": garbage';
    await writeFile(join(dir, EVENT_LOG_FILE), `${lines.join('\n')}\n`);
    await expect(openFileEventStore({ dir })).rejects.toThrow(/events\.log line 2 is not a valid record/);
  });

  it('refuses to open when lines are out of order', async () => {
    const dir = await tempDir();
    const first = await openFileEventStore({ dir });
    await appendEvents(first, 3);
    await first.close();
    const [one, two, three] = await readLogLines(dir);
    await writeFile(join(dir, EVENT_LOG_FILE), `${one}\n${three}\n${two}\n`);
    await expect(openFileEventStore({ dir })).rejects.toThrow(/line 2 has cursor 3-0, expected 2-0/);
  });
});

describe('file store: failures', () => {
  it('ping rejects with StoreUnavailableError when the data directory is gone', async () => {
    const dir = await tempDir();
    const store = await openInTest(dir);
    await rm(dir, { recursive: true });
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('disk full: appends and document writes fail with StoreUnavailableError, leave nothing half-written, and work again once there is space', async (context) => {
    await withSmallTmpfs(context, async (dir) => {
      const store = await openFileEventStore({ dir });
      const acknowledged = await appendEvents(store, 3);
      await store.documents.put('reports', 'r0', { v: 1 });
      const logBefore = await readFile(join(dir, EVENT_LOG_FILE));
      await fillDisk(join(dir, 'filler'));

      // Larger than the free space left in the log's last page: the kernel writes part, then ENOSPC.
      const big = sampleLargeCorrection('h-1', 6000);
      await expect(store.append(appendRequest(big))).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await readFile(join(dir, EVENT_LOG_FILE))).toEqual(logBefore);
      await expect(store.documents.put('reports', 'r1', { v: 2 })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      expect(await readdir(join(dir, 'documents'))).toEqual(['reports.json']);
      expect(await store.documents.get('reports', 'r0')).toEqual({ v: 1 });

      await rm(join(dir, 'filler'));
      const retried = await store.append(appendRequest(big));
      expect(retried.outcome === 'appended' && retried.recorded.cursor).toBe('4-0');
      await store.documents.put('reports', 'r1', { v: 2 });
      await store.close();

      const warnings: string[] = [];
      const reopened = await openFileEventStore({ dir, onWarning: (message) => warnings.push(message) });
      const ids = (await reopened.readAfter(null, 10)).map((record) => record.event.eventId);
      const reports = await reopened.documents.list('reports');
      await reopened.close();
      expect(warnings).toEqual([]);
      expect(ids).toEqual([...acknowledged, big.eventId]);
      expect(reports).toHaveLength(2);
    });
  });

  it('kill -9 mid-stream: every acknowledged event is in the log exactly once', async () => {
    const dir = await tempDir();
    const writer = spawn(
      process.execPath,
      // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild SIGKILL would miss.
      [
        '--import',
        tsxLoaderUrl(),
        fileURLToPath(new URL('./test-support/file-store-writer.ts', import.meta.url)),
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    onTestFinished(() => {
      writer.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    writer.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    writer.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = once(writer, 'exit');
    const deadline = Date.now() + 15_000;
    while (stdout.split('\n').length < 2000 && writer.exitCode === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(writer.exitCode, stderr).toBeNull();
    writer.kill('SIGKILL');
    await exited;

    const acknowledged = stdout.split('\n').slice(0, -1);
    expect(acknowledged.length).toBeGreaterThanOrEqual(2000);
    const store = await openInTest(dir, () => undefined);
    const stored = (await store.readAfter(null, 1_000_000)).map((record) => record.event.eventId);
    const counts = new Map<string, number>();
    for (const id of stored) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(acknowledged.filter((id) => counts.get(id) !== 1)).toEqual([]);
  });
});

function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/**
 * Runs `body` on a fresh 256 KiB tmpfs, unmounted afterwards (stores opened by `body` must be closed
 * by it), or skips the test where mounting is not permitted.
 */
async function withSmallTmpfs(context: TestContext, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await tempDir();
  const run = promisify(execFile);
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir]);
  } catch (error) {
    context.skip(`needs a small tmpfs to fill, and mounting one is not permitted here: ${String(error)}`);
  }
  try {
    await body(dir);
  } finally {
    await run('umount', ['--lazy', dir]);
  }
}

/** Writes to `path` until the file system says ENOSPC. */
async function fillDisk(path: string): Promise<void> {
  const handle = await open(path, 'w');
  const chunk = Buffer.alloc(4096, 0x61);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOSPC')) throw error;
  } finally {
    await handle.close();
  }
}

describe('one process per data folder', () => {
  it('refuses a second opener while the first is open, naming the holder, and allows it after close', async () => {
    const dir = await makeTempDir();
    try {
      const first = await openFileEventStore({ dir: dir.path });
      await expect(openFileEventStore({ dir: dir.path })).rejects.toThrow(`in use by process ${process.pid}`);
      await first.close();
      const second = await openFileEventStore({ dir: dir.path });
      await second.close();
    } finally {
      await dir.remove();
    }
  });

  it('takes over a lock left by a process that no longer runs (kill -9)', async () => {
    const dir = await makeTempDir();
    try {
      await writeFile(join(dir.path, 'LOCK'), '999999999 stale-incarnation');
      const store = await openFileEventStore({ dir: dir.path });
      await store.close();
    } finally {
      await dir.remove();
    }
  });
});
