import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/**
 * The real server as a separate process in demo mode (`node --import tsx apps/server/src/main.ts`), on a
 * free port with a temporary data folder: the simulator's tests reach it only over HTTP, as the
 * simulator itself does.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(ROOT, 'apps/server/src/main.ts');
const READY_TIMEOUT_MS = 30_000;

export interface DemoServer {
  url: string;
  tokens: { admin: string; feed: string };
  /** The log position /readyz reports: the file store's "<n>-0" counts every event recorded. */
  eventCount(): Promise<number>;
  /** GET an API path with the admin token; the parsed JSON body. */
  get(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'simulator-server-'));
  const credentialsFile = join(dir, 'credentials.json');
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DEMO: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: join(dir, 'data'),
      DEMO_CREDENTIALS_FILE: credentialsFile,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async (): Promise<void> => {
    await kill(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const tokens = await waitUntilReady(child, url, credentialsFile, () => output);
    const get = async (path: string): Promise<unknown> => {
      const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${tokens.admin}` } });
      if (response.status !== 200)
        throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const eventCount = async (): Promise<number> => {
      const { cursor } = (await (await fetch(`${url}/readyz`)).json()) as { cursor: string | null };
      return cursor === null ? 0 : Number(cursor.split('-')[0]);
    };
    return { url, tokens, eventCount, get, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilReady(
  child: ChildProcess,
  url: string,
  credentialsFile: string,
  output: () => string,
): Promise<{ admin: string; feed: string }> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    const tokens = (await ready(url)) ? await readTokens(credentialsFile) : undefined;
    if (tokens !== undefined) return tokens;
    if (Date.now() > deadline) throw new Error(`server not ready in ${READY_TIMEOUT_MS} ms:\n${output()}`);
    await sleep(50);
  }
}

async function ready(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** The credentials file is written after the server listens, and not atomically: read it until whole. */
async function readTokens(path: string): Promise<{ admin: string; feed: string } | undefined> {
  try {
    const json = JSON.parse(await readFile(path, 'utf8')) as {
      admin?: { token?: unknown };
      simulatorFeed?: { token?: unknown };
    };
    const admin = json.admin?.token;
    const feed = json.simulatorFeed?.token;
    return typeof admin === 'string' && typeof feed === 'string' ? { admin, feed } : undefined;
  } catch {
    return undefined;
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
