import { act, render, screen } from '@testing-library/react';
import { Profiler, useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveStore } from '../../stores/live-store';
import { tickStore } from '../../stores/tick-store';
import { T0 } from '../../test-support/handover-fixtures';
import { Elapsed, useTickingText } from './elapsed';

function TickingText({ text, testId }: { text: () => string; testId?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useTickingText(ref, text);
  return (
    <span ref={ref} data-testid={testId}>
      {text()}
    </span>
  );
}

function tickTo(now: number) {
  vi.setSystemTime(now);
  act(() => tickStore.setState({ now }));
}

describe('text that ticks on its own', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    liveStore.getState().reset('elapsed-test');
    tickStore.setState({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rewrites its text node on every tick without a render', () => {
    const commits = vi.fn();
    render(
      <Profiler id="text" onRender={commits}>
        <TickingText testId="text" text={() => `${(Date.now() - T0) / 1_000} s`} />
      </Profiler>,
    );
    const element = screen.getByTestId('text');
    const node = element.firstChild;
    expect(element.textContent).toBe('0 s');
    const rendered = commits.mock.calls.length;
    tickTo(T0 + 1_000);
    tickTo(T0 + 2_000);
    expect(element.textContent).toBe('2 s');
    expect(element.firstChild).toBe(node);
    expect(commits.mock.calls.length).toBe(rendered);
  });

  it('stops ticking once unmounted', () => {
    const text = vi.fn(() => 'x');
    const { unmount } = render(<TickingText text={text} />);
    unmount();
    text.mockClear();
    tickTo(T0 + 1_000);
    expect(text).not.toHaveBeenCalled();
  });

  it('shows what a render computed, even when an earlier tick wrote a later time (clock corrected back)', () => {
    const { rerender } = render(<Elapsed since={T0 - 60_000} />);
    const timer = screen.getByRole('timer');
    tickTo(T0 + 5_000);
    expect(timer.textContent).toBe('01:05');
    // The server turns out to be 5 seconds behind this machine: a render now computes 01:00 again,
    // the same text React rendered first, so React alone would leave 01:05 on screen.
    act(() => liveStore.getState().ping(T0, T0 + 5_000));
    rerender(<Elapsed since={T0 - 60_000} />);
    expect(timer.textContent).toBe('01:00');
  });
});
