import { type RedisServer, startRedisServer } from '@handover/store/test-support';
import { Api, arrival, minutesAgo } from '../support/api';
import { banner, kioskUrl, openLive, row, rowIds } from '../support/board';
import { type ServerProcess, startServer } from '../support/server';
import { expect, test } from '../support/test';

/**
 * A server on a real redis-server (AOF, fsync always) whose Redis is killed (-9) under an open board:
 * the board says it is reconnecting because recording is paused (not "live", not "check the network"),
 * keeps its rows, and goes back to live by itself once Redis is restarted, with what was recorded
 * since shown once.
 */
test.describe('Redis outage under an open board', () => {
  let redis: RedisServer | undefined;
  let server: ServerProcess | undefined;

  test.beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true });
    server = await startServer({ redisUrl: redis.url });
  });

  test.afterAll(async () => {
    await server?.dispose();
    await redis?.stop();
  });

  test('shows "reconnecting, recording paused" while Redis is down, then live again with a new event', async ({
    page,
  }) => {
    if (redis === undefined || server === undefined) throw new Error('setup failed');
    const api = new Api(server.url);
    const feed = server.tokens.simulatorFeed;
    const posted = [arrival({ at: minutesAgo(7) }), arrival()];
    for (const event of posted) await api.record(feed, event);
    await openLive(page, kioskUrl(server.url, '/board/RRK15', server.tokens.busySiteEd));
    for (const event of posted) await expect(row(page, event.handoverId)).toBeVisible();
    const before = (await rowIds(page)).sort();
    expect(before).toEqual(posted.map((event) => event.handoverId).sort());
    let attempts = 0;
    page.on('websocket', () => {
      attempts += 1;
    });

    await redis.kill9();
    await expect(banner(page)).toHaveAttribute('data-state', 'reconnecting', { timeout: 10_000 });
    await expect(banner(page)).toContainText('Reconnecting — recording paused');
    await expect(banner(page)).toContainText('The server cannot record events right now');
    // Its retries are turned away too, and it keeps saying so (and keeps its rows).
    await expect.poll(() => attempts, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await expect(banner(page)).toHaveAttribute('data-state', 'reconnecting');
    await expect(banner(page)).toContainText('recording paused');
    expect((await rowIds(page)).sort()).toEqual(before);

    await redis.restart();
    await expect(banner(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    const next = arrival();
    await api.record(feed, next);
    await expect(row(page, next.handoverId)).toBeVisible();
    const after = await rowIds(page);
    expect(after.length, 'rows after the outage (no duplicates)').toBe(new Set(after).size);
    expect(after.sort()).toEqual([...before, next.handoverId].sort());
  });
});
