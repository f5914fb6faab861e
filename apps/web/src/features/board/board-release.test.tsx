import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveStore } from '../../stores/live-store';
import { organisationsStore } from '../../stores/organisations-store';
import { tickStore } from '../../stores/tick-store';
import { MINUTE, recorded, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { directoryFixture } from '../../test-support/organisations-fixture';
import { BoardScreen } from './board-screen';

const NOW = T0 + 90 * MINUTE;
const control = { credentialId: 'c', role: 'control', label: 'RYA control room' };

const rowOf = (handoverId: string) =>
  screen.getAllByTestId('handover-row').find((element) => element.dataset.handoverId === handoverId);

describe('release requests on the wall display', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    tickStore.setState({ now: NOW });
    organisationsStore.setState({ status: 'ready', directory: directoryFixture });
    liveStore.getState().reset('board-release');
    liveStore.getState().snapshot(
      [
        waitingHandover('a', NOW - 50 * MINUTE, {
          releaseRequests: [{ requestedAt: NOW - 2 * MINUTE, requestedBy: control }],
        }),
        waitingHandover('b', NOW - 48 * MINUTE, {
          releaseRequests: [{ requestedAt: NOW - 2 * MINUTE, requestedBy: control }],
        }),
      ],
      '1-0',
      NOW,
      NOW,
    );
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('marks the ED’s answer as soon as it arrives live: released or declined', () => {
    render(<BoardScreen siteCode="RRK15" />);
    expect(rowOf('a')?.textContent).toContain('Release requested');
    expect(rowOf('b')?.textContent).toContain('Release requested');

    act(() => {
      liveStore.getState().events(
        [
          recorded(
            {
              type: 'release_responded',
              eventId: 'answer-a',
              handoverId: 'a',
              at: new Date(NOW).toISOString(),
              outcome: 'declined',
              reason: 'Resus full',
            },
            '2-0',
          ),
          recorded(
            {
              type: 'release_responded',
              eventId: 'answer-b',
              handoverId: 'b',
              at: new Date(NOW).toISOString(),
              outcome: 'released',
            },
            '3-0',
          ),
        ],
        NOW,
      );
    });
    expect(rowOf('a')?.textContent).toContain('Release declined');
    expect(rowOf('a')?.textContent).not.toContain('Release requested');
    expect(rowOf('b')?.textContent).toMatch(/Crew released \d\d:\d\d/);
  });
});
