import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeTempDir } from './temp-dir';

export interface RedisServerOptions {
  /** AOF with `appendfsync always`, for crash tests. Default: no persistence at all. */
  appendOnly?: boolean;
  /** Data directory (kept on stop). Default: a temp dir removed on stop. */
  dir?: string;
  maxmemoryPolicy?: string;
}

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  /** SIGTERM, wait for exit, remove the temp dir if this helper made it. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or power cut would; the dir stays for `restart`. */
  kill9(): Promise<void>;
  /** Starts again on the same port and dir. */
  restart(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;
const running = new Set<ChildProcess>();
// A test run that dies half-way must not leave redis-servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts a real redis-server on a free port (never the machine's own 6379) and waits until it answers. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await findFreePort();
  const ownDir = options.dir === undefined ? await makeTempDir('handover-redis-') : undefined;
  const dir = options.dir ?? ownDir?.path ?? '';
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    ...(options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
    ...(options.maxmemoryPolicy ? ['--maxmemory-policy', options.maxmemoryPolicy] : []),
  ];
  let child: ChildProcess | undefined = await launch(args, port);

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const current = child;
    child = undefined;
    if (current) await killAndWait(current, signal);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      await terminate('SIGTERM');
      await ownDir?.remove();
    },
    kill9: () => terminate('SIGKILL'),
    async restart() {
      if (child) throw new Error(`redis-server on port ${port} is still running`);
      child = await launch(args, port);
    },
  };
}

async function launch(args: string[], port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await killAndWait(child, 'SIGKILL');
      throw new Error(`redis-server on port ${port} did not start:\n${output}`);
    }
    await sleep(10);
  }
  return child;
}

/** True once the server replies +PONG (not -LOADING while it replays its AOF). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const finish = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

async function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** Asks the OS for a free port (port 0), then releases it for redis-server to take. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string' || address.port === 6379) {
    throw new Error('Could not find a free port');
  }
  return address.port;
}
