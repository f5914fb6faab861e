// Posts a realistic queue at one ED through the public API, to look at the board by eye.
// Usage: node scripts/seed-board.mjs <demo-credentials.json> [waiting count, default 5] [site, default RRK15]
// The credentials file is the one the server writes in demo mode (DEMO_CREDENTIALS_FILE).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [credentialsFile, countText = '5', siteCode = 'RRK15'] = process.argv.slice(2);
if (credentialsFile === undefined) {
  console.error('Usage: node scripts/seed-board.mjs <demo-credentials.json> [count] [site]');
  process.exit(2);
}
const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8'));
const base = credentials.baseUrl;
const ed = credentials.busySiteEd.token;
const feed = credentials.simulatorFeed.token;
const control = credentials.ambulanceControl.token;
const MINUTE = 60_000;
const now = Date.now();
const ago = (minutes) => new Date(now - minutes * MINUTE).toISOString();

async function post(token, event) {
  const response = await fetch(`${base}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  if (!response.ok) throw new Error(`${event.type} refused: ${response.status} ${await response.text()}`);
}

let serial = 100;
async function arrive(minutesAgo, extra = {}) {
  const handoverId = randomUUID();
  serial += 7;
  await post(ed, {
    type: 'arrived',
    eventId: randomUUID(),
    handoverId,
    at: ago(minutesAgo),
    siteCode,
    ambulanceTrustCode: extra.trust ?? (serial % 5 === 0 ? 'RX9' : 'RYA'),
    callsign: extra.callsign ?? `${serial % 5 === 0 ? 'EM' : 'WM'}${serial}`,
    category: extra.category ?? (serial % 4) + 1,
  });
  return handoverId;
}

const count = Number(countText);
// The five bands: on target, over 15, over 30, release due, over 60.
const ages = [5, 16, 31, 46, 61];
for (let i = ages.length; i < count; i++) ages.push(1 + ((i * 37) % 85));
const ids = [];
for (const minutes of ages.slice(0, count)) ids.push(await arrive(minutes));

// Control asks for the release of the crew waiting 46 minutes.
if (ids[3] !== undefined)
  await post(control, { type: 'release_requested', eventId: randomUUID(), handoverId: ids[3], at: ago(1) });

// A cohorted patient: the crew cleared, the clock still runs.
const cohorted = await arrive(24, { callsign: 'WM201' });
await post(ed, { type: 'cleared', eventId: randomUUID(), handoverId: cohorted, at: ago(9) });

// Handed over, crew not yet clear, crew and ED stamps 8 minutes apart: disputed.
const disputed = await arrive(38, { callsign: 'WM305' });
await post(feed, {
  type: 'handed_over',
  eventId: randomUUID(),
  handoverId: disputed,
  at: ago(30),
  by: 'crew',
});
await post(ed, { type: 'handed_over', eventId: randomUUID(), handoverId: disputed, at: ago(22), by: 'ed' });

// Done earlier today: counts towards today's figures, not on the board.
for (const [arrived, handed] of [
  [180, 170],
  [150, 128],
  [120, 111],
]) {
  const id = await arrive(arrived);
  await post(ed, { type: 'handed_over', eventId: randomUUID(), handoverId: id, at: ago(handed), by: 'ed' });
  await post(ed, { type: 'cleared', eventId: randomUUID(), handoverId: id, at: ago(handed - 5) });
}

// Two pre-alerts on their way.
for (const [callsign, inMinutes] of [
  ['WM412', 7],
  ['WM418', 16],
]) {
  await post(feed, {
    type: 'eta',
    eventId: randomUUID(),
    handoverId: randomUUID(),
    at: ago(2),
    siteCode,
    ambulanceTrustCode: 'RYA',
    callsign,
    category: 2,
    expectedAt: new Date(now + inMinutes * MINUTE).toISOString(),
  });
}
console.log(`Seeded ${count} waiting ambulances at ${siteCode} on ${base}`);
