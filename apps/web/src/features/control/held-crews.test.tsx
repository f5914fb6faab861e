import { ENGLAND_2025 } from '@handover/domain';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveStore } from '../../stores/live-store';
import { MINUTE, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { directoryFixture } from '../../test-support/organisations-fixture';
import { HeldCrews } from './held-crews';

const NOW = T0 + 60 * MINUTE;
const control = { credentialId: 'c', role: 'control', label: 'RYA control room' };

function renderCrews(
  handovers = [waitingHandover('a', NOW - 50 * MINUTE, { callsign: 'WM101' })],
  canRequest = true,
) {
  return render(
    <HeldCrews
      held={handovers}
      now={NOW}
      thresholds={ENGLAND_2025}
      directory={directoryFixture}
      token="hvt_control"
      canRequest={canRequest}
    />,
  );
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('crews held and Release to Respond', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    liveStore.getState().reset('control-test');
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks for confirmation, then sends release_requested with the page’s credential', async () => {
    const calls: { url: string; auth: string | null; body: Record<string, unknown> }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({
        url,
        auth: new Headers(init.headers).get('authorization'),
        body: JSON.parse(String(init.body)),
      });
      return json(201, { outcome: 'accepted' });
    });
    renderCrews();
    fireEvent.click(
      screen.getByRole('button', { name: 'Request release: WM101 at Queen Elizabeth Hospital Birmingham' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Request release of WM101?' });
    expect(dialog.textContent).toContain('The crew has waited 50 min');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Send release request' }));
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/api/v1/events');
    expect(calls[0]?.auth).toBe('Bearer hvt_control');
    expect(calls[0]?.body).toMatchObject({
      type: 'release_requested',
      handoverId: 'a',
      at: new Date(NOW).toISOString(),
    });
    expect(typeof calls[0]?.body.eventId).toBe('string');
  });

  it('shows the server’s refusal in its own words', async () => {
    vi.stubGlobal('fetch', async () =>
      json(403, {
        error: {
          code: 'FORBIDDEN',
          message: 'Handover a is outside this credential’s scope (ambulance_trust:RX9).',
        },
      }),
    );
    renderCrews();
    fireEvent.click(screen.getByRole('button', { name: /^Request release: WM101/ }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send release request' }));
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'Not sent: Handover a is outside this credential’s scope (ambulance_trust:RX9).',
    );
  });

  it('shows the open request, and the ED’s answer when it arrives', () => {
    const open = waitingHandover('a', NOW - 50 * MINUTE, {
      callsign: 'WM101',
      releaseRequests: [{ requestedAt: NOW - 3 * MINUTE, requestedBy: control }],
    });
    const { rerender } = renderCrews([open]);
    expect(screen.getByTestId('release-status').textContent).toContain('no answer yet (3 min)');
    expect(screen.queryByRole('button', { name: /^Request release/ })).toBeNull();

    const declined = {
      ...open,
      releaseRequests: [
        {
          requestedAt: NOW - 3 * MINUTE,
          requestedBy: control,
          respondedAt: NOW - MINUTE,
          respondedBy: { credentialId: 'e', role: 'ed', label: 'QEHB ED' },
          outcome: 'declined' as const,
          reason: 'Resus full',
        },
      ],
    };
    rerender(
      <HeldCrews
        held={[declined]}
        now={NOW}
        thresholds={ENGLAND_2025}
        directory={directoryFixture}
        token="hvt_control"
        canRequest
      />,
    );
    expect(screen.getByTestId('release-status').textContent).toMatch(/^Declined \d\d:\d\d: Resus full$/);
    expect(screen.getByRole('button', { name: /^Ask again: WM101/ })).toBeDefined();
  });

  it('dates the times of a crew held since yesterday', () => {
    // 11:00 now: arrived at 23:30 yesterday, release asked for at 23:50.
    renderCrews([
      waitingHandover('a', NOW - 690 * MINUTE, {
        callsign: 'WM101',
        releaseRequests: [{ requestedAt: NOW - 670 * MINUTE, requestedBy: control }],
      }),
    ]);
    expect(screen.getByTestId('held-crew').textContent).toContain('Arrived 23:30 (11 Jan)');
    expect(screen.getByTestId('release-status').textContent).toContain('Release requested 23:50 (11 Jan) ·');
  });

  it('offers no request to a credential that may not make one', () => {
    renderCrews(undefined, false);
    expect(screen.queryByRole('button', { name: /^Request release/ })).toBeNull();
    expect(screen.getByText(/needs a control room credential/)).toBeDefined();
  });
});
