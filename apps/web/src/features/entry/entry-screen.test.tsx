import type { Handover } from '@handover/domain';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINUTE, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { directoryFixture } from '../../test-support/organisations-fixture';

const NOW = T0 + 3_600_000;
const HOUR = 60 * MINUTE;
const control = { credentialId: 'c', role: 'control', label: 'RYA control room' };

/** Each test gets fresh modules: the page's outbox and stores are per page, like a reload. */
async function renderEntry(
  fetchImpl: typeof fetch,
  handovers: Handover[] = [waitingHandover('a', NOW - 20 * 60_000, { callsign: 'WM777' })],
) {
  vi.stubGlobal('fetch', fetchImpl);
  localStorage.setItem('handover.credential', 'hvt_test');
  const { liveStore } = await import('../../stores/live-store');
  const { organisationsStore } = await import('../../stores/organisations-store');
  const { EntryScreen } = await import('./entry-screen');
  organisationsStore.setState({ status: 'ready', directory: directoryFixture });
  liveStore.getState().reset('entry-test');
  liveStore.getState().snapshot(handovers, '1-0', NOW, NOW);
  render(<EntryScreen siteCode="RRK15" />);
  return { liveStore };
}

const outboxCount = () => screen.getByTestId('outbox-count');
const callsigns = () =>
  screen.getAllByTestId('entry-row').map((row) => row.querySelector('.entry-row__callsign')?.textContent);
/** What a screen reader reads after a field's name: the elements its aria-describedby lists. */
const description = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
const created = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } });

describe('entry page', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('records an arrival while offline, shows it waiting to send, then sends it once with the same eventId', async () => {
    const bodies: unknown[] = [];
    let online = false;
    await renderEntry(async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      if (!online) throw new TypeError('Failed to fetch');
      return created({ outcome: 'accepted' });
    });

    fireEvent.change(screen.getByLabelText('Callsign'), { target: { value: 'wm123' } });
    fireEvent.click(screen.getByLabelText('2'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Record arrival' }));
    });

    expect(outboxCount().textContent).toBe('1 waiting to send');
    expect(outboxCount().dataset.count).toBe('1');
    const rows = screen.getAllByTestId('entry-row');
    const arrival = rows.find((row) => row.textContent?.includes('WM123'));
    expect(arrival?.textContent).toContain('Not sent yet');
    // Saved on the device before anything was sent.
    expect(localStorage.getItem('handover.outbox.v1')).toContain('WM123');

    online = true;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send now' }));
    });
    expect(outboxCount().textContent).toBe('All sent');
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[0]).toMatchObject({
      type: 'arrived',
      siteCode: 'RRK15',
      ambulanceTrustCode: 'RYA',
      callsign: 'WM123',
      category: 2,
      at: new Date(NOW).toISOString(),
    });
  });

  it('lists records open for over a day after today’s, under their own heading, and counts only arrivals as at the ED', async () => {
    await renderEntry(
      async () => created({ outcome: 'accepted' }),
      [
        // Three days old: still within the amendment window, so still open to a fix.
        waitingHandover('days-old', NOW - 72 * HOUR, { callsign: 'ORD1' }),
        waitingHandover('a', NOW - 20 * MINUTE, { callsign: 'WM777' }),
        waitingHandover('pre-alert', NOW, {
          callsign: 'AUD6',
          state: 'inbound',
          arrivedAt: undefined,
          expectedAt: NOW + 10 * MINUTE,
        }),
      ],
    );
    expect(screen.getByRole('heading', { name: /^At the ED now/ }).textContent).toBe('At the ED now 1');
    expect(screen.getByRole('heading', { name: /^Expected \(pre-alerts\)/ }).textContent).toBe(
      'Expected (pre-alerts) 1',
    );
    expect(screen.getByRole('heading', { name: /^Older than 24 hours: check these records/ })).toBeDefined();
    expect(callsigns()).toEqual(['WM777', 'AUD6', 'ORD1']);
    // Still reachable for a fix.
    fireEvent.click(screen.getByRole('button', { name: /^Correct: ORD1/ }));
    expect(screen.getByRole('dialog', { name: 'Correct ORD1' }).textContent).toContain(
      'Recorded: 11:00 (9 Jan)',
    );
  });

  it('dates the times of a crew here since yesterday', async () => {
    await renderEntry(
      async () => created({ outcome: 'accepted' }),
      [
        waitingHandover('a', NOW - 20 * HOUR, {
          callsign: 'WM777',
          releaseRequests: [{ requestedAt: NOW - 19 * HOUR, requestedBy: control }],
        }),
      ],
    );
    const row = screen.getByTestId('entry-row');
    expect(row.textContent).toContain('Arrived 15:00 (11 Jan)');
    expect(row.textContent).toContain('Asked at 16:00 (11 Jan)');
  });

  it('shows the date when a typed time is read as yesterday’s', async () => {
    await renderEntry(async () => created({ outcome: 'accepted' }));
    fireEvent.change(screen.getByLabelText('Callsign'), { target: { value: 'WM5' } });
    // 11:30 at 11:00: later than now, so yesterday's.
    fireEvent.change(screen.getByLabelText('Arrived at'), { target: { value: '11:30' } });
    expect(screen.getByText('UK time. Later than now, so read as yesterday, 11 Jan')).toBeDefined();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Record arrival' }));
    });
    expect(screen.getByText('Arrival of WM5 at 11:30 (11 Jan) recorded.')).toBeDefined();
  });

  it('after a failed submit focuses a summary of the problems, each linked to its field and read with it', async () => {
    await renderEntry(async () => created({ outcome: 'accepted' }));
    fireEvent.change(screen.getByLabelText('Arrived at'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record arrival' }));

    const summary = screen.getByRole('alert', { name: 'There is a problem' });
    expect(document.activeElement).toBe(summary);
    const links = within(summary).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Enter the callsign: up to 16 letters or numbers (spaces, / and - allowed)',
      'Enter the arrival time as hours and minutes, like 14:05',
    ]);
    expect(description(screen.getByLabelText('Callsign'))).toBe(
      'Error: Enter the callsign: up to 16 letters or numbers (spaces, / and - allowed)',
    );
    const time = screen.getByLabelText('Arrived at');
    expect(description(time)).toBe('UK time Error: Enter the arrival time as hours and minutes, like 14:05');
    fireEvent.click(links[1] as HTMLElement);
    expect(document.activeElement).toBe(time);
  });

  it('stamps the ED’s handover and the crew clear with big buttons', async () => {
    const bodies: { type: string; by?: string; handoverId: string }[] = [];
    await renderEntry(async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return created({ outcome: 'accepted' });
    });
    const row = screen.getAllByTestId('entry-row').find((r) => r.dataset.handoverId === 'a');
    if (row === undefined) throw new Error('no row');
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: /^Handed over \(ED\)/ }));
    });
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: /^Crew clear/ }));
    });
    expect(bodies.map((b) => [b.type, b.by, b.handoverId])).toEqual([
      ['handed_over', 'ed', 'a'],
      ['cleared', undefined, 'a'],
    ]);
  });

  it('asks for a reason before saving a correction', async () => {
    const bodies: Record<string, unknown>[] = [];
    await renderEntry(async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return created({ outcome: 'accepted' });
    });
    fireEvent.click(screen.getByRole('button', { name: /^Correct: WM777/ }));
    const dialog = screen.getByRole('dialog', { name: 'Correct WM777' });
    fireEvent.change(within(dialog).getByLabelText('Correct arrival time'), { target: { value: '10:35' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save correction' }));
    expect(within(dialog).getByText('Enter why the recorded value was wrong')).toBeDefined();
    expect(bodies).toHaveLength(0);
    // Focus moves to the field to fix, which names its error for screen readers.
    const reason = within(dialog).getByLabelText('Reason');
    expect(document.activeElement).toBe(reason);
    expect(description(reason)).toBe(
      'Kept in the audit trail. No patient details. Error: Enter why the recorded value was wrong',
    );

    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Arrival pressed late' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save correction' }));
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bodies[0]).toMatchObject({
      type: 'corrected',
      handoverId: 'a',
      field: 'arrivedAt',
      value: '2026-01-12T10:35:00.000Z',
      reason: 'Arrival pressed late',
    });
  });

  it('shows a refusal with the server’s message', async () => {
    await renderEntry(
      async () =>
        new Response(
          JSON.stringify({ error: { code: 'ALREADY_CLEARED', message: 'The crew has already cleared' } }),
          {
            status: 409,
          },
        ),
    );
    const row = screen.getAllByTestId('entry-row').find((r) => r.dataset.handoverId === 'a');
    if (row === undefined) throw new Error('no row');
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: /^Crew clear/ }));
    });
    const refused = screen.getByTestId('refused-events');
    expect(refused.textContent).toContain('Crew clear of WM777');
    expect(refused.textContent).toContain('The crew has already cleared');
    expect(outboxCount().textContent).toBe('All sent');
  });
});
