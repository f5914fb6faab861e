import { useStore } from 'zustand';
import { serverNow } from '../../stores/live-store';
import { tickStore } from '../../stores/tick-store';
import { formatLondonDate, formatLondonTime } from '../lib/format-time';
import './nhs-header.css';

const MINUTE_MS = 60_000;

/** The time on the shared (server) clock, UK time, for screen headers. */
export function LiveClock({ className }: { className?: string }) {
  // It reads to the minute: re-rendered when the minute changes, not on every tick.
  const now = useStore(tickStore, () => Math.floor(serverNow() / MINUTE_MS) * MINUTE_MS);
  return (
    <p className={`live-clock ${className ?? ''}`}>
      <time className="live-clock__time">{formatLondonTime(now)}</time>
      <span className="live-clock__date">{formatLondonDate(now)}</span>
    </p>
  );
}
