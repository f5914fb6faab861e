import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tickStore } from '../../stores/tick-store';
import { T0 } from '../../test-support/handover-fixtures';
import { LiveClock } from './live-clock';

describe('live clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the London time to the minute and re-renders only when the minute changes', () => {
    vi.useFakeTimers({ now: T0 });
    const commits = vi.fn();
    render(
      <Profiler id="clock" onRender={commits}>
        <LiveClock />
      </Profiler>,
    );
    const tickTo = (now: number) => {
      vi.setSystemTime(now);
      act(() => tickStore.setState({ now }));
    };
    expect(screen.getByRole('time').textContent).toBe('10:00');
    const rendered = commits.mock.calls.length;
    for (let second = 1; second < 60; second++) tickTo(T0 + second * 1_000);
    expect(commits.mock.calls.length).toBe(rendered);
    tickTo(T0 + 60_000);
    expect(screen.getByRole('time').textContent).toBe('10:01');
    expect(commits.mock.calls.length).toBe(rendered + 1);
  });
});
