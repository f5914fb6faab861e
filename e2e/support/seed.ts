import { randomUUID } from 'node:crypto';
import type { HandoverEvent } from '@handover/domain';
import { type Api, arrival, handedOver, iso, MINUTE_MS, minutesAgo, releaseRequested } from './api';
import type { DemoTokens } from './server';

/**
 * A realistic queue at one ED, posted through the API (as apps/web/scripts/seed-board.mjs does): one
 * ambulance in each band, a release request, a cohorted patient, a disputed handover, handovers done
 * earlier today and two pre-alerts. Returns the handover ids, waiting ones first.
 */
export async function seedBoard(api: Api, tokens: DemoTokens, siteCode = 'RRK15'): Promise<string[]> {
  const { busySiteEd: ed, simulatorFeed: feed, ambulanceControl: control } = tokens;
  const send = (token: string, event: HandoverEvent) => api.record(token, event);
  const arrive = async (minutes: number, callsign: string, trust = 'RYA') => {
    const event = arrival({ siteCode, at: minutesAgo(minutes), callsign, ambulanceTrustCode: trust });
    await send(ed, event);
    return event.handoverId;
  };

  const ids: string[] = [];
  const waiting: [number, string, string][] = [
    [5, 'WM107', 'RYA'],
    [16, 'WM114', 'RYA'],
    [31, 'EM121', 'RX9'],
    [46, 'WM128', 'RYA'],
    [61, 'WM135', 'RYA'],
  ];
  for (const [minutes, callsign, trust] of waiting) ids.push(await arrive(minutes, callsign, trust));
  // Control asks for the release of the crew waiting 46 minutes.
  await send(control, releaseRequested(ids[3] ?? '', minutesAgo(1)));

  // Cohorted: the crew cleared, the patient's clock still runs.
  const cohorted = await arrive(24, 'WM201');
  await send(ed, { type: 'cleared', eventId: randomUUID(), handoverId: cohorted, at: minutesAgo(9) });
  ids.push(cohorted);

  // Handed over, crew not clear yet, crew and ED stamps 8 minutes apart: disputed.
  const disputed = await arrive(38, 'WM305');
  await send(feed, handedOver(disputed, 'crew', minutesAgo(30)));
  await send(ed, handedOver(disputed, 'ed', minutesAgo(22)));
  ids.push(disputed);

  // Done earlier today: in today's figures, off the board.
  for (const [arrived, handed] of [
    [180, 170],
    [150, 128],
    [120, 111],
  ] as const) {
    const id = await arrive(arrived, `WM${400 + arrived}`);
    await send(ed, handedOver(id, 'ed', minutesAgo(handed)));
    await send(ed, { type: 'cleared', eventId: randomUUID(), handoverId: id, at: minutesAgo(handed - 5) });
  }

  // Two pre-alerts on their way.
  for (const [callsign, inMinutes] of [
    ['WM412', 7],
    ['WM418', 16],
  ] as const) {
    await send(feed, {
      type: 'eta',
      eventId: randomUUID(),
      handoverId: randomUUID(),
      at: minutesAgo(2),
      siteCode,
      ambulanceTrustCode: 'RYA',
      callsign,
      category: 2,
      expectedAt: iso(Date.now() + inMinutes * MINUTE_MS),
    });
  }
  return ids;
}
