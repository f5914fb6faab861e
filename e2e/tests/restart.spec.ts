import { makeTempDir, type TempDir } from '@handover/store/test-support';
import { Api, arrival, minutesAgo } from '../support/api';
import { banner, kioskUrl, openLive, row, rowIds } from '../support/board';
import { createCredentialWithCli, type ServerProcess, startServer } from '../support/server';
import { expect, test, WEBSOCKET_REFUSED } from '../support/test';

/**
 * A graceful restart (SIGTERM, then start again on the same port and DATA_DIR). Outside demo mode, with
 * a credential made by the `credentials` command before the first start: a demo restart on the file
 * store would revoke the board's credential.
 */
test.describe('server restart on the file store', () => {
  let dir: TempDir;
  let server: ServerProcess | undefined;
  let edToken: string;

  test.beforeAll(async () => {
    dir = await makeTempDir('handover-e2e-restart-');
    edToken = await createCredentialWithCli({
      dataDir: dir.path,
      role: 'ed',
      scope: 'sites:RRK15',
      label: 'e2e restart board',
    });
    server = await startServer({ demo: false, dataDir: dir.path });
  });

  test.afterAll(async () => {
    await server?.dispose();
    await dir?.remove();
  });

  test('the board shows reconnecting, then live, with no row lost or doubled', async ({
    page,
    consoleWatch,
  }) => {
    if (server === undefined) throw new Error('no server');
    consoleWatch.allow(WEBSOCKET_REFUSED);
    const api = new Api(server.url);
    const posted = [arrival({ at: minutesAgo(12) }), arrival({ at: minutesAgo(5) }), arrival()];
    for (const event of posted) await api.record(edToken, event);

    await openLive(page, kioskUrl(server.url, '/board/RRK15', edToken));
    for (const event of posted) await expect(row(page, event.handoverId)).toBeVisible();
    const before = await rowIds(page);
    expect(new Set(before).size).toBe(before.length);
    expect(before.sort()).toEqual(posted.map((event) => event.handoverId).sort());

    expect(await server.terminate()).toBe(0);
    await expect(banner(page)).not.toHaveAttribute('data-state', 'live');
    await expect(banner(page)).toHaveAttribute('data-state', /reconnecting|connecting/);
    // The rows stay on screen (marked as not live) while the server is away.
    expect((await rowIds(page)).sort()).toEqual(before);

    await server.restart();
    await expect(banner(page)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    const after = await rowIds(page);
    expect(after.length, 'rows after the restart (no duplicates)').toBe(new Set(after).size);
    expect(after.sort()).toEqual(before);

    // And it is live again: a new event shows up.
    const next = arrival();
    await api.record(edToken, next);
    await expect(row(page, next.handoverId)).toBeVisible();
    const final = await rowIds(page);
    expect(final.length).toBe(new Set(final).size);
    expect(final.sort()).toEqual([...before, next.handoverId].sort());
  });
});
