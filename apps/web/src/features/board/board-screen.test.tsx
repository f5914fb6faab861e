import { ENGLAND_2025, type Handover } from '@handover/domain';
import { act, render, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveStore } from '../../stores/live-store';
import { organisationsStore } from '../../stores/organisations-store';
import { tickStore } from '../../stores/tick-store';
import { MINUTE, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { directoryFixture } from '../../test-support/organisations-fixture';
import { BoardScreen } from './board-screen';
import { HandoverGrid } from './handover-grid';

const NOW = T0 + 90 * MINUTE;

function load(handovers: Handover[]) {
  liveStore.getState().reset('board-test');
  liveStore.getState().snapshot(handovers, '1-0', NOW, NOW);
}

function setNow(now: number) {
  vi.setSystemTime(now);
  act(() => tickStore.setState({ now }));
}

const row = (handoverId: string) => {
  const found = screen
    .getAllByTestId('handover-row')
    .find((element) => element.dataset.handoverId === handoverId);
  if (found === undefined) throw new Error(`No row for ${handoverId}`);
  return found;
};

describe('ED wall display', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    tickStore.setState({ now: NOW });
    organisationsStore.setState({ status: 'ready', directory: directoryFixture });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows every band with its label and its own icon, longest wait first', () => {
    load([
      waitingHandover('a', NOW - 5 * MINUTE),
      waitingHandover('b', NOW - 16 * MINUTE),
      waitingHandover('c', NOW - 31 * MINUTE),
      waitingHandover('d', NOW - 46 * MINUTE),
      waitingHandover('e', NOW - 61 * MINUTE),
    ]);
    render(<BoardScreen siteCode="RRK15" />);

    const rows = screen.getAllByTestId('handover-row');
    expect(rows.map((r) => r.dataset.handoverId)).toEqual(['e', 'd', 'c', 'b', 'a']);
    const expected = [
      ['a', 'on_target', 'Within 15 min', 'check'],
      ['b', 'over_15', 'Over 15 min', 'clock'],
      ['c', 'over_30', 'Over 30 min', 'alert'],
      ['d', 'release_due', 'Over 45 min: release due', 'hand'],
      ['e', 'over_60', 'Over 60 min', 'siren'],
    ] as const;
    for (const [id, band, label, icon] of expected) {
      const element = row(id);
      expect(element.dataset.band).toBe(band);
      expect(element.textContent).toContain(label);
      expect(element.querySelector('.handover-row__flag svg')?.getAttribute('data-icon')).toBe(icon);
    }
    expect(row('d').textContent).toContain('46:00');
    expect(row('e').textContent).toContain('1:01:00');
  });

  it('shows callsign, ambulance service, category, arrival time and the marks', () => {
    load([
      waitingHandover('a', NOW - 20 * MINUTE, {
        callsign: 'WM123',
        preAlerted: true,
        category: 1,
        releaseRequests: [
          {
            requestedAt: NOW - 2 * MINUTE,
            requestedBy: { credentialId: 'c', role: 'control', label: 'Control' },
          },
        ],
      }),
      waitingHandover('b', NOW - 10 * MINUTE, { state: 'cohorted', clearedAt: NOW - MINUTE }),
      waitingHandover('c', NOW - 40 * MINUTE, {
        state: 'handed_over',
        crewHandedOverAt: NOW - 30 * MINUTE,
        edHandedOverAt: NOW - 20 * MINUTE,
      }),
    ]);
    render(<BoardScreen siteCode="RRK15" />);

    const first = row('a').textContent ?? '';
    expect(first).toContain('WM123');
    expect(first).toContain('West Midlands');
    expect(first).toContain('Cat 1');
    expect(first).toContain('Arrived 11:10');
    expect(first).toContain('Pre-alert');
    expect(first).toContain('Release requested');
    expect(row('b').textContent).toContain('Cohorted');
    // Handed over, crew not clear: a stopped clock at the crew's stamp, marked disputed (10 minutes apart).
    expect(row('c').textContent).toContain('Handed over 11:00');
    expect(row('c').textContent).toContain('Disputed');
    expect(row('c').textContent).toContain('10:00');
  });

  it('dates an arrival from the day before, also when midnight passes while the patient waits', () => {
    const evening = Date.parse('2026-01-12T23:50:00Z');
    vi.setSystemTime(evening);
    tickStore.setState({ now: evening });
    liveStore.getState().reset('board-test');
    liveStore
      .getState()
      .snapshot(
        [
          waitingHandover('a', evening - 20 * MINUTE),
          waitingHandover('b', Date.parse('2026-01-11T23:55:00Z')),
        ],
        '1-0',
        evening,
        evening,
      );
    render(<BoardScreen siteCode="RRK15" />);
    const facts = (handoverId: string) =>
      [...row(handoverId).querySelectorAll('.handover-row__fact')].map((fact) => fact.textContent);
    expect(facts('a')).toContain('Arrived 23:30');
    expect(facts('b')).toContain('Arrived 23:55 (11 Jan)');
    setNow(Date.parse('2026-01-13T00:00:01Z'));
    expect(facts('a')).toContain('Arrived 23:30 (12 Jan)');
  });

  it('leads with the 15-minute figures and the site name', () => {
    load([waitingHandover('a', NOW - 20 * MINUTE), waitingHandover('b', NOW - 5 * MINUTE)]);
    render(<BoardScreen siteCode="RRK15" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Queen Elizabeth Hospital Birmingham');
    expect(screen.getByTestId('figure-waiting').textContent).toContain('2');
    expect(screen.getByTestId('figure-waiting').textContent).toContain('1 over 15 min');
    expect(screen.getByTestId('figure-longest').textContent).toContain('20:00');
    expect(screen.getByTestId('figure-within-target').textContent).toContain('Within 15 min today');
    expect(screen.getByTestId('figure-hours-lost').textContent).toContain('0 h 05 min');
    expect(screen.getByTestId('figure-hours-lost').textContent).toContain('beyond 15 min, incl. waiting now');
  });

  it('lists pre-alerted ambulances as inbound, not as waiting', () => {
    load([
      {
        ...waitingHandover('p', NOW, { callsign: 'WM900' }),
        state: 'inbound',
        preAlerted: true,
        arrivedAt: undefined,
        expectedAt: NOW + 6 * MINUTE,
      },
    ]);
    render(<BoardScreen siteCode="RRK15" />);
    expect(screen.queryAllByTestId('handover-row')).toHaveLength(0);
    expect(screen.getByText('No ambulances waiting')).toBeDefined();
    const inbound = screen.getByTestId('inbound-row').textContent ?? '';
    expect(inbound).toContain('WM900');
    expect(inbound).toContain('ETA 11:36 (in 6 min)');
  });

  it('moves a row into the next band when its time comes', () => {
    load([waitingHandover('a', NOW - 14 * MINUTE - 59_000)]);
    render(<BoardScreen siteCode="RRK15" />);
    expect(row('a').dataset.band).toBe('on_target');
    act(() => {
      vi.advanceTimersByTime(1_001);
    });
    expect(row('a').dataset.band).toBe('over_15');
    expect(row('a').textContent).toContain('Over 15 min');
  });

  it('ticks the timers without re-rendering the list', () => {
    const handovers = Array.from({ length: 30 }, (_, i) => waitingHandover(`h${i}`, NOW - (i + 1) * MINUTE));
    load(handovers);
    const commits = vi.fn();
    render(
      <Profiler id="grid" onRender={commits}>
        <HandoverGrid
          waiting={handovers.toReversed()}
          awaitingClear={[]}
          thresholds={ENGLAND_2025}
          onBandChange={() => undefined}
        />
      </Profiler>,
    );
    const committed = commits.mock.calls.length;
    expect(row('h0').textContent).toContain('01:00');
    setNow(NOW + 5_000);
    expect(row('h0').textContent).toContain('01:05');
    expect(commits.mock.calls.length).toBe(committed);
  });

  it('takes a corrected server clock without re-rendering, and still changes band on time', () => {
    const handovers = [waitingHandover('a', NOW - 14 * MINUTE - 59_000)];
    load(handovers);
    const commits = vi.fn();
    render(
      <Profiler id="grid" onRender={commits}>
        <HandoverGrid
          waiting={handovers}
          awaitingClear={[]}
          thresholds={ENGLAND_2025}
          onBandChange={() => undefined}
        />
      </Profiler>,
    );
    const committed = commits.mock.calls.length;
    // A ping: the server's clock is half a second ahead of this one.
    act(() => liveStore.getState().ping(NOW + 500, NOW));
    expect(commits.mock.calls.length).toBe(committed);
    act(() => {
      vi.advanceTimersByTime(501);
    });
    expect(row('a').dataset.band).toBe('over_15');
  });

  it('re-renders nothing on a tick: the timers, the longest wait, hours lost and the age write their own text', () => {
    load([
      waitingHandover('a', NOW - 61 * MINUTE),
      waitingHandover('b', NOW - 20 * MINUTE - 40_000),
      waitingHandover('c', NOW - 5 * MINUTE),
    ]);
    const commits = vi.fn();
    render(
      <Profiler id="board" onRender={commits}>
        <BoardScreen siteCode="RRK15" />
      </Profiler>,
    );
    const longest = () => screen.getByTestId('figure-longest').textContent;
    const hoursLost = () => screen.getByTestId('figure-hours-lost').textContent;
    const banner = () => screen.getByTestId('connection-banner').textContent;
    expect(longest()).toContain('1:01:00');
    expect(hoursLost()).toContain('0 h 51 min');
    const committed = commits.mock.calls.length;
    // 14 seconds: the data is not yet stale (which would re-render the banner and the frame).
    for (let second = 1; second <= 14; second++) setNow(NOW + second * 1_000);
    expect(commits.mock.calls.length).toBe(committed);
    expect(within(row('c')).getByRole('timer').textContent).toBe('05:14');
    expect(longest()).toContain('1:01:14');
    // Two patients beyond 15 minutes lose a second each per second: 51:40 + 28 s.
    expect(hoursLost()).toContain('0 h 52 min');
    expect(banner()).toBe('Live');
    expect(screen.getByTestId('figure-waiting').textContent).toContain('2 over 15 min');
    // A count that changes re-renders the figures.
    setNow(NOW + 10 * MINUTE + 1_000);
    expect(screen.getByTestId('figure-waiting').textContent).toContain('3 over 15 min');
    expect(longest()).toContain('1:11:01');
  });

  it('rewrites each timer in place and gives its box the length of its text', () => {
    load([waitingHandover('a', NOW - 59 * MINUTE - 59_000)]);
    render(<BoardScreen siteCode="RRK15" />);
    const timer = within(row('a')).getByRole('timer');
    const text = timer.firstChild;
    expect(timer.textContent).toBe('59:59');
    expect(timer.style.getPropertyValue('--chars')).toBe('5');
    setNow(NOW + 1_000);
    expect(timer.textContent).toBe('1:00:00');
    expect(timer.style.getPropertyValue('--chars')).toBe('7');
    expect(timer.firstChild).toBe(text);
  });

  it('fits 40 ambulances without scrolling and says how many more when even more wait', () => {
    const many = Array.from({ length: 60 }, (_, i) => waitingHandover(`h${i}`, NOW - (i + 1) * MINUTE));
    load(many);
    render(<BoardScreen siteCode="RRK15" />);
    const list = screen.getByRole('list', { name: 'Ambulances at the ED' });
    const shown = within(list).getAllByTestId('handover-row');
    expect(shown.length).toBeLessThan(60);
    expect(screen.getByTestId('more-rows').textContent).toContain(`+ ${60 - shown.length} more waiting`);
    // The longest waits are the ones shown.
    expect(shown[0]?.dataset.handoverId).toBe('h59');
  });
});
