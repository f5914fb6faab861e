import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINUTE, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { directoryFixture } from '../../test-support/organisations-fixture';

const NOW = T0 + 3_600_000;
const control = { credentialId: 'c', role: 'control', label: 'Demo: RYA control room' };

/** Fresh modules per test: the page's outbox and stores are per page, like a reload. */
async function renderEntry(fetchImpl: typeof fetch) {
  vi.stubGlobal('fetch', fetchImpl);
  localStorage.setItem('handover.credential', 'hvt_test');
  const { liveStore } = await import('../../stores/live-store');
  const { organisationsStore } = await import('../../stores/organisations-store');
  const { EntryScreen } = await import('./entry-screen');
  organisationsStore.setState({ status: 'ready', directory: directoryFixture });
  liveStore.getState().reset('release-test');
  liveStore.getState().snapshot(
    [
      waitingHandover('a', NOW - 50 * MINUTE, {
        callsign: 'WM777',
        releaseRequests: [{ requestedAt: NOW - 4 * MINUTE, requestedBy: control }],
      }),
      waitingHandover('b', NOW - 10 * MINUTE, { callsign: 'WM888' }),
    ],
    '1-0',
    NOW,
    NOW,
  );
  render(<EntryScreen siteCode="RRK15" />);
}

const created = () =>
  new Response(JSON.stringify({ outcome: 'accepted' }), {
    status: 201,
    headers: { 'content-type': 'application/json' },
  });

const row = (handoverId: string) => {
  const found = screen
    .getAllByTestId('entry-row')
    .find((element) => element.dataset.handoverId === handoverId);
  if (found === undefined) throw new Error(`No row for ${handoverId}`);
  return found;
};

/** What a screen reader reads after a field's name: the elements its aria-describedby lists. */
const description = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('answering a release request on the entry page', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('says who asked and when, only on the crew asked for', async () => {
    await renderEntry(async () => created());
    const panel = within(row('a')).getByTestId('release-answer');
    expect(panel.textContent).toContain('Release requested by West Midlands Ambulance Service control room');
    expect(panel.textContent).toContain('(4 min ago)');
    expect(within(row('b')).queryByTestId('release-answer')).toBeNull();
  });

  it('“Release crew” sends release_responded released through the outbox', async () => {
    const bodies: Record<string, unknown>[] = [];
    await renderEntry(async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return created();
    });
    await act(async () => {
      fireEvent.click(
        within(row('a')).getByRole('button', {
          name: 'Release crew: WM777, West Midlands Ambulance Service',
        }),
      );
    });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({
      type: 'release_responded',
      handoverId: 'a',
      outcome: 'released',
      at: new Date(NOW).toISOString(),
    });
    expect(bodies[0]).not.toHaveProperty('reason');
    expect(screen.getByTestId('outbox-count').dataset.count).toBe('0');
  });

  it('“Decline…” needs a reason, then sends release_responded declined with it', async () => {
    const bodies: Record<string, unknown>[] = [];
    await renderEntry(async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return created();
    });
    fireEvent.click(within(row('a')).getByRole('button', { name: /^Decline release: WM777/ }));
    const dialog = screen.getByRole('dialog', { name: 'Decline release of WM777' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline release' }));
    expect(within(dialog).getByText('Enter why the crew cannot be released')).toBeDefined();
    expect(bodies).toHaveLength(0);
    // Focus goes back to the field, which names its error for screen readers.
    const reason = within(dialog).getByLabelText('Reason');
    expect(document.activeElement).toBe(reason);
    expect(description(reason)).toContain('Error: Enter why the crew cannot be released');

    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: '  Resus full  ' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Decline release' }));
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bodies).toEqual([
      expect.objectContaining({
        type: 'release_responded',
        handoverId: 'a',
        outcome: 'declined',
        reason: 'Resus full',
      }),
    ]);
  });

  it('keeps the answer on the tablet while offline and sends the same event later', async () => {
    const bodies: string[] = [];
    let online = false;
    await renderEntry(async (_url, init) => {
      bodies.push(String(init?.body));
      if (!online) throw new TypeError('Failed to fetch');
      return created();
    });
    await act(async () => {
      fireEvent.click(within(row('a')).getByRole('button', { name: /^Release crew: WM777/ }));
    });
    expect(screen.getByTestId('outbox-count').dataset.count).toBe('1');
    expect(localStorage.getItem('handover.outbox.v1')).toContain('release_responded');
    // Staff see their answer at once (the outbox's preview), so nobody presses twice.
    expect(within(row('a')).queryByTestId('release-answer')).toBeNull();
    expect(row('a').textContent).toContain('Crew released');
    online = true;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send now' }));
    });
    expect(screen.getByTestId('outbox-count').dataset.count).toBe('0');
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toBe(bodies[1]);
  });
});
