import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type RedisServer, startRedisServer } from '@handover/store/test-support';
import { Redis } from 'ioredis';
import type { ServerProcess } from '../../apps/server/src/test-support/server-process';
import type { BaselineApi } from '../baseline-broadcast';
import { RpcChild } from './rpc';

export const STREAM_KEY = 'handover:events';

/** What the bench runs against: product instances on the file store or on Redis, or the baseline. */
export type DeploymentKind = 'file' | 'redis' | 'baseline';

export interface Instance {
  label: string;
  pid: number;
  wsUrl: string;
  /** The product's API, or the baseline's bare ingest (the baseline's delivery is fed straight through Redis). */
  httpUrl: string;
  server?: ServerProcess;
}

export interface Deployment {
  kind: DeploymentKind;
  instances: Instance[];
  redis?: { server: RedisServer; pid: number };
  /** Demo credentials of the first instance (every instance shares the store, so any one works). */
  tokens: { viewer: string; feed: string };
  /** Process ids to sample, by label. */
  pids(): Record<string, number>;
  dispose(): Promise<void>;
}

export interface DeploymentOptions {
  kind: DeploymentKind;
  instances: number;
  /** Extra server environment (NODE_OPTIONS for profiles, WEB_DIR for the browser). */
  env?: Record<string, string>;
  /** Runs after Redis starts and before any instance does (to fill the stream, say). */
  beforeInstances?: (redisUrl: string) => Promise<void>;
}

type ServerProcessModule = typeof import('../../apps/server/src/test-support/server-process');

/**
 * The server under test: apps/server, or BENCH_SERVER_DIR (`run.ts --server-dir=`), a copy of it with a
 * candidate change, so a fix can be measured the same way before it is applied.
 */
function serverProcessModule(): Promise<ServerProcessModule> {
  const dir = process.env.BENCH_SERVER_DIR;
  return dir
    ? (import(
        pathToFileURL(join(dir, 'src/test-support/server-process.ts')).href
      ) as Promise<ServerProcessModule>)
    : import('../../apps/server/src/test-support/server-process');
}

/** The bench sends far beyond a feed's normal rate limit on purpose. */
const BENCH_SERVER_ENV = { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '1000000', LOG_LEVEL: 'warn' };

/** Starts Redis (AOF, appendfsync always) when needed, then the instances, in parallel. */
export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const redis = options.kind === 'file' ? undefined : await startRedisServer({ appendOnly: true });
  const cleanups: (() => Promise<void>)[] = [];
  if (redis !== undefined) cleanups.push(() => redis.stop());
  const dispose = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const redisPid = redis === undefined ? undefined : await redisProcessId(redis.url);
    if (redis !== undefined) await options.beforeInstances?.(redis.url);
    const instances =
      options.kind === 'baseline'
        ? await startBaselines(options.instances, redis?.url ?? '', cleanups)
        : await startServers(options, redis?.url, cleanups);
    const first = instances[0]?.server?.credentials;
    return {
      kind: options.kind,
      instances,
      ...(redis !== undefined && redisPid !== undefined ? { redis: { server: redis, pid: redisPid } } : {}),
      tokens: { viewer: first?.englandViewer.token ?? 'baseline', feed: first?.simulatorFeed.token ?? '' },
      pids: () => {
        const pids: Record<string, number> = {};
        for (const instance of instances) pids[instance.label] = instance.pid;
        if (redisPid !== undefined) pids.redis = redisPid;
        return pids;
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function startServers(
  options: DeploymentOptions,
  redisUrl: string | undefined,
  cleanups: (() => Promise<void>)[],
): Promise<Instance[]> {
  const env = { ...BENCH_SERVER_ENV, ...(redisUrl ? { REDIS_URL: redisUrl } : {}), ...options.env };
  const { startServerProcess } = await serverProcessModule();
  const servers = await Promise.all(
    Array.from({ length: options.instances }, async (_, i) => {
      const server = await startServerProcess({ env: { ...env, INSTANCE_ID: `bench-${i + 1}` } });
      // SIGTERM first: a graceful exit is what writes a --cpu-prof profile.
      cleanups.push(async () => {
        if (server.running) await server.terminate();
        await server.dispose();
      });
      return server;
    }),
  );
  return servers.map((server, i) => ({
    label: `instance ${String.fromCharCode(65 + i)}`,
    pid: server.pid,
    wsUrl: `${server.url.replace('http://', 'ws://')}/ws`,
    httpUrl: server.url,
    server,
  }));
}

async function startBaselines(
  count: number,
  redisUrl: string,
  cleanups: (() => Promise<void>)[],
): Promise<Instance[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const child = RpcChild.fork<BaselineApi>('baseline-broadcast.ts');
      cleanups.push(() => child.stop());
      const { port } = await child.call('start', { redisUrl, streamKey: STREAM_KEY });
      return {
        label: `baseline ${String.fromCharCode(65 + i)}`,
        pid: child.pid,
        wsUrl: `ws://127.0.0.1:${port}/ws`,
        httpUrl: `http://127.0.0.1:${port}`,
      };
    }),
  );
}

async function redisProcessId(url: string): Promise<number> {
  const client = new Redis(url);
  try {
    const info = await client.info('server');
    return Number(/process_id:(\d+)/.exec(info)?.[1] ?? Number.NaN);
  } finally {
    client.disconnect();
  }
}

/** Runs `body` with a short-lived Redis connection. */
export async function withRedis<T>(url: string, body: (redis: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url);
  try {
    return await body(client);
  } finally {
    client.disconnect();
  }
}
