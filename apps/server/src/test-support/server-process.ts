import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { findFreePort, makeTempDir } from '@handover/store/test-support';
import type { DemoCredentials } from '../access/demo-credentials';

/** What demo mode writes to DEMO_CREDENTIALS_FILE once it listens (the tokens are what tests need). */
export type ProcessCredentials = { baseUrl: string } & Record<keyof DemoCredentials, { token: string }>;

export interface ServerProcess {
  /** http://127.0.0.1:<port> (not the banner's localhost, which may resolve to ::1). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The demo credentials of the current run. A restart mints new ones; on the file store it revokes the old. */
  readonly credentials: ProcessCredentials;
  readonly pid: number;
  /** True while the current child has not exited. */
  readonly running: boolean;
  /** SIGKILL, as a crash or power cut would; resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM; resolves with the exit code (null if a signal ended it). */
  terminate(): Promise<number | null>;
  /** Starts again on the same port and data dir, with the same environment; waits until ready. */
  restart(): Promise<void>;
  /** Everything the process (all its runs) wrote to stdout and stderr, for failure messages. */
  output(): string;
  /** Kills the process if it still runs and removes the temp dir if this helper made it. */
  dispose(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Added to (and overriding) the defaults: PORT, DATA_DIR, HOST, LOG_LEVEL, DEMO=1, DEMO_CREDENTIALS_FILE. */
  env: Record<string, string>;
  /** The store folder; a fresh temp dir (removed by dispose) when omitted. */
  dataDir?: string;
  readyTimeoutMs?: number;
}

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const OUTPUT_LIMIT = 64_000;
const DEFAULT_READY_TIMEOUT_MS = 20_000;

const running = new Set<ChildProcess>();
const handles = new Set<ServerProcess>();
// A test run that dies half-way must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Runs the real server (`node --import tsx src/main.ts`) as a child process in demo mode and waits
 * until /readyz answers 200 and the demo credentials file is written.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await findFreePort();
  const ownDir = await makeTempDir('handover-process-');
  const dataDir = options.dataDir ?? ownDir.path;
  // Outside DATA_DIR, so two instances sharing a folder (or Redis) never read each other's file.
  const credentialsFile = join(ownDir.path, `credentials-${port}.json`);
  const env = baseEnv({
    PORT: String(port),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DEMO: '1',
    DEMO_CREDENTIALS_FILE: credentialsFile,
    ...options.env,
  });
  const url = `http://127.0.0.1:${port}`;
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  let log = '';
  const record = (label: string) => (chunk: Buffer) => {
    log = (log + chunk.toString().replace(/^(?=.)/gm, `[${port} ${label}] `)).slice(-OUTPUT_LIMIT);
  };

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let credentials: ProcessCredentials | undefined;

  const launch = async (): Promise<void> => {
    await rm(credentialsFile, { force: true });
    const current = spawnServer(env, record);
    child = current;
    exited = once(current, 'exit').then(() => undefined);
    try {
      credentials = await waitUntilReady(current, url, credentialsFile, readyTimeoutMs, () => log);
    } catch (error) {
      await killAndWait(current, 'SIGKILL');
      throw error;
    }
  };

  const handle: ServerProcess = {
    url,
    port,
    dataDir,
    get credentials() {
      if (credentials === undefined) throw new Error('server has not started');
      return credentials;
    },
    get pid() {
      if (child?.pid === undefined) throw new Error('server has not started');
      return child.pid;
    },
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async kill9() {
      if (child) await killAndWait(child, 'SIGKILL');
    },
    async terminate() {
      if (!child) return null;
      await killAndWait(child, 'SIGTERM');
      return child.exitCode;
    },
    async restart() {
      if (handle.running) throw new Error(`server on port ${port} is still running`);
      await exited;
      await launch();
    },
    output: () => log,
    async dispose() {
      handles.delete(handle);
      if (child) await killAndWait(child, 'SIGKILL');
      await ownDir.remove();
    },
  };
  handles.add(handle);
  try {
    await launch();
  } catch (error) {
    await handle.dispose();
    throw error;
  }
  return handle;
}

/** Disposes every server this module started and has not disposed yet (for afterAll). */
export async function disposeAllServerProcesses(): Promise<void> {
  await Promise.all([...handles].map((handle) => handle.dispose()));
}

/** Runs the server until it exits by itself (a refused start), killing it after `timeoutMs`. */
export async function runServerUntilExit(options: {
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<{ exitCode: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  const port = await findFreePort();
  const dir = await makeTempDir('handover-process-');
  try {
    let stdout = '';
    let stderr = '';
    const child = spawnServer(
      baseEnv({
        PORT: String(port),
        DATA_DIR: dir.path,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...options.env,
      }),
      (label) => (chunk) => {
        if (label === 'out') stdout += chunk.toString();
        else stderr += chunk.toString();
      },
    );
    const exited = once(child, 'exit');
    const timer = sleep(options.timeoutMs ?? 15_000).then(() => 'timeout' as const);
    const timedOut = (await Promise.race([exited, timer])) === 'timeout';
    if (timedOut) await killAndWait(child, 'SIGKILL');
    return { exitCode: child.exitCode, stdout, stderr, timedOut };
  } finally {
    await dir.remove();
  }
}

/** Only what node needs from the parent environment: nothing like REDIS_URL or DEMO leaks in. */
function baseEnv(env: Record<string, string>): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) inherited[name] = value;
  }
  return { ...inherited, ...env };
}

function spawnServer(
  env: Record<string, string>,
  record: (label: 'out' | 'err') => (chunk: Buffer) => void,
): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: SERVER_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdout?.on('data', record('out'));
  child.stderr?.on('data', record('err'));
  return child;
}

async function waitUntilReady(
  child: ChildProcess,
  url: string,
  credentialsFile: string,
  timeoutMs: number,
  output: () => string,
): Promise<ProcessCredentials> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`,
      );
    }
    const credentials = (await isReady(url)) ? await readCredentials(credentialsFile) : undefined;
    if (credentials !== undefined) return credentials;
    if (Date.now() > deadline) {
      throw new Error(`server at ${url} not ready within ${timeoutMs} ms:\n${output()}`);
    }
    await sleep(25);
  }
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** The credentials file, once it is completely written (it is not written atomically). */
async function readCredentials(path: string): Promise<ProcessCredentials | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<ProcessCredentials>;
    const names = ['admin', 'simulatorFeed', 'englandViewer', 'busySiteEd', 'ambulanceControl'] as const;
    return typeof parsed.baseUrl === 'string' &&
      names.every((name) => typeof parsed[name]?.token === 'string')
      ? (parsed as ProcessCredentials)
      : undefined;
  } catch {
    return undefined;
  }
}

async function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}
