import { serverNow } from '../../stores/live-store';
import { useTickNow } from '../../stores/tick-store';
import { formatLondonDate, formatLondonTime } from '../lib/format-time';
import './nhs-header.css';

/** The time on the shared (server) clock, UK time, for screen headers. */
export function LiveClock({ className }: { className?: string }) {
  useTickNow();
  const now = serverNow();
  return (
    <p className={`live-clock ${className ?? ''}`}>
      <time className="live-clock__time">{formatLondonTime(now)}</time>
      <span className="live-clock__date">{formatLondonDate(now)}</span>
    </p>
  );
}
