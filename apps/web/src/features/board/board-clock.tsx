import { formatLondonDate, formatLondonTime } from '../../shared/lib/format-time';
import { serverNow } from '../../stores/live-store';
import { useTickNow } from '../../stores/tick-store';

/** The time on the shared (server) clock, UK time. */
export function BoardClock() {
  useTickNow();
  const now = serverNow();
  return (
    <p className="board-clock">
      <time className="board-clock__time">{formatLondonTime(now)}</time>
      <span className="board-clock__date">{formatLondonDate(now)}</span>
    </p>
  );
}
