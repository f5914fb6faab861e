import { act, render, screen } from '@testing-library/react';
import { memo } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { type Feed, useFed, useFeed } from './chart-feed';

const betweenRenders = vi.fn();

function Reader({ feed }: { feed: Feed<number> }) {
  return <output>{useFed(feed)}</output>;
}

/** Stands for the recharts tree: it must not render again when only the fed value changes. */
const Between = memo(function Between({ feed }: { feed: Feed<number> }) {
  betweenRenders();
  return <Reader feed={feed} />;
});

function Chart({ value }: { value: number }) {
  return <Between feed={useFeed(value)} />;
}

describe('chart feeds', () => {
  it('hands a new value to its reader without rendering what lies between', () => {
    const { rerender } = render(<Chart value={1} />);
    expect(screen.getByRole('status').textContent).toBe('1');
    expect(betweenRenders).toHaveBeenCalledTimes(1);
    act(() => rerender(<Chart value={2} />));
    expect(screen.getByRole('status').textContent).toBe('2');
    expect(betweenRenders).toHaveBeenCalledTimes(1);
  });
});
