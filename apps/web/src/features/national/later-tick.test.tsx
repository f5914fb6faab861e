import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tickStore } from '../../stores/tick-store';
import { useLaterTick } from './later-tick';

let renders = 0;

function Shown({ value, area, ticks = 1 }: { value: string; area: string; ticks?: number }) {
  renders++;
  return <p data-testid="shown">{useLaterTick(value, area, ticks)}</p>;
}

let now = 0;
const tick = () => {
  now += 1_000;
  act(() => tickStore.setState({ now }));
};
const shown = () => screen.getByTestId('shown').textContent;

describe('useLaterTick', () => {
  it('shows a new value at the next tick, not before', () => {
    const { rerender } = render(<Shown value="first" area="england" />);
    expect(shown()).toBe('first');
    rerender(<Shown value="second" area="england" />);
    expect(shown()).toBe('first');
    tick();
    expect(shown()).toBe('second');
    tick();
    expect(shown()).toBe('second');
  });

  it('waits as many ticks as asked', () => {
    const { rerender } = render(<Shown value="first" area="england" ticks={2} />);
    rerender(<Shown value="second" area="england" ticks={2} />);
    tick();
    expect(shown()).toBe('first');
    tick();
    expect(shown()).toBe('second');
  });

  it('does not render again on ticks that bring nothing new', () => {
    render(<Shown value="first" area="england" />);
    tick();
    const before = renders;
    tick();
    tick();
    expect(renders).toBe(before);
  });

  it('shows another area at once', () => {
    const { rerender } = render(<Shown value="England's" area="england" />);
    rerender(<Shown value="Midlands'" area="region:Y60" />);
    expect(shown()).toBe("Midlands'");
    tick();
    expect(shown()).toBe("Midlands'");
  });
});
