import { type RedisServer, startRedisServer } from '@handover/store/test-support';
import { Api, arrival, minutesAgo } from '../support/api';
import { banner, kioskUrl, openLive, recordRowAppearances, row, rowIds, rowSeenAt } from '../support/board';
import { type BalancerProxy, startBalancerProxy } from '../support/proxy';
import { type ServerProcess, startServer } from '../support/server';
import { expect, test, WEBSOCKET_REFUSED } from '../support/test';

/**
 * Two server instances sharing one real redis-server (AOF, fsync always), behind a small balancer
 * proxy. Every instance reads the shared stream, so a board on one sees what the other accepts; when
 * one dies the same page reconnects through the balancer to the other and resumes.
 */
test.describe('two instances on Redis', () => {
  let redis: RedisServer | undefined;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let proxy: BalancerProxy | undefined;

  test.beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true });
    const redisUrl = redis.url;
    [a, b] = await Promise.all([startServer({ redisUrl }), startServer({ redisUrl })]);
    proxy = await startBalancerProxy(a.url);
  });

  test.afterAll(async () => {
    await proxy?.close();
    await Promise.all([a?.dispose(), b?.dispose()]);
    await redis?.stop();
  });

  const running = () => {
    if (a === undefined || b === undefined || proxy === undefined) throw new Error('setup failed');
    return { a, b, proxy };
  };

  test('a board on instance A shows an event posted to instance B within 1 second', async ({
    page,
  }, testInfo) => {
    const { a, b, proxy } = running();
    expect(proxy.target).toBe(a.url);
    await recordRowAppearances(page);
    // On Redis every instance sees every credential: A's demo tokens work on B.
    await openLive(page, kioskUrl(proxy.url, '/board/RRK15', a.tokens.busySiteEd));
    const onB = new Api(b.url);
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const event = arrival();
      const posted = await onB.record(a.tokens.simulatorFeed, event);
      await expect(row(page, event.handoverId)).toBeVisible();
      latencies.push(Math.max(0, (await rowSeenAt(page, event.handoverId)) - posted.answeredAt));
    }
    testInfo.annotations.push({ type: 'cross-instance-latency-ms', description: latencies.join(',') });
    console.log(
      `cross-instance latency, POST to B answered to row visible via A (ms): ${latencies.join(', ')}`,
    );
    for (const latency of latencies) expect(latency).toBeLessThan(1_000);
  });

  test('A is killed (-9): the same page reconnects through the balancer to B, no row lost or doubled', async ({
    page,
    consoleWatch,
  }, testInfo) => {
    const { a, b, proxy } = running();
    consoleWatch.allow(WEBSOCKET_REFUSED);
    const answers: string[] = [];
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        const type = /^\{"type":"(\w+)"/.exec(String(payload))?.[1];
        if (type === 'snapshot' || type === 'resumed') answers.push(type);
      });
    });
    await openLive(page, kioskUrl(proxy.url, '/board/RRK15', a.tokens.busySiteEd));
    const onA = new Api(a.url);
    const onB = new Api(b.url);
    const token = a.tokens.simulatorFeed;
    const posted = [arrival({ at: minutesAgo(9) }), arrival({ at: minutesAgo(3) }), arrival()];
    await onA.record(token, posted[0] ?? arrival());
    await onB.record(token, posted[1] ?? arrival());
    await onA.record(token, posted[2] ?? arrival());
    for (const event of posted) await expect(row(page, event.handoverId)).toBeVisible();
    const before = (await rowIds(page)).sort();
    expect(before.length).toBe(new Set(before).size);

    await a.kill9();
    await expect(banner(page)).toHaveAttribute('data-state', /reconnecting|connecting/);
    // Accepted by B while the board is cut off: it must arrive with the resume.
    const missed = arrival({ at: minutesAgo(1) });
    await onB.record(token, missed);
    // The balancer notices A is gone and sends new connections to B.
    proxy.switchTo(b.url);

    await expect(banner(page)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expect(row(page, missed.handoverId)).toBeVisible();
    const after = await rowIds(page);
    expect(after.length, 'rows after failing over (no duplicates)').toBe(new Set(after).size);
    expect(after.sort()).toEqual([...before, missed.handoverId].sort());

    const next = arrival();
    await onB.record(token, next);
    await expect(row(page, next.handoverId)).toBeVisible();
    const final = await rowIds(page);
    expect(final.length).toBe(new Set(final).size);
    expect(final.sort()).toEqual([...before, missed.handoverId, next.handoverId].sort());
    testInfo.annotations.push({ type: 'live-answers', description: answers.join(',') });
  });
});
