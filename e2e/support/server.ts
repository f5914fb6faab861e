import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findFreePort, makeTempDir } from '@handover/store/test-support';

/**
 * Real server processes for the end-to-end tests: `node --import tsx apps/server/src/main.ts`, started
 * directly (not through pnpm) so SIGTERM and SIGKILL reach the server itself, serving the production web
 * build from apps/web/dist.
 */

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_DIR = join(REPO_ROOT, 'apps/server');
/** The production build test.sh makes. */
export const WEB_BUILD = join(REPO_ROOT, 'apps/web/dist');
/** What the servers serve: global-setup.ts's snapshot of the build, so a rebuild during the run cannot break it. */
const webDir = () => process.env.E2E_WEB_DIR ?? WEB_BUILD;
const MAIN = join(SERVER_DIR, 'src/main.ts');
const CREDENTIALS_CLI = join(SERVER_DIR, 'src/cli/credentials.ts');
const READY_TIMEOUT_MS = 30_000;
const OUTPUT_LIMIT = 64_000;

/** What demo mode writes to DEMO_CREDENTIALS_FILE (only the tokens matter here). */
export interface DemoTokens {
  admin: string;
  simulatorFeed: string;
  englandViewer: string;
  /** ed, scope sites:RRK15. */
  busySiteEd: string;
  /** control, scope ambulance_trust:RYA. */
  ambulanceControl: string;
}
const DEMO_NAMES = ['admin', 'simulatorFeed', 'englandViewer', 'busySiteEd', 'ambulanceControl'] as const;

export interface ServerOptions {
  /** Mint demo credentials at start (DEMO=1). Default true. */
  demo?: boolean;
  /** The file store's folder; a fresh temp dir (removed by dispose) when omitted. Ignored with redisUrl. */
  dataDir?: string;
  redisUrl?: string;
  /** A fixed port (to restart on the same one); a free one when omitted. */
  port?: number;
  env?: Record<string, string>;
}

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Demo tokens of the current run (throws when started without demo mode). */
  readonly tokens: DemoTokens;
  readonly running: boolean;
  /** SIGTERM (graceful drain); resolves with the exit code once the process is gone. */
  terminate(): Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill9(): Promise<void>;
  /** Starts again on the same port, data dir and environment; resolves once ready. */
  restart(): Promise<void>;
  output(): string;
  dispose(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const demo = options.demo ?? true;
  const port = options.port ?? (await findFreePort());
  const own = await makeTempDir('handover-e2e-');
  const dataDir = options.dataDir ?? join(own.path, 'data');
  const credentialsFile = join(own.path, 'demo-credentials.json');
  const env = childEnv({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIR: webDir(),
    LOG_LEVEL: 'warn',
    ...(options.redisUrl === undefined ? {} : { REDIS_URL: options.redisUrl }),
    ...(demo ? { DEMO: '1', DEMO_CREDENTIALS_FILE: credentialsFile } : {}),
    ...options.env,
  });
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  let child: ChildProcess | undefined;
  let tokens: DemoTokens | undefined;

  const launch = async () => {
    await rm(credentialsFile, { force: true });
    const current = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: SERVER_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(current);
    current.once('exit', () => children.delete(current));
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-OUTPUT_LIMIT);
    };
    current.stdout?.on('data', keep);
    current.stderr?.on('data', keep);
    child = current;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (current.exitCode !== null || current.signalCode !== null) {
        throw new Error(`server on ${url} exited before it was ready:\n${log}`);
      }
      if (await isReady(url)) {
        if (!demo) return;
        tokens = await readDemoTokens(credentialsFile);
        if (tokens !== undefined) return;
      }
      if (Date.now() > deadline) {
        await stop(current, 'SIGKILL');
        throw new Error(`server on ${url} not ready within ${READY_TIMEOUT_MS} ms:\n${log}`);
      }
      await sleep(25);
    }
  };

  const handle: ServerProcess = {
    url,
    port,
    dataDir,
    get tokens() {
      if (tokens === undefined) throw new Error('this server was started without demo credentials');
      return tokens;
    },
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async terminate() {
      if (child === undefined) return null;
      await stop(child, 'SIGTERM');
      return child.exitCode;
    },
    async kill9() {
      if (child !== undefined) await stop(child, 'SIGKILL');
    },
    async restart() {
      if (handle.running) throw new Error(`server on ${url} is still running`);
      await launch();
    },
    output: () => log,
    async dispose() {
      if (child !== undefined) await stop(child, 'SIGKILL');
      await own.remove();
    },
  };
  try {
    await launch();
  } catch (error) {
    await handle.dispose();
    throw error;
  }
  return handle;
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
  const env = childEnv({
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

/** Only what node needs from this environment: no REDIS_URL, DEMO or PORT leaks into a child. */
function childEnv(env: Record<string, string>): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) inherited[name] = value;
  }
  return { ...inherited, ...env };
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

/** The demo credentials file, once completely written (it is not written atomically). */
async function readDemoTokens(path: string): Promise<DemoTokens | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Record<string, { token?: unknown }>;
    const tokens: Partial<DemoTokens> = {};
    for (const name of DEMO_NAMES) {
      const token = parsed[name]?.token;
      if (typeof token !== 'string') return undefined;
      tokens[name] = token;
    }
    return tokens as DemoTokens;
  } catch {
    return undefined;
  }
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}
