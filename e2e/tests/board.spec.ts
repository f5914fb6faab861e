import { arrival, handedOver, minutesAgo } from '../support/api';
import {
  figureValue,
  kioskUrl,
  openLive,
  recordRowAppearances,
  row,
  rowIds,
  rowSeenAt,
} from '../support/board';
import { expect, test } from '../support/test';

test.describe('ED wall display /board/RRK15', () => {
  test('an event posted through the API appears on the board within 1 second', async ({
    page,
    shared,
    api,
  }, testInfo) => {
    await recordRowAppearances(page);
    await openLive(page, kioskUrl(shared.url, '/board/RRK15', shared.tokens.busySiteEd));

    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const event = arrival();
      const posted = await api.record(shared.tokens.simulatorFeed, event);
      const shown = row(page, event.handoverId);
      await expect(shown).toBeVisible({ timeout: 5_000 });
      await expect(shown).toContainText(event.callsign);
      // From the POST's answer to the row on screen, timed in the page. The live event may even beat
      // the HTTP answer (the server answers after applying it): that counts as 0.
      latencies.push(Math.max(0, (await rowSeenAt(page, event.handoverId)) - posted.answeredAt));
    }
    testInfo.annotations.push({ type: 'board-latency-ms', description: latencies.join(',') });
    console.log(`board latency, POST answer to row visible (ms): ${latencies.join(', ')}`);
    for (const latency of latencies) expect(latency, 'POST answer to row visible (ms)').toBeLessThan(1_000);
  });

  test('arrivals 16 and 61 minutes old show "Over 15 min" and "Over 60 min", with their icons', async ({
    page,
    shared,
    api,
  }) => {
    await openLive(page, kioskUrl(shared.url, '/board/RRK15', shared.tokens.busySiteEd));
    const sixteen = arrival({ at: minutesAgo(16) });
    const sixtyOne = arrival({ at: minutesAgo(61) });
    await api.record(shared.tokens.simulatorFeed, sixteen);
    await api.record(shared.tokens.simulatorFeed, sixtyOne);

    const amber = row(page, sixteen.handoverId);
    await expect(amber).toHaveAttribute('data-band', 'over_15');
    await expect(amber.locator('.handover-row__band')).toHaveText('Over 15 min');
    await expect(amber.locator('.handover-row__flag svg')).toHaveAttribute('data-icon', 'clock');
    await expect(amber.locator('.handover-row__flag svg')).toBeVisible();
    await expect(amber.locator('.handover-row__clock')).toContainText(/16:\d\d/);

    const critical = row(page, sixtyOne.handoverId);
    await expect(critical).toHaveAttribute('data-band', 'over_60');
    await expect(critical.locator('.handover-row__band')).toHaveText('Over 60 min');
    await expect(critical.locator('.handover-row__flag svg')).toHaveAttribute('data-icon', 'siren');
    await expect(critical.locator('.handover-row__flag svg')).toBeVisible();
    await expect(critical.locator('.handover-row__clock')).toContainText(/1:01:\d\d/);

    // Longest waits first.
    const order = await rowIds(page);
    expect(order.indexOf(sixtyOne.handoverId)).toBeLessThan(order.indexOf(sixteen.handoverId));
  });

  test("a crew's handover stamp takes the ambulance off 'Waiting now'", async ({ page, shared, api }) => {
    await openLive(page, kioskUrl(shared.url, '/board/RRK15', shared.tokens.busySiteEd));
    const event = arrival({ at: minutesAgo(20) });
    await api.record(shared.tokens.simulatorFeed, event);
    const shown = row(page, event.handoverId);
    await expect(shown).toHaveAttribute('data-state', 'waiting');

    // 'Waiting now' counts exactly the rows whose clock runs, this one included.
    const waitingRows = page.locator(
      '[data-testid="handover-row"][data-state="waiting"], [data-testid="handover-row"][data-state="cohorted"]',
    );
    const before = await waitingRows.count();
    await expect.poll(() => figureValue(page, 'figure-waiting')).toBe(String(before));

    await api.record(shared.tokens.simulatorFeed, handedOver(event.handoverId, 'crew'));

    // Still at the door until the crew clears, but shown as handed over and no longer counted.
    await expect(shown).toHaveAttribute('data-state', 'handed_over');
    await expect(shown).toHaveClass(/handover-row--handed-over/);
    await expect(shown.locator('.handover-row__marks')).toContainText(/Handed over \d\d:\d\d/);
    await expect(waitingRows).toHaveCount(before - 1);
    await expect.poll(() => figureValue(page, 'figure-waiting')).toBe(String(before - 1));
    // Handed-over crews come after everyone still waiting.
    const order = await rowIds(page);
    const waitingIds = await waitingRows.evaluateAll((rows) =>
      rows.map((element) => element.getAttribute('data-handover-id')),
    );
    for (const id of waitingIds) {
      expect(order.indexOf(id ?? '')).toBeLessThan(order.indexOf(event.handoverId));
    }
  });
});
