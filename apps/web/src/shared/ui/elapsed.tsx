import { useEffect, useRef } from 'react';
import { serverNow } from '../../stores/live-store';
import { tickStore } from '../../stores/tick-store';
import { formatClock } from '../lib/format-duration';

function clockText(since: number, until: number | undefined): string {
  return formatClock((until ?? serverNow()) - since);
}

/**
 * A clock counting up from `since` (server time) that ticks once a second by writing its own text:
 * the row it sits in does not re-render. Stops at `until` when given (a handover already made).
 */
export function Elapsed({ since, until, className }: { since: number; until?: number; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const update = () => {
      if (ref.current !== null) ref.current.textContent = clockText(since, until);
    };
    update();
    if (until !== undefined) return;
    return tickStore.subscribe(update);
  }, [since, until]);

  return (
    <span ref={ref} className={className} role="timer">
      {clockText(since, until)}
    </span>
  );
}
