import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { type RedisServer, startRedisServer } from '@handover/store/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStalls, type Stalls, StallWatch } from './stall-watch';

const STALL_WATCH = new URL('./stall-watch.ts', import.meta.url).href;

// A process whose every thread stops, as a paused machine's do: two windows, each closed on a line in.
const CHILD = `
const { StallWatch } = await import(${JSON.stringify(STALL_WATCH)});
const lines = (async function* () { let rest = ''; for await (const chunk of process.stdin) { rest += chunk; let i; while ((i = rest.indexOf('\\n')) >= 0) { yield rest.slice(0, i); rest = rest.slice(i + 1); } } })();
for (let window = 0; window < 2; window++) {
  const watch = await StallWatch.start();
  await new Promise((resolve) => setTimeout(resolve, 200));
  process.stdout.write('watching\\n');
  await lines.next();
  process.stdout.write(JSON.stringify(await watch.stop()) + '\\n');
}
process.exit(0);
`;

describe('StallWatch', () => {
  it('sees the whole process stopped, and starts each window afresh', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const replies = readLines(child.stdout);
    const window = async (pauseMs: number): Promise<Stalls> => {
      expect(await replies.next()).toEqual({ done: false, value: 'watching' });
      if (pauseMs > 0) {
        child.kill('SIGSTOP');
        await sleep(pauseMs);
        child.kill('SIGCONT');
      }
      await sleep(50);
      child.stdin.write('stop\n');
      const reply = await replies.next();
      return JSON.parse(String(reply.value)) as Stalls;
    };

    const paused = await window(400);
    const next = await window(0);
    await once(child, 'exit');

    expect(paused.machinePauseMs).toBeGreaterThanOrEqual(350);
    expect(paused.redis).toBeUndefined();
    expect(next.machinePauseMs).toBeLessThan(350);
  });

  describe('with Redis', { timeout: 20_000 }, () => {
    let redis: RedisServer;
    let client: Redis;
    beforeAll(async () => {
      redis = await startRedisServer();
      client = new Redis(redis.url);
    });
    afterAll(async () => {
      client.disconnect();
      await redis.stop();
    });

    it("reports what Redis's latency monitor saw during the window, and only that", async () => {
      const before = await StallWatch.start(redis.url);
      await busyScript(client, 400);
      expect((await before.stop()).redis?.command).toBeGreaterThanOrEqual(400);

      const watch = await StallWatch.start(redis.url);
      await busyScript(client, 200);
      const stalls = await watch.stop();

      // The 400 ms spike of the window before is gone: the window's own is what remains.
      expect(stalls.redis?.command).toBeGreaterThanOrEqual(200);
      expect(stalls.redis?.command).toBeLessThan(400);
      expect(describeStalls(stalls)).toContain(`Redis command ${stalls.redis?.command} ms`);

      const quiet = await (await StallWatch.start(redis.url)).stop();
      expect(quiet.redis).toEqual({});
    });
  });

  it('describes only what is notable', () => {
    expect(describeStalls(undefined)).toBe('');
    expect(describeStalls({ machinePauseMs: 12, redis: {} })).toBe('');
    expect(describeStalls({ machinePauseMs: 640, redis: { 'aof-fsync-always': 580 } })).toBe(
      'machine paused 640 ms, Redis aof-fsync-always 580 ms',
    );
  });
});

/** Keeps Redis busy in one command for `ms`, as a slow fsync or script would. */
async function busyScript(client: Redis, ms: number): Promise<void> {
  await client.eval(
    `local t = redis.call('TIME'); local start = t[1] * 1000000 + t[2]
     repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] - start >= tonumber(ARGV[1]) * 1000`,
    0,
    String(ms),
  );
}

async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of stream) {
    rest += String(chunk);
    for (let i = rest.indexOf('\n'); i >= 0; i = rest.indexOf('\n')) {
      yield rest.slice(0, i);
      rest = rest.slice(i + 1);
    }
  }
}
