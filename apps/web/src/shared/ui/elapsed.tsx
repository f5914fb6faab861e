import { type CSSProperties, type RefObject, useEffect, useLayoutEffect, useRef } from 'react';
import { serverNow } from '../../stores/live-store';
import { tickStore } from '../../stores/tick-store';
import { formatClock } from '../lib/format-duration';

/**
 * Keeps `ref`'s text equal to `text()`: after every render, and on every tick of the shared clock by
 * writing the text node itself, so that whatever holds it does not re-render once a second.
 * `onText` hears each new text (to size a box to it, say).
 */
export function useTickingText(
  ref: RefObject<HTMLElement | null>,
  text: () => string,
  onText?: (element: HTMLElement, text: string) => void,
): void {
  // The latest closures, without re-subscribing on every render.
  const latest = useRef({ text, onText });
  latest.current = { text, onText };
  const update = useRef(() => {
    const element = ref.current;
    if (element === null) return;
    const next = latest.current.text();
    // Change the text node in place: replacing it (textContent) would rebuild its layout objects.
    const node = element.firstChild;
    if (node instanceof Text && node.nextSibling === null) {
      if (node.data === next) return;
      node.data = next;
    } else {
      element.textContent = next;
    }
    latest.current.onText?.(element, next);
  }).current;

  // A render may have written an older text than the last tick did (a server clock corrected backwards).
  useLayoutEffect(update);
  useEffect(() => tickStore.subscribe(update), [update]);
}

function clockText(since: number, until: number | undefined): string {
  return formatClock((until ?? serverNow()) - since);
}

/**
 * A clock counting up from `since` (server time) that ticks once a second by writing its own text:
 * the row it sits in does not re-render. Stops at `until` when given (a handover already made).
 * `--chars` holds the text's length, so a fixed-size box (see the board's timers) can fit it exactly.
 */
export function Elapsed({ since, until, className }: { since: number; until?: number; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const text = clockText(since, until);
  const chars = useRef(text.length);
  useTickingText(
    ref,
    () => clockText(since, until),
    (element, next) => {
      // Changes once an hour at most ("59:59" to "1:00:00"): a style write would restyle the box every tick.
      if (next.length === chars.current) return;
      chars.current = next.length;
      element.style.setProperty('--chars', String(next.length));
    },
  );
  return (
    <span ref={ref} className={className} role="timer" style={{ '--chars': text.length } as CSSProperties}>
      {text}
    </span>
  );
}
