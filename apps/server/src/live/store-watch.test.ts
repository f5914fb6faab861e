import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openRedisEventStore, type RedisEventStore } from '@handover/store';
import { type RedisServer, startRedisServer } from '@handover/store/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/live-test-client';
import { StoreAvailability, watchStore } from './store-watch';

describe('store availability (from ping results and their times)', () => {
  it('rides out failures shorter than the grace period', () => {
    const availability = new StoreAvailability(1_000);
    expect(availability.observe(false, 0)).toBeUndefined();
    expect(availability.observe(false, 999)).toBeUndefined();
    expect(availability.observe(true, 1_200)).toBeUndefined();
    // A success restarts the clock: these failures are new.
    expect(availability.observe(false, 1_500)).toBeUndefined();
    expect(availability.observe(false, 2_400)).toBeUndefined();
    expect(availability.available).toBe(true);
  });

  it('is down once failing for the whole grace period, said once; back at the first success, said once', () => {
    const availability = new StoreAvailability(1_000);
    expect(availability.observe(false, 0)).toBeUndefined();
    expect(availability.observe(false, 1_000)).toBe(false);
    expect(availability.observe(false, 5_000)).toBeUndefined();
    expect(availability.available).toBe(false);
    expect(availability.observe(true, 5_250)).toBe(true);
    expect(availability.observe(true, 5_500)).toBeUndefined();
    expect(availability.available).toBe(true);
  });
});

describe('watching a real Redis store', () => {
  let redis: RedisServer;
  let store: RedisEventStore;
  const changes: boolean[] = [];
  let stop: () => void;

  beforeAll(async () => {
    redis = await startRedisServer();
    // Its commands time out after 1 s (5 s by default), so a hung Redis shows quickly here.
    store = await openRedisEventStore({ url: redis.url, commandTimeoutMs: 1_000 });
    stop = watchStore({ ping: () => store.ping(), onChange: (available) => changes.push(available) });
  });
  afterAll(async () => {
    stop();
    await store.close();
    await redis.stop();
  });

  it('says down when Redis is killed and back when it restarts, nothing in between', async () => {
    await redis.kill9();
    await eventually(() => changes.length === 1, 'the store reported down', 5_000);
    expect(changes).toEqual([false]);
    await redis.restart();
    await eventually(() => changes.length === 2, 'the store reported back', 10_000);
    expect(changes).toEqual([false, true]);
  }, 20_000);

  it('says down when Redis is up but stops answering (a hung server), and back when it answers', async () => {
    changes.length = 0;
    // A script that holds Redis for 4 s: every other command, PING included, waits for it.
    const hold = `local t = redis.call('TIME'); local stop = t[1] * 1000000 + t[2] + 4000000
      repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] >= stop`;
    await promisify(execFile)('redis-cli', ['-p', String(redis.port), 'EVAL', hold, '0']);
    await eventually(() => changes.length === 2, 'down, then back', 10_000);
    expect(changes).toEqual([false, true]);
  }, 20_000);
});
