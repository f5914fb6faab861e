import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveStore } from '../../stores/live-store';
import { tickStore } from '../../stores/tick-store';
import { T0 } from '../../test-support/handover-fixtures';
import { ConnectionBanner } from './connection-banner';

function at(now: number) {
  vi.setSystemTime(now);
  act(() => tickStore.setState({ now }));
}

describe('connection banner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    tickStore.setState({ now: T0 });
    liveStore.getState().reset('test');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const banner = () => screen.getByTestId('connection-banner');

  it('says connecting before the first data', () => {
    act(() => liveStore.getState().connecting(T0));
    render(<ConnectionBanner size="wall" />);
    expect(banner().dataset.state).toBe('connecting');
    expect(banner().textContent).toContain('Connecting…');
  });

  it('is a quiet live strip that does not change while messages arrive', () => {
    act(() => liveStore.getState().snapshot([], '1-0', T0, T0));
    render(<ConnectionBanner size="wall" />);
    const text = banner().textContent;
    at(T0 + 4_000);
    expect(banner().dataset.state).toBe('live');
    expect(text).toBe('Live');
    expect(banner().textContent).toBe(text);
  });

  it('turns stale when connected but nothing is heard for three ping intervals', () => {
    act(() => liveStore.getState().snapshot([], '1-0', T0, T0));
    render(<ConnectionBanner size="wall" />);
    at(T0 + 15_000);
    expect(banner().dataset.state).toBe('live');
    at(T0 + 16_000);
    expect(banner().dataset.state).toBe('stale');
    expect(banner().textContent).toContain('No updates — data 16 s old');
  });

  it('says reconnecting with the age of the data, then offline after 30 seconds without success', () => {
    act(() => liveStore.getState().snapshot([], '1-0', T0, T0));
    act(() => liveStore.getState().disconnected(T0 + 1_000));
    render(<ConnectionBanner size="wall" />);
    at(T0 + 45_000 - 14_000);
    expect(banner().dataset.state).toBe('reconnecting');
    expect(banner().textContent).toContain('Reconnecting — data 31 s old');
    at(T0 + 45_000);
    expect(banner().dataset.state).toBe('offline');
    expect(banner().textContent).toContain('Offline — data 45 s old');
    expect(banner().textContent).toContain('NOT up to date');
  });

  it('says recording is paused, not offline, while the server cannot record, and live once it is back', () => {
    act(() => liveStore.getState().snapshot([], '1-0', T0, T0));
    act(() => liveStore.getState().disconnected(T0 + 1_000, true));
    render(<ConnectionBanner size="wall" />);
    at(T0 + 45_000);
    expect(banner().dataset.state).toBe('reconnecting');
    expect(banner().textContent).toContain('Reconnecting — recording paused, data 45 s old');
    expect(banner().textContent).toContain('The server cannot record events right now');
    expect(banner().textContent).not.toContain('network');
    act(() => liveStore.getState().resumed(T0 + 46_000, T0 + 46_000));
    at(T0 + 46_000);
    expect(banner().dataset.state).toBe('live');
  });

  it('shows refusal', () => {
    act(() => liveStore.getState().refused('forbidden', 'No'));
    render(<ConnectionBanner />);
    expect(banner().dataset.state).toBe('refused');
  });

  it('ticks the age of old data without re-rendering, and re-renders when the state changes', () => {
    act(() => liveStore.getState().snapshot([], '1-0', T0, T0));
    act(() => liveStore.getState().disconnected(T0));
    const commits = vi.fn();
    render(
      <Profiler id="banner" onRender={commits}>
        <ConnectionBanner size="wall" />
      </Profiler>,
    );
    const headline = banner().querySelector('.connection-banner__headline');
    const rendered = commits.mock.calls.length;
    at(T0 + 1_000);
    expect(banner().textContent).toContain('Reconnecting — data 1 s old');
    at(T0 + 2_000);
    expect(banner().textContent).toContain('Reconnecting — data 2 s old');
    expect(commits.mock.calls.length).toBe(rendered);
    // The same element, its text rewritten in place.
    expect(banner().querySelector('.connection-banner__headline')).toBe(headline);
    // Back, and heard from just now: live, without an age.
    act(() => liveStore.getState().resumed(T0 + 2_500, T0 + 2_500));
    at(T0 + 3_000);
    expect(banner().dataset.state).toBe('live');
    expect(banner().textContent).toBe('Live');
    at(T0 + 18_000);
    expect(banner().dataset.state).toBe('stale');
    expect(banner().textContent).toContain('No updates — data 15 s old');
    expect(commits.mock.calls.length).toBeGreaterThan(rendered);
  });
});
