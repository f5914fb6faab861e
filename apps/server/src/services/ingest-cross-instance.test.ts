import { setTimeout as sleep } from 'node:timers/promises';
import { type RedisServer, redisCall, startRedisServer } from '@handover/store/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrival, follow } from '../test-support/events-factory';
import { type ServerProcess, startServerProcess } from '../test-support/server-process';

/*
 * Read-your-writes across instances, with real processes on a real Redis: once instance A has
 * acknowledged an arrival, its follow-up is accepted by instance B, even when B has not read the
 * arrival from the stream yet (it waits for its projection to catch up instead of answering 422).
 */

const MIN = 60_000;
const UNLIMITED = { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '1000000' };
/** The connection name of every instance's stream reader (see the Redis store). */
const READER_NAME = 'handover-store-reader';

interface Answer {
  status: number;
  body: { state?: string; error?: { code?: string } };
}

async function post(server: ServerProcess, event: object): Promise<Answer> {
  const response = await fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.credentials.simulatorFeed.token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** Ids of the stream reader connections on Redis now. */
async function readerIds(redis: RedisServer): Promise<string[]> {
  const list = String(await redisCall(redis.url, 'CLIENT', 'LIST'));
  return list
    .split('\n')
    .filter((line) => line.includes(` name=${READER_NAME} `))
    .flatMap((line) => /^id=(\d+) /.exec(line)?.[1] ?? []);
}

describe('read-your-writes across two instances on one Redis', () => {
  let redis: RedisServer | undefined;
  let a: ServerProcess;
  let b: ServerProcess;
  let readersOfA: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true });
    const env = { ...UNLIMITED, REDIS_URL: redis.url };
    // One after the other, so the reader connections on Redis tell A's from B's.
    a = await startServerProcess({ env });
    readersOfA = await readerIds(redis);
    b = await startServerProcess({ env });
  }, 40_000);
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await redis?.stop();
  });

  /** An arrival through A, then at once its handover through B; B's answer. */
  async function arrivalToAThenHandoverToB(): Promise<Answer> {
    const arrived = arrival(Date.now() - 10 * MIN);
    const atA = await post(a, arrived);
    expect(atA.status).toBe(201);
    return post(b, follow(arrived.handoverId, 'handed_over', Date.now() - MIN, { by: 'ed' }));
  }

  function withOutput(error: unknown): unknown {
    if (error instanceof Error) error.message += `\n--- A ---\n${a.output()}\n--- B ---\n${b.output()}`;
    return error;
  }

  it('200 times in a row, B accepts the handover of an arrival A has just acknowledged', async () => {
    try {
      const answers: Answer[] = [];
      for (let round = 0; round < 200; round++) answers.push(await arrivalToAThenHandoverToB());
      expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
    } catch (error) {
      throw withOutput(error);
    }
  }, 60_000);

  it("B accepts it even while its stream reader is cut off and behind A's acknowledgement", async () => {
    try {
      const answers: Answer[] = [];
      for (let round = 0; round < 10; round++) {
        // B's reader reconnects after about 100 ms: until then its projection misses every new event.
        const readersOfB = (await readerIds(redis as RedisServer)).filter((id) => !readersOfA.includes(id));
        expect(readersOfB).toHaveLength(1);
        await redisCall(redis?.url ?? '', 'CLIENT', 'KILL', 'ID', readersOfB[0] ?? '');
        answers.push(await arrivalToAThenHandoverToB());
        // Let the reader settle before cutting it again.
        await sleep(200);
      }
      expect(answers).toEqual(
        answers.map(() => ({ status: 201, body: expect.objectContaining({ state: 'handed_over' }) })),
      );
    } catch (error) {
      throw withOutput(error);
    }
  }, 60_000);
});
