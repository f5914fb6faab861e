import { type CSSProperties, useEffect, useRef } from 'react';
import { serverNow } from '../../stores/live-store';
import { tickStore } from '../../stores/tick-store';
import { formatClock } from '../lib/format-duration';

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

  useEffect(() => {
    let chars = -1;
    const update = () => {
      const element = ref.current;
      if (element === null) return;
      const text = clockText(since, until);
      // Change the text node in place: replacing it (textContent) would rebuild its layout objects.
      const node = element.firstChild;
      if (node instanceof Text) node.data = text;
      else element.textContent = text;
      // Changes once an hour at most ("59:59" to "1:00:00").
      if (text.length !== chars) {
        chars = text.length;
        element.style.setProperty('--chars', String(chars));
      }
    };
    update();
    if (until !== undefined) return;
    return tickStore.subscribe(update);
  }, [since, until]);

  const text = clockText(since, until);
  return (
    <span ref={ref} className={className} role="timer" style={{ '--chars': text.length } as CSSProperties}>
      {text}
    </span>
  );
}
