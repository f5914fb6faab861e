import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findFreePort, makeTempDir } from '@handover/store/test-support';
import type { DemoCredentials } from '../access/demo-credentials';

/** What demo mode writes to DEMO_CREDENTIALS_FILE once it listens (the tokens are what tests need). */
export type ProcessCredentials = { baseUrl: string } & Record<keyof DemoCredentials, { token: string }>;

export interface ServerProcess {
  /** http://127.0.0.1:<port> (not the banner's localhost, which may resolve to ::1). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /**
   * The demo credentials of the current run (throws when started without demo mode). A restart mints new
   * ones; on the file store it revokes the old.
   */
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
  /**
   * Added to (and overriding) the defaults: PORT, DATA_DIR, HOST, LOG_LEVEL and, in demo mode, DEMO=1
   * and DEMO_CREDENTIALS_FILE.
   */
  env?: Record<string, string>;
  /** The store folder; a fresh temp dir (removed by dispose) when omitted. */
  dataDir?: string;
  /** A fixed port; a free one when omitted. */
  port?: number;
  /** Mint demo credentials at start (DEMO=1) and wait for them. Default true. */
  demo?: boolean;
  readyTimeoutMs?: number;
}

// Beside this file, so a copy of apps/server (bench --server-dir) runs its own main.ts.
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const CREDENTIALS_CLI = fileURLToPath(new URL('../cli/credentials.ts', import.meta.url));
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
 * Runs the real server (`node --import tsx src/main.ts`) as a child process, started directly (not
 * through pnpm) so signals reach the server itself, and waits until /readyz answers 200 and, in demo
 * mode (the default), the demo credentials file is written.
 */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const demo = options.demo ?? true;
  const port = options.port ?? (await findFreePort());
  const ownDir = await makeTempDir('handover-process-');
  const dataDir = options.dataDir ?? ownDir.path;
  // Outside DATA_DIR, so two instances sharing a folder (or Redis) never read each other's file.
  const credentialsFile = demo ? join(ownDir.path, `credentials-${port}.json`) : undefined;
  const env = serverEnv(port, dataDir, {
    ...(credentialsFile === undefined ? {} : { DEMO: '1', DEMO_CREDENTIALS_FILE: credentialsFile }),
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
    if (credentialsFile !== undefined) await rm(credentialsFile, { force: true });
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
      if (!demo) throw new Error('this server was started without demo credentials');
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
    const child = spawnServer(serverEnv(port, dir.path, options.env), (label) => (chunk) => {
      if (label === 'out') stdout += chunk.toString();
      else stderr += chunk.toString();
    });
    const exited = once(child, 'exit');
    const timer = sleep(options.timeoutMs ?? 15_000).then(() => 'timeout' as const);
    const timedOut = (await Promise.race([exited, timer])) === 'timeout';
    if (timedOut) await killAndWait(child, 'SIGKILL');
    return { exitCode: child.exitCode, stdout, stderr, timedOut };
  } finally {
    await dir.remove();
  }
}

/**
 * Creates a credential with the `credentials` command, as an operator would before the first start
 * (the file store belongs to one process at a time: run it while no server uses `dataDir`).
 */
export async function createCredentialWithCli(options: {
  dataDir?: string;
  redisUrl?: string;
  role: string;
  scope: string;
  label: string;
}): Promise<string> {
  const env = baseEnv({
    ...(options.dataDir === undefined ? {} : { DATA_DIR: options.dataDir }),
    ...(options.redisUrl === undefined ? {} : { REDIS_URL: options.redisUrl }),
  });
  const args = ['--import', 'tsx', CREDENTIALS_CLI, 'create', '--role', options.role];
  args.push('--scope', options.scope, '--label', options.label);
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: SERVER_DIR, env });
  const token = /^hvt_\S+$/m.exec(stdout)?.[0];
  if (token === undefined) throw new Error(`the credentials command printed no token:\n${stdout}`);
  return token;
}

/** The server on `port` and `dataDir`, on loopback with quiet logs, under `env`. */
function serverEnv(port: number, dataDir: string, env: Record<string, string> = {}): Record<string, string> {
  return baseEnv({ PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env });
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

/** Resolves once /readyz answers 200 and the credentials file (if any) is whole; its credentials. */
async function waitUntilReady(
  child: ChildProcess,
  url: string,
  credentialsFile: string | undefined,
  timeoutMs: number,
  output: () => string,
): Promise<ProcessCredentials | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`,
      );
    }
    if (await isReady(url)) {
      if (credentialsFile === undefined) return undefined;
      const credentials = await readCredentials(credentialsFile);
      if (credentials !== undefined) return credentials;
    }
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
