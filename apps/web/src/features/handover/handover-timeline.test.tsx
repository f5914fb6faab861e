import { ENGLAND_2025 } from '@handover/domain';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { directoryFixture } from '../../test-support/organisations-fixture';
import { HandoverTimeline } from './handover-timeline';
import type { HandoverView } from './handover-view';
import { timelineEntries } from './timeline-entries';

const view: HandoverView = {
  handoverId: 'h-1',
  siteCode: 'RRK15',
  ambulanceTrustCode: 'RYA',
  callsign: 'WM123',
  category: 2,
  state: 'closed',
  preAlerted: true,
  expectedAt: '2026-01-12T09:55:00.000Z',
  arrivedAt: '2026-01-12T10:00:00.000Z',
  crewHandedOverAt: '2026-01-12T10:40:00.000Z',
  edHandedOverAt: '2026-01-12T10:47:00.000Z',
  handedOverAt: '2026-01-12T10:40:00.000Z',
  clearedAt: '2026-01-12T10:55:00.000Z',
  clockSeconds: 2400,
  band: 'over_30',
  disputed: true,
  cancelled: null,
  releaseRequests: [
    {
      requestedAt: '2026-01-12T10:30:00.000Z',
      requestedBy: 'RYA control room',
      respondedAt: '2026-01-12T10:34:00.000Z',
      respondedBy: 'QEHB ED tablet',
      outcome: 'declined',
      reason: 'Resus full',
    },
    {
      requestedAt: '2026-01-12T10:38:00.000Z',
      requestedBy: 'RYA control room',
      respondedAt: null,
      respondedBy: null,
      outcome: null,
      reason: null,
    },
  ],
  corrections: [
    {
      field: 'arrivedAt',
      oldValue: '2026-01-12T10:05:00.000Z',
      newValue: '2026-01-12T10:00:00.000Z',
      reason: 'Arrival pressed late',
      at: '2026-01-12T11:00:00.000Z',
      recordedAt: '2026-01-12T11:00:02.000Z',
      by: 'QEHB ED tablet',
    },
    {
      field: 'category',
      oldValue: null,
      newValue: 2,
      reason: 'Category not given at arrival',
      at: '2026-01-12T11:05:00.000Z',
      recordedAt: '2026-01-12T11:05:01.000Z',
      by: 'West Midlands CAD feed',
    },
    {
      field: 'callsign',
      oldValue: 'WM132',
      newValue: 'WM123',
      reason: 'Digits swapped',
      at: '2026-01-12T11:06:00.000Z',
      recordedAt: '2026-01-12T11:06:00.000Z',
      by: 'Site manager',
    },
  ],
};

const NOW = Date.parse('2026-01-12T12:00:00Z');

describe('handover timeline', () => {
  it('renders every correction with what changed, its reason and its author', () => {
    render(<HandoverTimeline view={view} directory={directoryFixture} thresholds={ENGLAND_2025} now={NOW} />);
    const corrections = screen
      .getAllByTestId('timeline-entry')
      .filter((entry) => entry.dataset.kind === 'corrected');
    expect(corrections).toHaveLength(3);
    const [arrival, category, callsign] = corrections;
    expect(arrival?.textContent).toContain('Arrival time corrected');
    expect(arrival?.textContent).toContain('From 10:05:00 to 10:00:00');
    expect(within(arrival as HTMLElement).getByText('Arrival pressed late')).toBeDefined();
    expect(arrival?.textContent).toContain('By: QEHB ED tablet');
    expect(category?.textContent).toContain('From not recorded to 2');
    expect(category?.textContent).toContain('Reason: Category not given at arrival');
    expect(category?.textContent).toContain('By: West Midlands CAD feed');
    expect(callsign?.textContent).toContain('From WM132 to WM123');
    expect(callsign?.textContent).toContain('Reason: Digits swapped');
    expect(callsign?.textContent).toContain('By: Site manager');
  });

  it('shows arrival, both handover stamps, clear and every release request in time order', () => {
    render(<HandoverTimeline view={view} directory={directoryFixture} thresholds={ENGLAND_2025} now={NOW} />);
    const kinds = screen.getAllByTestId('timeline-entry').map((entry) => entry.dataset.kind);
    expect(kinds).toEqual([
      'arrived',
      'release_requested',
      'release_answered',
      'release_requested',
      'handed_over_crew',
      'handed_over_ed',
      'cleared',
      'corrected',
      'corrected',
      'corrected',
    ]);
    const declined = screen.getAllByTestId('timeline-entry')[2];
    expect(declined?.textContent).toContain('Release declined by the ED');
    expect(declined?.textContent).toContain('answered after 4 minutes');
    expect(declined?.textContent).toContain('Reason: Resus full');
    expect(screen.getAllByTestId('timeline-entry')[4]?.textContent).toContain('The reported handover time');
    expect(screen.getByTestId('disputed').textContent).toContain('differ by more than 5');
    expect(screen.getByText('Queen Elizabeth Hospital Birmingham')).toBeDefined();
    expect(screen.getByText('40:00')).toBeDefined();
  });

  it('dates a corrected time that falls on another day', () => {
    const moved: HandoverView = {
      ...view,
      corrections: [
        {
          field: 'arrivedAt',
          oldValue: '2026-01-07T08:28:44.000Z',
          newValue: '2026-01-12T09:28:44.000Z',
          reason: 'Wrong day',
          at: '2026-01-12T11:00:00.000Z',
          recordedAt: '2026-01-12T11:00:00.000Z',
          by: 'QEHB ED tablet',
        },
      ],
    };
    const correction = timelineEntries(moved, NOW).find((entry) => entry.kind === 'corrected');
    expect(correction?.detail).toBe('From 08:28:44 (7 Jan) to 09:28:44');
  });

  it('leaves out stamps not recorded and says when a crew cleared before handover', () => {
    const cohorted: HandoverView = {
      ...view,
      state: 'cohorted',
      crewHandedOverAt: null,
      edHandedOverAt: null,
      handedOverAt: null,
      clearedAt: '2026-01-12T10:20:00.000Z',
      releaseRequests: [],
      corrections: [],
    };
    const entries = timelineEntries(cohorted, NOW);
    expect(entries.map((entry) => entry.kind)).toEqual(['arrived', 'cleared']);
    expect(entries[1]?.detail).toContain('cohorted');
  });
});
